"""Issue 15: a document's competency rows and requirement rows are stored once per distinct list.

At 1,000,000 documents the competency rows were 10 M rows (1.18 GB) and the requirement rows 3 M
(0.39 GB), although most documents share their lists with many others. Each list moves into a
set (`submissions_competencyset`, `submissions_requirementset`), content-addressed by the sha256 of
its rows in order, and the document points at its two sets. The rows of a set are never changed:
on PostgreSQL a trigger refuses any UPDATE of a set or of its rows (a DELETE is allowed, and the
document's PROTECT foreign key keeps it from a set in use).

The data move reads each document's rows in order, computes the digest in Python exactly as
`submissions.models.content_sets.rows_digest` does (a frozen copy below), keeps the rows of the
first document with each list as that set's rows, points every document at its sets and deletes
the other copies. The documents' vector trigger is off meanwhile: each document keeps its rows in
their order, so its vector stays what it was. Going back copies a set's rows onto every document
that points at it. At 1,000,000 documents with 13 rows each, see bench/RESULTS.md for how long it
takes.

The search vector now reads a document's rows through its sets: the functions of 0012 are
replaced here, the three statement triggers per row table are dropped (a set's rows never change
after a document points at it), and the document's own trigger also fires when it is pointed at
other sets. Deleting rows frees no disk by itself: run `VACUUM FULL` on the two row tables (or
pg_repack) once afterwards to get the space back.
"""

from __future__ import annotations

import hashlib
import itertools
import json
from importlib import import_module
from typing import Any

import django.db.models.deletion
from django.db import migrations, models

COMPETENCIES = "COALESCE(t.code, '') || ' ' || COALESCE(t.name, '') || ' level ' || c.level::text"
ROW_TABLES = ("submissions_competencyrow", "submissions_requirementrow")
OLD_0011 = "submissions.migrations.0011_submission_search_vector"
OLD_0012 = "submissions.migrations.0012_level_texts"

VECTOR_FROM_SETS = [
    f"""
CREATE OR REPLACE FUNCTION submissions_refresh_vectors(ids bigint[]) RETURNS void LANGUAGE sql AS $$
    WITH wanted AS (
        SELECT s.id, s.competency_set_id, s.requirement_set_id
          FROM submissions_submission AS s
          JOIN (SELECT DISTINCT id FROM unnest(ids) AS u(id)) AS u ON u.id = s.id),
    competencies AS (
        SELECT c.set_id, string_agg({COMPETENCIES}, ' ' ORDER BY c."order", c.id) AS joined
          FROM submissions_competencyrow AS c
          JOIN submissions_leveltext AS t ON t.id = c.text_id
         WHERE c.set_id IN (SELECT competency_set_id FROM wanted)
         GROUP BY c.set_id),
    requirements AS (
        SELECT r.set_id, string_agg(COALESCE(r.text, ''), ' ' ORDER BY r."order", r.id) AS joined
          FROM submissions_requirementrow AS r
         WHERE r.set_id IN (SELECT requirement_set_id FROM wanted)
         GROUP BY r.set_id)
    UPDATE submissions_submission AS s
       SET search_vector = submissions_document_vector(p.name, s.summary, c.joined, r.joined)
      FROM wanted AS w
      JOIN submissions_position AS p ON true
      LEFT JOIN competencies AS c ON c.set_id = w.competency_set_id
      LEFT JOIN requirements AS r ON r.set_id = w.requirement_set_id
     WHERE s.id = w.id AND p.id = s.position_id
$$
""",
    f"""
CREATE OR REPLACE FUNCTION submissions_submission_vector() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_vector := submissions_document_vector(
        (SELECT p.name FROM submissions_position AS p WHERE p.id = NEW.position_id),
        NEW.summary,
        (SELECT string_agg({COMPETENCIES}, ' ' ORDER BY c."order", c.id)
           FROM submissions_competencyrow AS c JOIN submissions_leveltext AS t ON t.id = c.text_id
          WHERE c.set_id = NEW.competency_set_id),
        (SELECT string_agg(COALESCE(r.text, ''), ' ' ORDER BY r."order", r.id)
           FROM submissions_requirementrow AS r WHERE r.set_id = NEW.requirement_set_id));
    RETURN NEW;
END $$
""",
    "DROP TRIGGER submission_vector_update ON submissions_submission",
    """
CREATE TRIGGER submission_vector_update
    BEFORE UPDATE OF summary, position_id, competency_set_id, requirement_set_id ON submissions_submission
    FOR EACH ROW WHEN (OLD.summary IS DISTINCT FROM NEW.summary
                       OR OLD.position_id IS DISTINCT FROM NEW.position_id
                       OR OLD.competency_set_id IS DISTINCT FROM NEW.competency_set_id
                       OR OLD.requirement_set_id IS DISTINCT FROM NEW.requirement_set_id)
    EXECUTE FUNCTION submissions_submission_vector()
""",
    *(
        f"DROP TRIGGER IF EXISTS {table}_vector_{event} ON {table}"
        for table in ROW_TABLES
        for event in ("insert", "update", "delete")
    ),
    "DROP FUNCTION IF EXISTS submissions_rows_updated()",
    "DROP FUNCTION IF EXISTS submissions_rows_deleted()",
    "DROP FUNCTION IF EXISTS submissions_rows_inserted()",
]


