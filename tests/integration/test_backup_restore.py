"""docs/OPERATIONS.md's backup and restore, done for real: pg_dump the test database, restore the
dump into a fresh database with pg_restore, and find the same rows (and the log's guard) there."""

from __future__ import annotations

import os
import shutil
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from django.db import connection

from notifications.models import Notification
from submissions.models import Submission
from tests.documents import fire
from tests.integration import reconcile
from tests.services import need
from workflow.models import TransitionLog

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

TABLES = [Submission, TransitionLog, Notification]


def client_env() -> dict[str, str]:
    database = connection.settings_dict
    env = {
        **os.environ,
        "PGHOST": str(database["HOST"] or "127.0.0.1"),
        "PGPORT": str(database["PORT"] or 5432),
        "PGUSER": str(database["USER"]),
    }
    if database["PASSWORD"]:
        env["PGPASSWORD"] = str(database["PASSWORD"])
    return env


def run(*command: str) -> None:
    result = subprocess.run(
        command, env=client_env(), capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr


def query(dbname: str, sql: str) -> list[tuple[Any, ...]]:
    env = client_env()
    with psycopg.connect(
        host=env["PGHOST"],
        port=env["PGPORT"],
        user=env["PGUSER"],
        password=env.get("PGPASSWORD"),
        dbname=dbname,
    ) as own:
        return own.execute(sql).fetchall()


@pytest.fixture
def fresh_database(postgres: None) -> Iterator[str]:
    need(
        shutil.which("pg_dump") is not None and shutil.which("pg_restore") is not None,
        "butuh pg_dump/pg_restore",
    )
    name = f"{connection.settings_dict['NAME']}_restore_{uuid.uuid4().hex[:8]}"
    run("createdb", name)
    yield name
    run("dropdb", "--force", name)


def test_a_dump_restored_into_a_fresh_database_holds_the_same_rows(world, fresh_database, tmp_path: Path):
    for draft in reconcile.drafts(world, 3):
        fire(draft, "submit", world.drafter)
    dump = tmp_path / "alur_skj.dump"
    source = str(connection.settings_dict["NAME"])

    run("pg_dump", "--format=custom", "--no-owner", f"--file={dump}", source)
    run("pg_restore", "--no-owner", "--exit-on-error", f"--dbname={fresh_database}", str(dump))

    for model in TABLES:
        table = model._meta.db_table
        assert query(fresh_database, f"SELECT count(*) FROM {table}") == [(model.objects.count(),)], table
        ids = query(fresh_database, f"SELECT id FROM {table} ORDER BY id")
        assert [row[0] for row in ids] == list(model.objects.order_by("id").values_list("id", flat=True))
    assert TransitionLog.objects.filter(transition="submit").count() == 3
    guards = query(
        fresh_database,
        f"SELECT count(*) FROM pg_trigger WHERE tgrelid = '{TransitionLog._meta.db_table}'::regclass "
        "AND NOT tgisinternal",
    )
    assert guards[0][0] >= 1  # the append-only trigger came back with the data
