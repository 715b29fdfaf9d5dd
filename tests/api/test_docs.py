"""The OpenAPI schema and the interactive docs, served with local assets (no CDN)."""

from __future__ import annotations

import re

from rest_framework.test import APIClient


def test_the_schema_lists_every_endpoint_with_its_error_codes(db: None) -> None:
    schema = APIClient().get("/api/schema/?format=json").json()

    paths = schema["paths"]
    assert set(paths) >= {
        "/api/v1/auth/token/", "/api/v1/me/", "/api/v1/opds/", "/api/v1/competencies/",
        "/api/v1/reason-codes/",
        "/api/v1/positions/", "/api/v1/positions/{id}/", "/api/v1/submissions/", "/api/v1/submissions/{id}/",
        "/api/v1/submissions/{id}/status/", "/api/v1/submissions/{id}/transitions/",
        "/api/v1/submissions/{id}/history/", "/api/v1/submissions/{id}/snapshots/",
        "/api/v1/submissions/{id}/diff/", "/api/v1/submissions/{id}/export.docx",
        "/api/v1/notifications/", "/api/v1/notifications/{id}/read/",
    }  # fmt: skip
    transition = paths["/api/v1/submissions/{id}/transitions/"]["post"]
    assert {"200", "400", "401", "403", "404", "409", "429"} <= set(transition["responses"])
    assert "412" in paths["/api/v1/submissions/{id}/"]["patch"]["responses"]
    assert transition["responses"]["409"]["content"]["application/json"]["schema"]["$ref"].endswith("/Error")


def test_request_bodies_refuse_unknown_properties_in_the_schema(db: None) -> None:
    schemas = APIClient().get("/api/schema/?format=json").json()["components"]["schemas"]

    assert schemas["TransitionInputRequest"]["additionalProperties"] is False


def test_operations_are_described_in_indonesian_and_english(db: None) -> None:
    schema = APIClient().get("/api/schema/?format=json").json()

    description = schema["paths"]["/api/v1/submissions/{id}/status/"]["get"]["description"]
    assert "tanpa membaca isi dokumen" in description
    assert "without reading the content" in description


def test_the_docs_page_uses_local_assets_only(db: None) -> None:
    page = APIClient().get("/api/docs/")

    assert page.status_code == 200
    html = page.content.decode()
    assert "<script>" not in html.replace(" ", "")  # no inline script: the split view loads one by URL
    assert not re.search(r"(src|href)=\"https?://", html)
    script = APIClient().get("/api/docs/?script=")
    assert script.status_code == 200
    assert "/static/drf_spectacular_sidecar/" in html
