"""The admin-only decree fields are carried into Decree rows, and approved versions capture a header."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [
    ("workflow", "0004_consultation_packages_and_decrees"),
    ("submissions", "0002_role_assignment_opd_label"),
]
AFTER = [
    ("workflow", "0005_decrees_from_submission_fields"),
    ("submissions", "0003_submission_header_replaces_decree_fields"),
]


def _migrate(targets: list[tuple[str, str]]) -> object:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture(autouse=True)
def _back_to_the_latest_migrations() -> Iterator[None]:
    # Migrating back to BEFORE undoes every later migration (row comments, the peta jabatan,
    # exports ...); the tests that run after this one on the same database need the whole schema.
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_versions_sharing_a_decree_number_share_one_decree_and_keep_their_header() -> None:
    old = _migrate(BEFORE)
    Instansi = old.get_model("submissions", "Instansi")  # type: ignore[attr-defined]
    OPD = old.get_model("submissions", "OPD")  # type: ignore[attr-defined]
    Position = old.get_model("submissions", "Position")  # type: ignore[attr-defined]
    Submission = old.get_model("submissions", "Submission")  # type: ignore[attr-defined]
    instansi = Instansi.objects.create(name="Pemerintah Kota Lama", kind="kota")
    opd = OPD.objects.create(instansi=instansi, name="Dinas Lama")
    for name in ("Camat", "Sekretaris"):
        position = Position.objects.create(opd=opd, name=name, kind="administrator", code="KJ.1")
        Submission.objects.create(
            position=position,
            state="approved",
            decree_number="188.45/1/2025",
            decree_date=datetime.date(2025, 3, 1),
        )
    untouched = Position.objects.create(opd=opd, name="Lurah", kind="administrator")
    Submission.objects.create(position=untouched, state="draft")

    new = _migrate(AFTER)
    Decree = new.get_model("workflow", "Decree")  # type: ignore[attr-defined]
    Enactment = new.get_model("workflow", "Enactment")  # type: ignore[attr-defined]
    Submission = new.get_model("submissions", "Submission")  # type: ignore[attr-defined]

    decree = Decree.objects.get()
    assert (decree.number, decree.date, decree.kind, decree.head) == (
        "188.45/1/2025",
        datetime.date(2025, 3, 1),
        "keputusan",
        "wali_kota",
    )
    assert Enactment.objects.filter(decree=decree).count() == 2
    headers = dict(Submission.objects.values_list("position__name", "header"))
    assert headers["Camat"]["position_name"] == "Camat"
    assert headers["Camat"]["code"] == "KJ.1"
    assert headers["Lurah"] == {}
