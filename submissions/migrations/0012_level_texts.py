"""Issue 15: competency rows reference their texts, stored once, instead of copying them.

At 1,000,000 documents the competency rows were 10 M rows and 3.5 GB of a 5.85 GB database, almost
all of it the same few hundred dictionary texts copied into every row. The texts move to
`submissions_leveltext` (content-addressed by a sha256 digest, append-only: a trigger refuses UPDATE
and DELETE like the transition log's) and each row keeps only `text_id`.

The data move reads the distinct (code, name, description, indicators) tuples once, computes their
digests in Python exactly as `submissions.models.texts.text_digest` does (a frozen copy below: a
migration must not follow later changes of the app), inserts them, and points every row at its
text with one UPDATE ... FROM. That UPDATE changes no document's search vector, so the vector
trigger on rows is disabled around it instead of recomputing a million vectors for nothing.

The search-vector functions of 0011 read `code` and `name` from the rows; they are replaced here,
in the same migration as the columns they read, so no state between two migrations has functions
reading columns that are gone. Dropping columns frees no disk by itself: run
`VACUUM FULL submissions_competencyrow` (or pg_repack) once afterwards to get the space back.
"""

from __future__ import annotations

import hashlib
import json
from importlib import import_module
from typing import Any

import django.db.models.deletion
from django.db import migrations, models

ROWS = "submissions_competencyrow"
VECTOR_TRIGGER = "submissions_competencyrow_vector_update"


