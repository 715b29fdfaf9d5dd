"""The admin-only decree fields are carried into Decree rows, and approved versions capture a header."""

from __future__ import annotations

import datetime

import pytest

from tests.migrating import back_to_the_latest_migrations, migrate_to  # noqa: F401 (autouse)

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [
    ("workflow", "0004_consultation_packages_and_decrees"),
    ("submissions", "0002_role_assignment_opd_label"),
]
AFTER = [
    ("workflow", "0005_decrees_from_submission_fields"),
    ("submissions", "0003_submission_header_replaces_decree_fields"),
]


def test_versions_sharing_a_decree_number_share_one_decree_and_keep_their_header() -> None:
    old = migrate_to(BEFORE)
    Instansi = old.get_model("submissions", "Instansi")
    OPD = old.get_model("submissions", "OPD")
    Position = old.get_model("submissions", "Position")
    Submission = old.get_model("submissions", "Submission")
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

    new = migrate_to(AFTER)
    Decree = new.get_model("workflow", "Decree")
    Enactment = new.get_model("workflow", "Enactment")
    Submission = new.get_model("submissions", "Submission")

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
