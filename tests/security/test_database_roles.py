"""On PostgreSQL the application's role, which owns no table, cannot change, delete, empty or
unprotect the transition log and the snapshots; it still reads and writes everything else."""

from __future__ import annotations

import secrets
from collections.abc import Iterator

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection

from tests.services import need

pytestmark = pytest.mark.integration

REFUSED = [
    "UPDATE {table} SET id = id WHERE false",
    "DELETE FROM {table} WHERE false",
    "TRUNCATE {table}",
    "ALTER TABLE {table} DISABLE TRIGGER ALL",
    "ALTER TABLE {table} DISABLE TRIGGER {trigger}",
    "DROP TRIGGER {trigger} ON {table}",
]
TABLES = [
    ("workflow_transitionlog", "workflow_transitionlog_append_only"),
    ("workflow_snapshot", "workflow_snapshot_append_only"),
    ("submissions_leveltext", "submissions_leveltext_append_only"),
    *(
        (table, f"{table}_append_only")
        for table in (
            "submissions_competencyset",
            "submissions_competencyrow",
            "submissions_requirementset",
            "submissions_requirementrow",
        )
    ),
]


@pytest.fixture
def app_role(transactional_db: None) -> Iterator[str]:
    need(connection.vendor == "postgresql", f"peran basis data butuh PostgreSQL, bukan {connection.vendor}")
    role = f"alur_app_{secrets.token_hex(4)}"
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE ROLE {role} LOGIN")
    call_command("grant_app_privileges", role=role)
    yield role
    with connection.cursor() as cursor:
        cursor.execute(f"DROP OWNED BY {role}")
        cursor.execute(f"DROP ROLE {role}")


def _as(role: str) -> psycopg.Connection:
    params = connection.get_connection_params()
    params.update(user=role, autocommit=True)
    params.pop("password", None)
    params.pop("cursor_factory", None)
    params.pop("context", None)
    return psycopg.connect(**params)


@pytest.mark.parametrize(("table", "trigger"), TABLES)
@pytest.mark.parametrize("statement", REFUSED)
def test_the_application_role_cannot_touch_the_append_only_tables(
    app_role: str, table: str, trigger: str, statement: str
) -> None:
    with _as(app_role) as app, pytest.raises(psycopg.errors.InsufficientPrivilege):
        app.execute(statement.format(table=table, trigger=trigger))


@pytest.mark.parametrize(("table", "trigger"), TABLES)
def test_the_application_role_reads_and_inserts_there(app_role: str, table: str, trigger: str) -> None:
    with _as(app_role) as app:
        app.execute(f"SELECT count(*) FROM {table}")
        app.execute(f"INSERT INTO {table} SELECT * FROM {table} WHERE false")


def test_the_application_role_still_changes_ordinary_rows(app_role: str) -> None:
    with _as(app_role) as app:
        app.execute("UPDATE submissions_submission SET summary = summary WHERE false")
        app.execute("DELETE FROM django_session WHERE false")


def test_without_a_migration_role_nothing_is_granted(db: None, settings) -> None:
    settings.DATABASE_APP_ROLE = ""
    call_command("grant_app_privileges")  # a single-role or SQLite setup: a no-op, no error


def test_even_the_owner_cannot_change_a_snapshot_row(db: None) -> None:
    from django.db import DatabaseError, transaction

    from tests.builders import build_world
    from tests.documents import document_in

    need(connection.vendor == "postgresql", f"pemicu butuh PostgreSQL, bukan {connection.vendor}")
    snapshot = document_in(build_world(), "opd_review").snapshots.get()
    for statement in (
        "UPDATE workflow_snapshot SET round = 9 WHERE id = %s",
        "DELETE FROM workflow_snapshot WHERE id = %s",
    ):
        refused = pytest.raises(DatabaseError, match="hanya dapat ditambah")
        with refused, transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(statement, [snapshot.pk])
    snapshot.refresh_from_db()
    assert snapshot.round == 1
