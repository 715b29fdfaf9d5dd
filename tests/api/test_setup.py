"""The set-up API: OPDs, invitations, roles, rounds, imports (preview then commit), the peta jabatan."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from submissions.models import OPD, Position, PositionKind, Role, RoleAssignment
from tests.api.conftest import assert_error
from tests.builders import World
from workflow.models import DraftingRound

Api = Callable[[str], APIClient]


def test_bagian_organisasi_creates_renames_and_deactivates_an_opd(api: Api, world: World) -> None:
    created = api("organisasi").post(
        "/api/v1/opds/", {"instansi": world.instansi.pk, "name": "Dinas Sosial"}, format="json"
    )
    assert created.status_code == 201, created.json()

    changed = api("organisasi").patch(
        f"/api/v1/opds/{created.json()['id']}/",
        {"name": "Dinas Sosial dan PMD", "active": False},
        format="json",
    )

    assert changed.json() | {"id": 0} == {
        "id": 0,
        "name": "Dinas Sosial dan PMD",
        "short_name": "",
        "active": False,
        "instansi": world.instansi.pk,
    }


def test_a_duplicate_opd_name_is_a_conflict_and_a_drafter_may_not_create(api: Api, world: World) -> None:
    name = world.position.opd.name
    assert_error(
        api("organisasi").post("/api/v1/opds/", {"instansi": world.instansi.pk, "name": name}, format="json"),
        409,
        "opd_exists",
    )
    assert_error(
        api("drafter").post("/api/v1/opds/", {"instansi": world.instansi.pk, "name": "X"}, format="json"), 404
    )


def test_another_instansi_is_not_found(api: Api, world: World) -> None:
    other = world.other_instansi_opd
    assert_error(api("organisasi").patch(f"/api/v1/opds/{other.pk}/", {"name": "Baru"}, format="json"), 404)
    assert_error(api("organisasi").get(f"/api/v1/peta-jabatan/?instansi={other.instansi_id}"), 404)


def test_an_invitation_creates_the_user_with_his_role(api: Api, world: World) -> None:
    body = {
        "instansi": world.instansi.pk,
        "username": "baru",
        "email": "baru@example.go.id",
        "role": Role.REVIEWER,
        "opd": world.position.opd_id,
    }

    response = api("organisasi").post("/api/v1/invitations/", body, format="json")

    assert response.status_code == 201
    assert response.json()["joined"] is False
    assert RoleAssignment.objects.filter(
        user__username="baru", role=Role.REVIEWER, opd=world.position.opd
    ).exists()
    assert_error(api("organisasi").post("/api/v1/invitations/", body, format="json"), 409, "username_exists")
    outside = {**body, "username": "lain", "email": "lain@example.go.id", "role": Role.MINISTRY}
    assert_error(api("organisasi").post("/api/v1/invitations/", outside, format="json"), 400)


def test_an_acting_role_needs_its_end_and_can_be_ended(api: Api, world: World) -> None:
    body = {
        "user": world.drafter.pk,
        "instansi": world.instansi.pk,
        "role": Role.REVIEWER,
        "opd": world.position.opd_id,
        "acting": "plt",
        "acting_for": "Kepala Dinas",
    }
    assert_error(
        api("organisasi").post("/api/v1/role-assignments/", body, format="json"), 400, "valid_until_required"
    )

    created = api("organisasi").post(
        "/api/v1/role-assignments/", {**body, "valid_until": "2099-12-31"}, format="json"
    )
    assert created.status_code == 201
    ended = api("organisasi").post(f"/api/v1/role-assignments/{created.json()['id']}/end/", {}, format="json")

    assert ended.status_code == 204
    assert RoleAssignment.objects.get(pk=created.json()["id"]).valid_until is not None


def test_a_round_is_opened_and_announced(api: Api, world: World) -> None:
    opened = api("organisasi").post(
        "/api/v1/drafting-rounds/",
        {"instansi": world.instansi.pk, "name": "Penyusunan SKJ 2027", "deadline": "2099-06-30"},
        format="json",
    )
    assert opened.status_code == 201

    announced = api("organisasi").post(
        f"/api/v1/drafting-rounds/{opened.json()['id']}/announce/", {}, format="json"
    )

    assert announced.json()["notified"] >= 2  # the OPD's drafters and reviewers
    assert DraftingRound.objects.filter(name="Penyusunan SKJ 2027").exists()


def test_an_import_previews_then_commits_and_a_second_commit_is_a_conflict(api: Api, world: World) -> None:
    upload = SimpleUploadedFile("opd.csv", b"nama,singkatan\nDinas Sosial,Dinsos\n")

    preview = api("organisasi").post(
        "/api/v1/imports/",
        {"kind": "opds", "instansi": world.instansi.pk, "file": upload},
        format="multipart",
    )

    assert preview.status_code == 201, preview.json()
    assert preview.json()["rows"] == [
        {"row": 2, "label": "Dinas Sosial", "outcome": "new", "outcome_label": "baru", "notes": []}
    ]
    assert not OPD.objects.filter(name="Dinas Sosial").exists()
    batch = preview.json()["id"]
    assert api("organisasi").post(f"/api/v1/imports/{batch}/commit/").json()["committed"] is True
    assert OPD.objects.filter(name="Dinas Sosial").exists()
    assert_error(api("organisasi").post(f"/api/v1/imports/{batch}/commit/"), 409, "already_committed")
    assert_error(api("other_organisasi").get(f"/api/v1/imports/{batch}/"), 404)


def test_a_bad_import_commit_lists_every_bad_row(api: Api, world: World) -> None:
    upload = SimpleUploadedFile("peta.csv", b"opd,jabatan,kelompok\nDinas Entah,Staf,pelaksana\n")
    batch = (
        api("organisasi")
        .post(
            "/api/v1/imports/",
            {"kind": "peta_jabatan", "instansi": world.instansi.pk, "file": upload},
            format="multipart",
        )
        .json()["id"]
    )

    body = assert_error(api("organisasi").post(f"/api/v1/imports/{batch}/commit/"), 400, "row_invalid")

    assert body["errors"][0]["message"].startswith("Baris 2: OPD 'Dinas Entah' tidak dikenal")


def test_the_peta_jabatan_gives_the_tree_and_coverage(api: Api, world: World, document: Any) -> None:
    document("approved")
    child = Position.objects.create(
        opd=world.position.opd, name="Staf Bawahan", kind=PositionKind.PELAKSANA, parent=world.position
    )

    response = api("organisasi").get(f"/api/v1/peta-jabatan/?opd={world.position.opd_id}")

    body = response.json()
    assert response.status_code == 200
    [opd_map] = body["opds"]
    parent = next(node for node in opd_map["positions"] if node["id"] == world.position.pk)
    assert [node["id"] for node in parent["children"]] == [child.pk]
    assert parent["approved"] is True
    assert opd_map["coverage"]["approved"] == 1
    assert_error(api("drafter").get("/api/v1/peta-jabatan/"), 403)
