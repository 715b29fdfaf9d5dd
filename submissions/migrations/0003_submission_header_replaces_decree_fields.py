"""The version's captured header; the decree fields give way to workflow.Decree (see workflow 0004).

Approved and superseded versions capture their header from the position as it stands now: the
best that can be known of it, and from here on it no longer follows the position.
"""

from django.db import migrations, models


def capture_headers(apps, schema_editor):
    Submission = apps.get_model("submissions", "Submission")
    frozen = Submission.objects.filter(state__in=["approved", "superseded"]).select_related(
        "position__opd__instansi"
    )
    for submission in frozen.prefetch_related("position__urusan").iterator(chunk_size=500):
        position = submission.position
        submission.header = {
            "position_name": position.name,
            "kind": position.kind,
            "rank": position.rank,
            "urusan": sorted(u.name for u in position.urusan.all()),
            "code": position.code.strip(),
            "sub_unit": position.sub_unit,
            "opd_name": position.opd.name,
            "instansi_name": position.opd.instansi.name,
        }
        submission.save(update_fields=["header"])


class Migration(migrations.Migration):
    dependencies = [
        ("submissions", "0002_role_assignment_opd_label"),
        ("workflow", "0005_decrees_from_submission_fields"),
    ]

    operations = [
        migrations.AddField(
            model_name="submission",
            name="header",
            field=models.JSONField(blank=True, default=dict, verbose_name="kepala dokumen (dibekukan)"),
        ),
        migrations.RunPython(capture_headers, migrations.RunPython.noop),
        migrations.RemoveField(model_name="submission", name="decree_date"),
        migrations.RemoveField(model_name="submission", name="decree_number"),
    ]
