"""Decrees and effective standards through the API, and an approved version's header frozen."""

from __future__ import annotations

import io
from collections.abc import Callable

import docx
from django.test import Client
from rest_framework.test import APIClient

from tests.builders import World
from tests.documents import LETTER
from tests.workflow.packages_world import agree_all, compiled_standards, sent_package
from workflow.positions import position_update

Api = Callable[[str], APIClient]
DECREE = {
    "kind": "peraturan",
    "head": "wali_kota",
    "number": "12",
    "date": LETTER["letter_date"].isoformat(),
    "title": "Standar Kompetensi Jabatan di Lingkungan Pemerintah Kota Uji",
    "signatory_name": "Budi Santoso",
    "signatory_office": "Wali Kota Uji",
}


def test_a_decree_enacts_every_agreed_item_of_a_package_and_the_standards_in_force_show_it(
    world: World, api: Api
) -> None:
    documents = compiled_standards(world, 3)
    package = sent_package(world, documents)
    agree_all(world, package, documents)

    created = api("organisasi").post("/api/v1/decrees/", {**DECREE, "package": package.pk}, format="json")
    assert created.status_code == 201, created.json()
    assert sorted(created.json()["submissions"]) == sorted(d.pk for d in documents)

    again = api("organisasi").post(
        "/api/v1/decrees/", {**DECREE, "number": "13", "submissions": [documents[0].pk]}, format="json"
    )
    assert again.status_code == 400
    assert again.json()["errors"][0]["code"] == "already_enacted"

    effective = api("ministry").get("/api/v1/effective-standards/", {"instansi": world.instansi.pk}).json()
    assert len(effective["results"]) == 3
    assert "count" not in effective  # keyset pages: nothing is counted
    row = effective["results"][0]
    assert row["decree"]["number"] == "12"
    assert row["position"]["code"].startswith("KJ.")
    assert (
        api("other_drafter").get("/api/v1/effective-standards/", {"opd": world.opd.pk}).json()["results"]
        == []
    )


def test_a_decree_over_a_version_that_is_not_approved_is_refused(world: World, api: Api) -> None:
    documents = compiled_standards(world, 1)
    response = api("organisasi").post(
        "/api/v1/decrees/", {**DECREE, "submissions": [documents[0].pk]}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == "not_approved"


def test_renaming_the_position_afterwards_leaves_the_approved_page_api_and_word_file_unchanged(
    world: World, api: Api, client: Client
) -> None:
    documents = compiled_standards(world, 1)
    approved = documents[0]
    agree_all(world, sent_package(world, documents), documents)
    position_update(
        actor=world.organisasi, position_id=approved.position_id, name="Nama Baru Sesudah Disetujui"
    )

    body = api("drafter").get(f"/api/v1/submissions/{approved.pk}/").json()
    assert body["position"]["name"] == "Kepala Seksi 01"

    client.force_login(world.drafter)
    page = client.get(f"/dokumen/{approved.pk}/").content.decode()
    assert "Kepala Seksi 01" in page
    assert "Nama Baru Sesudah Disetujui" not in page

    word = api("drafter").get(f"/api/v1/submissions/{approved.pk}/export.docx")
    header = docx.Document(io.BytesIO(word.content)).tables[0]
    cells = [cell.text for row in header.rows for cell in row.cells]
    assert "Kepala Seksi 01" in cells
    assert "Nama Baru Sesudah Disetujui" not in cells
