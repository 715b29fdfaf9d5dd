"""The packages endpoints: create, change, send with a cover letter, answer per item; scope and errors."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from rest_framework.test import APIClient

from tests.builders import World
from tests.documents import LETTER
from tests.letters import broken_pdf, pdf_upload, text_named_pdf
from tests.workflow.packages_world import compiled_standards
from workflow.machine import State
from workflow.models import Letter

Api = Callable[[str], APIClient]
TODAY = LETTER["letter_date"].isoformat()


def _stored_files() -> list[Path]:
    return [p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()]


def _new_package(api: Api, ids: list[int]) -> dict[str, Any]:
    response = api("organisasi").post(
        "/api/v1/packages/", {"title": "Tahap 1", "submissions": ids}, format="json"
    )
    assert response.status_code == 201, response.json()
    return dict(response.json())


def test_it_creates_changes_and_sends_a_package_with_its_letter(world: World, api: Api) -> None:
    documents = compiled_standards(world, 3)
    body = _new_package(api, [documents[0].pk])
    assert (body["status"], body["item_count"], body["instansi"]["id"]) == ("draft", 1, world.instansi.pk)

    changed = api("organisasi").patch(
        f"/api/v1/packages/{body['id']}/", {"add": [documents[1].pk, documents[2].pk]}, format="json"
    )
    assert {item["submission"] for item in changed.json()["items"]} == {d.pk for d in documents}

    sent = api("organisasi").post(
        f"/api/v1/packages/{body['id']}/send/",
        {"letter_number": "  800/12/Org/2026  ", "letter_date": TODAY, "letter_file": pdf_upload()},
        format="multipart",
    )
    assert sent.status_code == 200, sent.json()
    package = sent.json()
    assert (package["status"], package["cover_letter_number"]) == ("sent", "800/12/Org/2026")
    assert {item["state"] for item in package["items"]} == {State.MINISTRY_CONSULTATION}

    download = api("ministry").get(f"/api/v1/letters/{package['cover_letter']['id']}/")
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment;")
    assert b"".join(download.streaming_content).startswith(b"%PDF-")  # type: ignore[attr-defined]
    assert api("other_organisasi").get(f"/api/v1/letters/{package['cover_letter']['id']}/").status_code == 404


@pytest.mark.parametrize("upload", [text_named_pdf, broken_pdf], ids=["text named .pdf", "broken pdf"])
def test_a_letter_that_is_not_a_pdf_is_refused_and_nothing_is_stored(
    world: World, api: Api, upload: Any
) -> None:
    documents = compiled_standards(world, 1)
    body = _new_package(api, [documents[0].pk])
    before = _stored_files()

    response = api("organisasi").post(
        f"/api/v1/packages/{body['id']}/send/",
        {"letter_number": "800/1/2026", "letter_date": TODAY, "letter_file": upload()},
        format="multipart",
    )

    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == "letter_file_not_pdf"
    assert "PDF" in response.json()["detail"]
    assert _stored_files() == before
    assert not Letter.objects.exists()
    assert api("organisasi").get(f"/api/v1/packages/{body['id']}/").json()["status"] == "draft"


def test_a_letter_over_the_size_setting_is_refused(world: World, api: Api, settings: Any) -> None:
    settings.LETTER_MAX_BYTES = 100
    documents = compiled_standards(world, 1)
    body = _new_package(api, [documents[0].pk])
    response = api("organisasi").post(
        f"/api/v1/packages/{body['id']}/send/",
        {"letter_number": "800/1/2026", "letter_date": TODAY, "letter_file": pdf_upload()},
        format="multipart",
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == "letter_file_too_large"


def test_a_rolled_back_send_removes_the_letter_it_stored(world: World, api: Api) -> None:
    documents = compiled_standards(world, 1)
    body = _new_package(api, [documents[0].pk])
    before = _stored_files()
    tomorrow = LETTER["letter_date"].replace(year=LETTER["letter_date"].year + 1).isoformat()
    response = api("organisasi").post(
        f"/api/v1/packages/{body['id']}/send/",
        {"letter_number": "800/1/2026", "letter_date": tomorrow, "letter_file": pdf_upload()},
        format="multipart",
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == "letter_date_in_future"
    assert _stored_files() == before


def test_answers_may_come_in_parts_and_an_item_answered_twice_is_a_conflict(world: World, api: Api) -> None:
    documents = compiled_standards(world, 2)
    body = _new_package(api, [d.pk for d in documents])
    api("organisasi").post(
        f"/api/v1/packages/{body['id']}/send/", {**LETTER, "letter_date": TODAY}, format="json"
    )
    answer = {
        "letter_number": "B/9/M.SM.01/2026",
        "letter_date": TODAY,
        "items": [{"submission": documents[0].pk, "outcome": "agreed", "position_code": "JF.7"}],
    }

    first = api("ministry").post(f"/api/v1/packages/{body['id']}/answers/", answer, format="json")
    assert first.status_code == 201, first.json()
    package = api("ministry").get(f"/api/v1/packages/{body['id']}/").json()
    assert (package["status"], package["agreed_count"]) == ("partly_answered", 1)

    again = api("ministry").post(f"/api/v1/packages/{body['id']}/answers/", answer, format="json")
    assert again.status_code == 409
    assert again.json()["errors"][0]["code"] == "already_answered"

    returned = {
        **answer,
        "items": [
            {"submission": documents[1].pk, "outcome": "returned", "reason_code": "wording", "notes": "Ubah."}
        ],
    }
    assert (
        api("organisasi").post(f"/api/v1/packages/{body['id']}/answers/", returned, format="json").status_code
        == 201
    )
    assert api("organisasi").get(f"/api/v1/packages/{body['id']}/").json()["status"] == "answered"


def test_a_package_is_404_outside_the_callers_scope(world: World, api: Api) -> None:
    documents = compiled_standards(world, 1)
    body = _new_package(api, [documents[0].pk])
    for role in ("other_organisasi", "drafter", "outsider", "ministry"):  # the ministry sees only sent ones
        assert api(role).get(f"/api/v1/packages/{body['id']}/").status_code == 404, role
    assert api("ministry").get("/api/v1/packages/").json()["count"] == 0


def test_an_item_from_another_instansi_is_refused_by_name(world: World, api: Api) -> None:
    documents = compiled_standards(world, 1)
    response = api("other_organisasi").post(
        "/api/v1/packages/", {"title": "Curian", "submissions": [documents[0].pk]}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == "not_found"
