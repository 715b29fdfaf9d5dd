"""Snapshots are append-only in the database too, like the transition log (PostgreSQL; SQLite
relies on the ORM). TRUNCATE is left to the table owner's rights, as for the log: the application's
own role is not given it (security/database.py), and the test runner empties tables with it."""

from django.db import migrations

FUNCTION = "workflow_snapshot_append_only"
TRIGGER = "workflow_snapshot_append_only"

CREATE = [
    f"""
CREATE OR REPLACE FUNCTION {FUNCTION}() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'Cuplikan isi hanya dapat ditambah, tidak dapat diubah atau dihapus (% ditolak).', TG_OP
        USING ERRCODE = 'insufficient_privilege',
              HINT = 'Content snapshots (workflow_snapshot) are append-only.';
END;
$$ LANGUAGE plpgsql
""",
    f"""
CREATE TRIGGER {TRIGGER}
    BEFORE UPDATE OR DELETE ON workflow_snapshot
    FOR EACH ROW EXECUTE FUNCTION {FUNCTION}()
""",
]

DROP = [
    f"DROP TRIGGER IF EXISTS {TRIGGER} ON workflow_snapshot",
    f"DROP FUNCTION IF EXISTS {FUNCTION}()",
]


def _on_postgresql(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("workflow", "0002_transitionlog_append_only"),
    ]

    operations = [
        migrations.RunPython(_on_postgresql(CREATE), _on_postgresql(DROP), elidable=False),
    ]