# Going back: 0011's statement-trigger functions of the row tables (frozen copies: 0011's own file
# also creates functions reading columns 0012 dropped, which PostgreSQL would refuse to create).
ROW_FUNCTIONS_OF_0011 = [
    """
CREATE FUNCTION submissions_rows_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM submissions_refresh_vectors(ARRAY(SELECT DISTINCT submission_id FROM new_rows));
    RETURN NULL;
END $$
""",
    """
CREATE FUNCTION submissions_rows_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM submissions_refresh_vectors(ARRAY(SELECT DISTINCT submission_id FROM old_rows));
    RETURN NULL;
END $$
""",
    """
CREATE FUNCTION submissions_rows_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM submissions_refresh_vectors(ARRAY(
        SELECT submission_id FROM new_rows UNION SELECT submission_id FROM old_rows));
    RETURN NULL;
END $$
""",
]


UPDATE_TRIGGER_OF_0011 = """
CREATE TRIGGER submission_vector_update BEFORE UPDATE OF summary, position_id ON submissions_submission
    FOR EACH ROW WHEN (OLD.summary IS DISTINCT FROM NEW.summary
                       OR OLD.position_id IS DISTINCT FROM NEW.position_id)
    EXECUTE FUNCTION submissions_submission_vector()
"""


def _vector_of_0012() -> list[str]:
    """Going back: 0012's functions reading the rows by document, and 0011's triggers on them."""
    old = import_module(OLD_0011)
    statements = [*import_module(OLD_0012).VECTOR_FROM_TEXTS, *ROW_FUNCTIONS_OF_0011]
    statements += ["DROP TRIGGER submission_vector_update ON submissions_submission", UPDATE_TRIGGER_OF_0011]
    for table in ROW_TABLES:
        for event, timing, referencing, function in old.ROW_TRIGGERS:
            statements.append(
                f"CREATE TRIGGER {table}_vector_{event} {timing} ON {table} {referencing} "
                f"FOR EACH STATEMENT EXECUTE FUNCTION {function}()"
            )
    return statements