def _digest(code: str, name: str, description: str, indicators: list[str]) -> str:
    canonical = json.dumps(
        [code, name, description, list(indicators)], ensure_ascii=False, separators=(",", ":")
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


POINT_ROWS_POSTGRESQL = f"""
UPDATE {ROWS} AS r SET text_id = t.id
  FROM submissions_leveltext AS t
 WHERE t.code = r.code AND t.name = r.name AND t.description = r.description AND t.indicators = r.indicators
"""
COPY_BACK_POSTGRESQL = f"""
UPDATE {ROWS} AS r
   SET code = t.code, name = t.name, description = t.description, indicators = t.indicators
  FROM submissions_leveltext AS t WHERE t.id = r.text_id
"""


def _without_vector_trigger(schema_editor: Any, statement: str) -> None:
    schema_editor.execute(f"ALTER TABLE {ROWS} DISABLE TRIGGER {VECTOR_TRIGGER}")
    schema_editor.execute(statement)
    # The new foreign key is checked at commit; checked now, so the table has no pending trigger
    # events and can be altered again (here and by the operations that follow).
    schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    schema_editor.execute(f"ALTER TABLE {ROWS} ENABLE TRIGGER {VECTOR_TRIGGER}")


def move_texts(apps: Any, schema_editor: Any) -> None:
    row_model = apps.get_model("submissions", "CompetencyRow")
    text_model = apps.get_model("submissions", "LevelText")
    parts = ("code", "name", "description", "indicators")
    distinct = row_model.objects.order_by().values_list(*parts).distinct()
    texts = [
        text_model(digest=_digest(*values), **dict(zip(parts, values, strict=True)))
        for values in distinct.iterator()
    ]
    text_model.objects.bulk_create(texts, batch_size=1_000)
    if schema_editor.connection.vendor == "postgresql":
        _without_vector_trigger(schema_editor, POINT_ROWS_POSTGRESQL)
        return
    for text in text_model.objects.iterator():
        row_model.objects.filter(**{part: getattr(text, part) for part in parts}).update(text_id=text.pk)


def copy_texts_back(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        _without_vector_trigger(schema_editor, COPY_BACK_POSTGRESQL)
        return
    row_model = apps.get_model("submissions", "CompetencyRow")
    for text in apps.get_model("submissions", "LevelText").objects.iterator():
        values = {part: getattr(text, part) for part in ("code", "name", "description", "indicators")}
        row_model.objects.filter(text_id=text.pk).update(**values)


APPEND_ONLY = [
    """
CREATE OR REPLACE FUNCTION submissions_leveltext_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'Teks kamus yang sudah dipakai dokumen tidak dapat diubah atau dihapus (% ditolak).', TG_OP
        USING ERRCODE = 'insufficient_privilege',
              HINT = 'Level texts (submissions_leveltext) are append-only: store a new text instead.';
END;
$$ LANGUAGE plpgsql
""",
    """
CREATE TRIGGER submissions_leveltext_append_only BEFORE UPDATE OR DELETE ON submissions_leveltext
    FOR EACH ROW EXECUTE FUNCTION submissions_leveltext_append_only()
""",
]
DROP_APPEND_ONLY = [
    "DROP TRIGGER IF EXISTS submissions_leveltext_append_only ON submissions_leveltext",
    "DROP FUNCTION IF EXISTS submissions_leveltext_append_only()",
]

# 0011's two functions that read the rows, now reading each row's code and name from its text.
COMPETENCIES = "COALESCE(t.code, '') || ' ' || COALESCE(t.name, '') || ' level ' || c.level::text"
VECTOR_FROM_TEXTS = [
    f"""
CREATE OR REPLACE FUNCTION submissions_refresh_vectors(ids bigint[]) RETURNS void LANGUAGE sql AS $$
    WITH wanted AS (SELECT DISTINCT id FROM unnest(ids) AS u(id)),
    competencies AS (
        SELECT c.submission_id AS id, string_agg({COMPETENCIES}, ' ' ORDER BY c.id) AS joined
          FROM {ROWS} AS c
          JOIN wanted AS w ON w.id = c.submission_id
          JOIN submissions_leveltext AS t ON t.id = c.text_id
         GROUP BY c.submission_id),
    requirements AS (
        SELECT r.submission_id AS id, string_agg(COALESCE(r.text, ''), ' ' ORDER BY r.id) AS joined
          FROM submissions_requirementrow AS r JOIN wanted AS w ON w.id = r.submission_id
         GROUP BY r.submission_id)
    UPDATE submissions_submission AS s
       SET search_vector = submissions_document_vector(p.name, s.summary, c.joined, r.joined)
      FROM wanted AS w
      JOIN submissions_position AS p ON true
      LEFT JOIN competencies AS c ON c.id = w.id
      LEFT JOIN requirements AS r ON r.id = w.id
     WHERE s.id = w.id AND p.id = s.position_id
$$
""",
    f"""
CREATE OR REPLACE FUNCTION submissions_submission_vector() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        NEW.search_vector := submissions_document_vector(
            (SELECT p.name FROM submissions_position AS p WHERE p.id = NEW.position_id),
            NEW.summary, NULL, NULL);
    ELSE
        NEW.search_vector := submissions_document_vector(
            (SELECT p.name FROM submissions_position AS p WHERE p.id = NEW.position_id),
            NEW.summary,
            (SELECT string_agg({COMPETENCIES}, ' ' ORDER BY c.id)
               FROM {ROWS} AS c JOIN submissions_leveltext AS t ON t.id = c.text_id
              WHERE c.submission_id = NEW.id),
            (SELECT string_agg(COALESCE(r.text, ''), ' ' ORDER BY r.id)
               FROM submissions_requirementrow AS r WHERE r.submission_id = NEW.id));
    END IF;
    RETURN NEW;
END $$
""",
]


def _vector_of_0011() -> list[str]:
    # Going back: 0011's own functions (all of them, replaced as they were created there).
    vector = import_module("submissions.migrations.0011_submission_search_vector").VECTOR
    return [vector.replace("CREATE FUNCTION", "CREATE OR REPLACE FUNCTION")]


def _on_postgresql(statements: Any) -> Any:
    def run(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements() if callable(statements) else statements:
                schema_editor.execute(statement, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [("submissions", "0011_submission_search_vector")]

    operations = [
        migrations.CreateModel(
            name="LevelText",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "digest",
                    models.CharField(editable=False, max_length=64, unique=True, verbose_name="sidik isi"),
                ),
                ("code", models.CharField(blank=True, editable=False, max_length=30, verbose_name="kode")),
                ("name", models.CharField(editable=False, max_length=255, verbose_name="nama kompetensi")),
                ("description", models.TextField(blank=True, editable=False, verbose_name="deskripsi")),
                (
                    "indicators",
                    models.JSONField(
                        blank=True, default=list, editable=False, verbose_name="indikator kompetensi"
                    ),
                ),
            ],
            options={"verbose_name": "teks level kompetensi", "verbose_name_plural": "teks level kompetensi"},
        ),
        migrations.RunPython(_on_postgresql(APPEND_ONLY), _on_postgresql(DROP_APPEND_ONLY), elidable=False),
        migrations.AddField(
            model_name="competencyrow",
            name="text",
            field=models.ForeignKey(
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="submissions.leveltext",
                verbose_name="teks",
            ),
        ),
        migrations.RunPython(move_texts, copy_texts_back, elidable=False),
        migrations.RunPython(
            _on_postgresql(VECTOR_FROM_TEXTS), _on_postgresql(_vector_of_0011), elidable=False
        ),
        migrations.AlterField(
            model_name="competencyrow",
            name="text",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="submissions.leveltext",
                verbose_name="teks",
            ),
        ),
        # Blank first, so that going back re-adds the column with "" for the rows that exist.
        migrations.AlterField(
            model_name="competencyrow",
            name="name",
            field=models.CharField(blank=True, max_length=255, verbose_name="nama kompetensi"),
        ),
        migrations.RemoveField(model_name="competencyrow", name="code"),
        migrations.RemoveField(model_name="competencyrow", name="name"),
        migrations.RemoveField(model_name="competencyrow", name="description"),
        migrations.RemoveField(model_name="competencyrow", name="indicators"),
    ]
