"""A standard's whole life driven only through the API, each actor with his own token."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from rest_framework.test import APIClient

from tests.builders import World, valid_content
from tests.factories import DEMO_PASSWORD


def login(username: str) -> APIClient:
    token = APIClient().post(
        "/api/v1/auth/token/", {"username": username, "password": DEMO_PASSWORD}, format="json"
    )
    assert token.status_code == 200, token.content
    return APIClient(HTTP_AUTHORIZATION=f"Token {token.json()['token']}")


def act(client: APIClient, doc_id: int, name: str, **inputs: Any) -> dict[str, Any]:
    response = client.post(
        f"/api/v1/submissions/{doc_id}/transitions/", {"name": name, **inputs}, format="json"
    )
    assert response.status_code == 200, response.content
    return response.json()


def allowed(client: APIClient, doc_id: int) -> list[str]:
    status = client.get(f"/api/v1/submissions/{doc_id}/status/").json()
    return [transition["name"] for transition in status["allowed_transitions"]]


def test_create_fill_submit_return_fix_resubmit_forward_consult_and_agree(world: World) -> None:
    drafter, reviewer = login("penyusun"), login("pemeriksa2")
    organisasi, ministry = login("organisasi"), login("kemenpan")

    created = drafter.post("/api/v1/submissions/", {"position": world.position.pk}, format="json")
    assert created.status_code == 201
    doc = created.json()["id"]
    filled = drafter.patch(
        f"/api/v1/submissions/{doc}/", valid_content(), format="json", HTTP_IF_MATCH=created.headers["ETag"]
    )
    assert filled.status_code == 200, filled.content

    assert act(drafter, doc, "submit")["state"] == "opd_review"
    assert allowed(reviewer, doc) == ["return_to_drafter", "forward"]
    returned = act(reviewer, doc, "return_to_drafter", reason_code="wording", comment="Naikkan level M.01.")
    assert (returned["state"], returned["round"]) == ("draft", 2)

    etag = drafter.get(f"/api/v1/submissions/{doc}/").headers["ETag"]
    rows = [*valid_content()["competencies"]]
    rows[0] = {"group": "managerial", "code": "M.01", "level": 3}
    fixed = drafter.patch(
        f"/api/v1/submissions/{doc}/", {"competencies": rows}, format="json", HTTP_IF_MATCH=etag
    )
    assert fixed.json()["competencies"][0]["description"] == "Deskripsi M.01 level 3"

    act(drafter, doc, "submit")
    assert act(reviewer, doc, "forward")["state"] == "compilation"
    assert allowed(organisasi, doc) == ["return_to_opd", "send_to_ministry"]
    today = timezone.localdate().isoformat()
    sent = act(organisasi, doc, "send_to_ministry", letter_number="800/5/2026", letter_date=today)
    assert sent["state"] == "ministry_consultation"
    assert ministry.get(f"/api/v1/submissions/{doc}/").status_code == 200
    agreed = act(ministry, doc, "ministry_agree", letter_number="B/77/M.SM.01/2026", letter_date=today)
    assert agreed["state"] == "approved"
    assert agreed["allowed_transitions"] == []

    history = organisasi.get(f"/api/v1/submissions/{doc}/history/").json()["results"]
    assert [entry["transition"] for entry in history] == [
        "create", "submit", "return_to_drafter", "submit", "forward", "send_to_ministry", "ministry_agree",
    ]  # fmt: skip
    assert history[-1]["actor"] == "kemenpan"
    snapshots = drafter.get(f"/api/v1/submissions/{doc}/snapshots/").json()["results"]
    diff = drafter.get(
        f"/api/v1/submissions/{doc}/diff/", {"from": snapshots[0]["id"], "to": snapshots[1]["id"]}
    )
    assert [change["message"] for change in diff.json()["changes"]] == [
        "Level Kompetensi M.01 berubah dari 2 menjadi 3.",
        "Deskripsi kompetensi Kompetensi M.01 diubah.",
        "Indikator kompetensi Kompetensi M.01 diubah.",
    ]
    assert drafter.get(f"/api/v1/submissions/{doc}/export.docx").status_code == 200
    unread = drafter.get("/api/v1/notifications/", {"unread": "true"}).json()["results"]
    assert "ministry_agree" in [notification["kind"] for notification in unread]