APPEND_ONLY_FUNCTION = """
CREATE OR REPLACE FUNCTION submissions_content_set_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'Daftar baris yang sudah dipakai dokumen tidak dapat diubah (% pada % ditolak).',
        TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege',
              HINT = 'Content sets and their rows are append-only: store a new set instead.';
END;
$$ LANGUAGE plpgsql
"""
SET_TABLES = (
    "submissions_competencyset",
    "submissions_requirementset",
    "submissions_competencyrow",
    "submissions_requirementrow",
)
APPEND_ONLY = [
    APPEND_ONLY_FUNCTION,
    *(
        f"CREATE TRIGGER {table}_append_only BEFORE UPDATE ON {table} "
        "FOR EACH ROW EXECUTE FUNCTION submissions_content_set_append_only()"
        for table in SET_TABLES
    ),
]
DROP_APPEND_ONLY = [
    *(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}" for table in SET_TABLES),
    "DROP FUNCTION IF EXISTS submissions_content_set_append_only()",
]


def _on_postgresql(statements: Any) -> Any:
    def run(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements() if callable(statements) else statements:
                schema_editor.execute(statement, params=None)

    return run


def _digest(rows: list[tuple[Any, ...]]) -> str:
    canonical = json.dumps([list(row) for row in rows], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


# (row model, set model, the document's field, the values that make a row the same row)
KINDS = (
    ("CompetencyRow", "CompetencySet", "competency_set_id", ("group", "competency_id", "level", "text_id")),
    ("RequirementRow", "RequirementSet", "requirement_set_id", ("section", "text", "importance")),
)
BATCH = 2_000


def _ranges(model: Any) -> list[tuple[int, int]]:
    """The documents' ids in consecutive ranges of BATCH (read first: no write while a read is open)."""
    ids = list(model.objects.order_by("pk").values_list("pk", flat=True))
    return [(ids[at], ids[min(at + BATCH, len(ids)) - 1]) for at in range(0, len(ids), BATCH)]


VECTOR_TRIGGER = "submission_vector_update"


def move_rows_into_sets(apps: Any, schema_editor: Any) -> None:
    postgresql = schema_editor.connection.vendor == "postgresql"
    if postgresql:
        # Pointing a document at the set of its own rows changes nothing it is searched by, and the
        # trigger would read the rows by `set_id`, whose index is only built when this migration ends.
        schema_editor.execute(f"ALTER TABLE submissions_submission DISABLE TRIGGER {VECTOR_TRIGGER}")
    document_model = apps.get_model("submissions", "Submission")
    ranges = _ranges(document_model)
    for row_name, set_name, field, identity in KINDS:
        row_model = apps.get_model("submissions", row_name)
        set_model = apps.get_model("submissions", set_name)
        sets: dict[str, int] = {}
        for first, last in ranges:
            rows = row_model.objects.filter(submission_id__gte=first, submission_id__lte=last)
            listed = list(
                rows.order_by("submission_id", "order", "id").values_list("submission_id", "id", *identity)
            )
            pointed = []
            for submission_id, group in itertools.groupby(listed, lambda row: row[0]):
                own = list(group)
                digest = _digest([row[2:] for row in own])
                if digest not in sets:
                    sets[digest] = set_model.objects.create(digest=digest).pk
                    # This document's rows become the set's; every later copy is deleted below.
                    row_model.objects.filter(pk__in=[row[1] for row in own]).update(set_id=sets[digest])
                pointed.append(document_model(pk=submission_id, **{field: sets[digest]}))
            document_model.objects.bulk_update(pointed, [field], batch_size=500)
        row_model.objects.filter(set_id__isnull=True).delete()
    if postgresql:
        # Checked now, so the tables have no pending trigger events and can be altered next.
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        schema_editor.execute(f"ALTER TABLE submissions_submission ENABLE TRIGGER {VECTOR_TRIGGER}")


def copy_sets_back(apps: Any, schema_editor: Any) -> None:
    document_model = apps.get_model("submissions", "Submission")
    ranges = _ranges(document_model)
    for row_name, _set_name, field, identity in KINDS:
        row_model = apps.get_model("submissions", row_name)
        by_set: dict[int, list[dict[str, Any]]] = {}
        for row in row_model.objects.order_by("set_id", "order", "id").values("set_id", "order", *identity):
            by_set.setdefault(row.pop("set_id"), []).append(row)
        for first, last in ranges:
            documents = document_model.objects.filter(
                pk__gte=first, pk__lte=last, **{f"{field}__isnull": False}
            )
            pointed = list(documents.values_list("pk", field))
            row_model.objects.bulk_create(
                [row_model(submission_id=pk, **row) for pk, set_id in pointed for row in by_set[set_id]],
                batch_size=5_000,
            )
        row_model.objects.filter(submission_id__isnull=True).delete()
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def _set_model(name: str, verbose: str) -> migrations.CreateModel:
    return migrations.CreateModel(
        name=name,
        fields=[
            (
                "id",
                models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID"),
            ),
            (
                "digest",
                models.CharField(editable=False, max_length=64, unique=True, verbose_name="sidik isi"),
            ),
        ],
        options={"verbose_name": verbose, "verbose_name_plural": verbose},
    )


def _document_field(model: str, verbose: str) -> models.ForeignKey:
    return models.ForeignKey(
        blank=True,
        db_index=False,
        null=True,
        on_delete=django.db.models.deletion.PROTECT,
        related_name="+",
        to=f"submissions.{model}",
        verbose_name=verbose,
    )


def _row_set(model: str, *, null: bool) -> models.ForeignKey:
    return models.ForeignKey(
        null=null,
        on_delete=django.db.models.deletion.CASCADE,
        related_name="rows",
        to=f"submissions.{model}",
        verbose_name="daftar",
    )


def _row_submission(related_name: str) -> models.ForeignKey:
    # Nullable while the rows move: going back, the copies are made before the sets' rows go.
    return models.ForeignKey(
        null=True,
        on_delete=django.db.models.deletion.CASCADE,
        related_name=related_name,
        to="submissions.submission",
    )


class Migration(migrations.Migration):
    dependencies = [("submissions", "0013_ministry_state_index_and_statistics")]

    operations = [
        _set_model("CompetencySet", "daftar kompetensi"),
        _set_model("RequirementSet", "daftar persyaratan"),
        migrations.AddField(
            "submission", "competency_set", _document_field("competencyset", "daftar kompetensi")
        ),
        migrations.AddField(
            "submission", "requirement_set", _document_field("requirementset", "daftar persyaratan")
        ),
        migrations.AddField("competencyrow", "set", _row_set("competencyset", null=True)),
        migrations.AddField("requirementrow", "set", _row_set("requirementset", null=True)),
        migrations.AlterField("competencyrow", "submission", _row_submission("competency_rows")),
        migrations.AlterField("requirementrow", "submission", _row_submission("requirement_rows")),
        migrations.RunPython(
            _on_postgresql(VECTOR_FROM_SETS), _on_postgresql(_vector_of_0012), elidable=False
        ),
        migrations.RunPython(move_rows_into_sets, copy_sets_back, elidable=False),
        migrations.AlterModelOptions(
            name="competencyrow",
            options={
                "ordering": ["set", "order", "id"],
                "verbose_name": "baris kompetensi",
                "verbose_name_plural": "baris kompetensi",
            },
        ),
        migrations.AlterModelOptions(
            name="requirementrow",
            options={
                "ordering": ["set", "order", "id"],
                "verbose_name": "baris persyaratan",
                "verbose_name_plural": "baris persyaratan",
            },
        ),
        migrations.RemoveField("competencyrow", "submission"),
        migrations.RemoveField("requirementrow", "submission"),
        migrations.AlterField("competencyrow", "set", _row_set("competencyset", null=False)),
        migrations.AlterField("requirementrow", "set", _row_set("requirementset", null=False)),
        migrations.RunPython(_on_postgresql(APPEND_ONLY), _on_postgresql(DROP_APPEND_ONLY), elidable=False),
    ]
