"""Issue 15: the document's scope stored on it (OPD, instansi, "reached the ministry"), indexed.

The columns are added nullable, filled by one UPDATE each, then made NOT NULL. On PostgreSQL two
composite foreign keys tie the copies to their sources: (position, OPD) to the position and
(OPD, instansi) to the OPD, both ON UPDATE CASCADE, so a copy can never disagree with the source.
The index on `position` alone and both on `state` alone go (other indexes lead with those
columns), and those on `created_by` and `submitted_by` (no query filters by them).
"""

from __future__ import annotations

from typing import Any

import django.db.models.deletion
import django_fsm
from django.conf import settings
from django.db import migrations, models

FILL_SCOPE_POSTGRESQL = """
UPDATE submissions_submission AS s
   SET opd_id = p.opd_id, instansi_id = o.instansi_id
  FROM submissions_position AS p JOIN submissions_opd AS o ON o.id = p.opd_id
 WHERE p.id = s.position_id
"""
FILL_SCOPE_OTHER = """
UPDATE submissions_submission
   SET opd_id = (SELECT p.opd_id FROM submissions_position AS p WHERE p.id = position_id),
       instansi_id = (
           SELECT o.instansi_id FROM submissions_position AS p
             JOIN submissions_opd AS o ON o.id = p.opd_id WHERE p.id = position_id
       )
"""
FILL_REACHED = """
UPDATE submissions_submission
   SET reached_ministry = TRUE
 WHERE state = 'ministry_consultation'
    OR id IN (SELECT submission_id FROM workflow_transitionlog WHERE to_state = 'ministry_consultation')
"""
FOREIGN_KEYS = """
ALTER TABLE submissions_submission
  ADD CONSTRAINT submission_scope_position_fk FOREIGN KEY (position_id, opd_id)
      REFERENCES submissions_position (id, opd_id) ON UPDATE CASCADE DEFERRABLE INITIALLY DEFERRED,
  ADD CONSTRAINT submission_scope_opd_fk FOREIGN KEY (opd_id, instansi_id)
      REFERENCES submissions_opd (id, instansi_id) ON UPDATE CASCADE DEFERRABLE INITIALLY DEFERRED
"""
DROP_FOREIGN_KEYS = """
ALTER TABLE submissions_submission
  DROP CONSTRAINT IF EXISTS submission_scope_position_fk,
  DROP CONSTRAINT IF EXISTS submission_scope_opd_fk
"""


def fill(apps: Any, schema_editor: Any) -> None:
    postgresql = schema_editor.connection.vendor == "postgresql"
    schema_editor.execute(FILL_SCOPE_POSTGRESQL if postgresql else FILL_SCOPE_OTHER)
    schema_editor.execute(FILL_REACHED)
    if postgresql:
        # The updated rows' deferred foreign-key checks run now: ALTER TABLE refuses pending ones.
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def drop_plain_indexes(apps: Any, schema_editor: Any) -> None:
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        found = connection.introspection.get_constraints(cursor, "submissions_submission")
    for name, info in found.items():
        plain = info["index"] and not info["unique"] and not info["primary_key"]
        if plain and info["columns"] in (["position_id"], ["state"]):
            schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(name)}")


def add_foreign_keys(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FOREIGN_KEYS)


def drop_foreign_keys(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP_FOREIGN_KEYS)


class Migration(migrations.Migration):
    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("submissions", "0007_content_edited_by"),
        ("workflow", "0006_row_comments"),
    ]

    operations = [
        migrations.AddField(
            model_name="submission",
            name="opd",
            field=models.ForeignKey(
                db_index=False,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="submissions.opd",
                verbose_name="OPD",
            ),
        ),
        migrations.AddField(
            model_name="submission",
            name="instansi",
            field=models.ForeignKey(
                db_index=False,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="submissions.instansi",
                verbose_name="instansi",
            ),
        ),
        migrations.AddField(
            model_name="submission",
            name="reached_ministry",
            field=models.BooleanField(default=False, editable=False, verbose_name="pernah dikonsultasikan"),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=False),
        migrations.AlterField(
            model_name="submission",
            name="opd",
            field=models.ForeignKey(
                db_index=False,
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="submissions.opd",
                verbose_name="OPD",
            ),
        ),
        migrations.AlterField(
            model_name="submission",
            name="instansi",
            field=models.ForeignKey(
                db_index=False,
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="submissions.instansi",
                verbose_name="instansi",
            ),
        ),
        migrations.AddConstraint(
            model_name="position",
            constraint=models.UniqueConstraint(fields=("id", "opd"), name="position_id_opd"),
        ),
        migrations.AddConstraint(
            model_name="opd",
            constraint=models.UniqueConstraint(fields=("id", "instansi"), name="opd_id_instansi"),
        ),
        migrations.RunPython(add_foreign_keys, drop_foreign_keys),
        # Django's AlterField would drop every index on exactly (position_id), the partial unique
        # ones included: only the plain single-column indexes go, by what the database says.
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="submission",
                    name="position",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="submissions",
                        to="submissions.position",
                        verbose_name="jabatan",
                    ),
                ),
                migrations.AlterField(
                    model_name="submission",
                    name="state",
                    field=django_fsm.FSMField(
                        choices=[
                            ("draft", "Draf"),
                            ("opd_review", "Reviu OPD"),
                            ("compilation", "Verifikasi dan kompilasi Bagian Organisasi"),
                            ("ministry_consultation", "Konsultasi KemenPAN-RB"),
                            ("approved", "Disetujui"),
                            ("superseded", "Digantikan"),
                        ],
                        default="draft",
                        max_length=50,
                        protected=True,
                        verbose_name="status",
                    ),
                ),
            ],
            database_operations=[migrations.RunPython(drop_plain_indexes, migrations.RunPython.noop)],
        ),
        migrations.AddIndex(
            model_name="submission",
            index=models.Index(fields=["opd", "id"], name="submission_opd_id"),
        ),
        migrations.AddIndex(
            model_name="submission",
            index=models.Index(fields=["instansi", "id"], name="submission_instansi_id"),
        ),
        migrations.AddIndex(
            model_name="submission",
            index=models.Index(
                condition=models.Q(reached_ministry=True), fields=["id"], name="submission_ministry_id"
            ),
        ),
        migrations.AddIndex(
            model_name="submission",
            index=models.Index(
                condition=models.Q(reached_ministry=True),
                fields=["state", "id"],
                name="submission_ministry_state",
            ),
        ),
        migrations.AddIndex(
            model_name="submission",
            index=models.Index(
                condition=models.Q(reached_ministry=True),
                fields=["position"],
                name="submission_ministry_position",
            ),
        ),
        migrations.AlterField(
            model_name="submission",
            name="created_by",
            field=models.ForeignKey(
                blank=True,
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="dibuat oleh",
            ),
        ),
        migrations.AlterField(
            model_name="submission",
            name="submitted_by",
            field=models.ForeignKey(
                blank=True,
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="diajukan oleh (putaran ini)",
            ),
        ),
    ]
