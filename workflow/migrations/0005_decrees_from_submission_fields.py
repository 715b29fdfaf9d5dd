"""Carry the admin-only decree_number/decree_date of approved versions over to Decree rows.

Versions that share an instansi, number and date share one decree. A decree without a recorded
date takes the day the version was approved (or, lacking that, today): the field is required now.
"""

import datetime

from django.db import migrations

HEAD_FOR_INSTANSI_KIND = {"kabupaten": "bupati", "kota": "wali_kota", "provinsi": "gubernur"}
TITLE = "Penetapan Standar Kompetensi Jabatan"


def carry_over(apps, schema_editor):
    Submission = apps.get_model("submissions", "Submission")
    Decree = apps.get_model("workflow", "Decree")
    Enactment = apps.get_model("workflow", "Enactment")
    decrees = {}
    numbered = Submission.objects.exclude(decree_number="").select_related("position__opd__instansi")
    for submission in numbered.order_by("pk"):
        instansi = submission.position.opd.instansi
        day = submission.decree_date or (
            submission.approved_at.date() if submission.approved_at else datetime.date.today()
        )
        key = (instansi.pk, submission.decree_number.strip(), day)
        if key not in decrees:
            decrees[key], _ = Decree.objects.get_or_create(
                instansi=instansi,
                kind="keputusan",
                head=HEAD_FOR_INSTANSI_KIND.get(instansi.kind, "bupati"),
                number=key[1],
                date=day,
                defaults={"title": TITLE},
            )
        Enactment.objects.get_or_create(submission=submission, defaults={"decree": decrees[key]})


def carry_back(apps, schema_editor):
    Enactment = apps.get_model("workflow", "Enactment")
    for enactment in Enactment.objects.select_related("decree", "submission"):
        submission = enactment.submission
        submission.decree_number = enactment.decree.number
        submission.decree_date = enactment.decree.date
        submission.save(update_fields=["decree_number", "decree_date"])


class Migration(migrations.Migration):
    dependencies = [
        ("workflow", "0004_consultation_packages_and_decrees"),
    ]

    operations = [migrations.RunPython(carry_over, carry_back)]
