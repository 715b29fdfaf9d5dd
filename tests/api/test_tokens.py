"""A person's API tokens: listed and revoked in the API; revoked, expired, outlived by a password
change or by deactivation, a token answers 401 with its own code; the cached lookup forgets at once."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from knox.models import AuthToken
from rest_framework.test import APIClient

from integrations.models import TokenLabel
from integrations.tokens import token_issue
from submissions.models import RoleAssignment
from tests.api.conftest import assert_error
from tests.builders import World
from tests.factories import DEMO_PASSWORD

LOGIN = "/api/v1/auth/token/"
TOKENS = "/api/v1/auth/tokens/"


def bearer(secret: str) -> APIClient:
    return APIClient(HTTP_AUTHORIZATION=f"Token {secret}")


def login(name: str = "") -> dict[str, Any]:
    body = {"username": "penyusun", "password": DEMO_PASSWORD, **({"name": name} if name else {})}
    response = APIClient().post(LOGIN, body, format="json")
    assert response.status_code == 200, response.content
    return dict(response.json())


def test_a_login_returns_the_token_once_with_its_id_name_and_expiry(world: World, settings: Any) -> None:
    body = login("skrip laporan")

    assert set(body) == {"id", "name", "created", "expiry", "last_used_at", "token"}
    assert body["name"] == "skrip laporan"
    expiry = datetime.datetime.fromisoformat(body["expiry"])
    assert expiry - timezone.now() > datetime.timedelta(days=settings.API_TOKEN_TTL_DAYS - 1)
    label = TokenLabel.objects.select_related("token").get(pk=body["id"])
    assert body["token"] not in (label.token.digest, label.token.token_key)  # only a digest is stored


def test_the_list_shows_the_callers_tokens_without_secrets(world: World) -> None:
    first, second = login("satu"), login("dua")
    token_issue(user=world.reviewer, name="punya orang lain")

    listed = bearer(first["token"]).get(TOKENS).json()

    assert [token["name"] for token in listed] == ["dua", "satu"]
    assert all("token" not in token for token in listed)
    assert {token["id"] for token in listed} == {first["id"], second["id"]}


def test_the_last_use_is_recorded_and_shown(world: World) -> None:
    body = login()

    listed = bearer(body["token"]).get(TOKENS).json()

    assert listed[0]["last_used_at"] is not None


def test_the_last_use_is_written_at_most_once_a_minute(world: World) -> None:
    client = bearer(login()["token"])
    client.get("/api/v1/me/")

    with CaptureQueriesContext(connection) as captured:
        client.get("/api/v1/me/")

    assert not [q for q in captured.captured_queries if q["sql"].startswith("UPDATE")]


def test_a_revoked_token_answers_401_on_the_next_request(world: World) -> None:
    keep, drop = login("tetap"), login("cabut")
    client = bearer(drop["token"])
    assert client.get("/api/v1/me/").status_code == 200  # now in the cache

    assert bearer(keep["token"]).delete(f"{TOKENS}{drop['id']}/").status_code == 204

    body = assert_error(client.get("/api/v1/me/"), 401, "authentication_failed")
    assert "dicabut" in body["detail"]
    assert bearer(keep["token"]).get("/api/v1/me/").status_code == 200


def test_a_user_can_revoke_his_own_token_with_itself(world: World) -> None:
    body = login()
    client = bearer(body["token"])

    assert client.delete(f"{TOKENS}{body['id']}/").status_code == 204
    assert_error(client.get("/api/v1/me/"), 401, "authentication_failed")


def test_another_users_token_is_not_found_and_keeps_working(world: World) -> None:
    theirs = token_issue(user=world.reviewer, name="pemeriksa")

    response = bearer(login()["token"]).delete(f"{TOKENS}{theirs.label.pk}/")

    assert_error(response, 404, "not_found")
    assert bearer(theirs.secret).get("/api/v1/me/").status_code == 200


def test_an_expired_token_answers_401_token_expired_and_is_removed(world: World) -> None:
    body = login()
    client = bearer(body["token"])
    assert client.get("/api/v1/me/").status_code == 200  # cached with its expiry
    AuthToken.objects.filter(label__id=body["id"]).update(
        expiry=timezone.now() - datetime.timedelta(seconds=1)
    )
    cache.clear()  # an expiry moved by hand; in service the cached copy carries the same expiry

    response = client.get("/api/v1/me/")

    body_ = assert_error(response, 401, "token_expired")
    assert "kedaluwarsa" in body_["detail"]
    assert not TokenLabel.objects.filter(pk=body["id"]).exists()


def test_a_cached_token_past_its_expiry_answers_401(world: World, monkeypatch: Any) -> None:
    issued = token_issue(user=world.drafter)
    client = bearer(issued.secret)
    assert client.get("/api/v1/me/").status_code == 200  # cached with its expiry
    later = timezone.now() + datetime.timedelta(days=91)

    monkeypatch.setattr(timezone, "now", lambda: later)
    response = client.get("/api/v1/me/")

    assert_error(response, 401, "token_expired")


def test_a_password_change_revokes_every_token_of_the_user(world: World) -> None:
    first, second = login(), login()
    assert bearer(first["token"]).get("/api/v1/me/").status_code == 200

    world.drafter.set_password("kata-sandi-baru-2026")
    world.drafter.save()

    body = assert_error(bearer(first["token"]).get("/api/v1/me/"), 401, "token_revoked")
    assert "kata sandi" in body["detail"]
    assert_error(bearer(second["token"]).get("/api/v1/me/"), 401)
    assert not AuthToken.objects.filter(user=world.drafter).exists()


def test_a_token_issued_after_the_password_change_works(world: World) -> None:
    world.drafter.set_password("kata-sandi-baru-2026")
    world.drafter.save()

    response = APIClient().post(
        LOGIN, {"username": "penyusun", "password": "kata-sandi-baru-2026"}, format="json"
    )

    assert bearer(response.json()["token"]).get("/api/v1/me/").status_code == 200


def test_deactivation_revokes_the_users_tokens(world: World) -> None:
    client = bearer(login()["token"])
    assert client.get("/api/v1/me/").status_code == 200

    world.drafter.is_active = False
    world.drafter.save()

    assert_error(client.get("/api/v1/me/"), 401, "account_inactive")
    assert not AuthToken.objects.filter(user=world.drafter).exists()


def test_an_ended_role_stops_counting_on_the_next_request(world: World, document) -> None:
    draft = document("draft")
    client = bearer(token_issue(user=world.drafter).secret)
    assert client.get(f"/api/v1/submissions/{draft.pk}/status/").status_code == 200

    assignment = RoleAssignment.objects.get(user=world.drafter)
    assignment.valid_until = timezone.localdate() - datetime.timedelta(days=1)
    assignment.valid_from = None
    assignment.save()

    assert_error(client.get(f"/api/v1/submissions/{draft.pk}/status/"), 404)


def test_a_role_ended_through_the_api_stops_counting_at_once(world: World, document) -> None:
    draft = document("draft")
    drafter = bearer(token_issue(user=world.drafter).secret)
    assert drafter.get(f"/api/v1/submissions/{draft.pk}/status/").status_code == 200
    assignment = RoleAssignment.objects.get(user=world.drafter)
    organisasi = bearer(token_issue(user=world.organisasi).secret)

    ended = organisasi.post(
        f"/api/v1/role-assignments/{assignment.pk}/end/",
        {"on": str(timezone.localdate() - datetime.timedelta(days=1))},
        format="json",
    )

    assert ended.status_code in (200, 204), ended.content
    assert_error(drafter.get(f"/api/v1/submissions/{draft.pk}/status/"), 404)


def test_a_cached_token_needs_no_query_for_the_user_or_his_roles(world: World, document) -> None:
    draft = document("draft")
    client = bearer(token_issue(user=world.drafter).secret)
    client.get(f"/api/v1/submissions/{draft.pk}/status/")

    with CaptureQueriesContext(connection) as captured:
        assert client.get(f"/api/v1/submissions/{draft.pk}/status/").status_code == 200

    tables = " ".join(q["sql"] for q in captured.captured_queries)
    assert "knox_authtoken" not in tables
    assert "integrations_tokenlabel" not in tables
    assert "submissions_roleassignment" not in tables


def test_a_malformed_token_header_is_401_in_the_error_shape(world: World) -> None:
    assert_error(APIClient(HTTP_AUTHORIZATION="Token").get("/api/v1/me/"), 401)
    assert_error(APIClient(HTTP_AUTHORIZATION="Token \xff\xfe").get("/api/v1/me/"), 401)


def test_the_401_texts_have_english(world: World) -> None:
    client = APIClient(HTTP_AUTHORIZATION="Token 0123456789abcdef", HTTP_ACCEPT_LANGUAGE="en")

    body = assert_error(client.get("/api/v1/me/"), 401, "authentication_failed")

    assert "revoked" in body["detail"]
