"""The account page's API tokens: listed with name, creation, last use and expiry; revoked with a
POST (CSRF-protected); another user's token cannot be revoked from here."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.test import Client
from rest_framework.test import APIClient

from integrations.models import TokenLabel
from integrations.tokens import token_issue
from tests.builders import World


def test_the_page_lists_my_working_tokens_without_secrets(
    world: World, as_user: Callable[[Any], Client]
) -> None:
    mine = token_issue(user=world.drafter, name="Skrip laporan")
    token_issue(user=world.reviewer, name="Punya pemeriksa")

    page = as_user(world.drafter).get("/akun/token/").content.decode()

    assert "Skrip laporan" in page
    assert "Punya pemeriksa" not in page
    assert mine.secret not in page
    assert f"/akun/token/{mine.label.pk}/cabut/" in page


def test_revoking_from_the_page_ends_the_token_at_once(
    world: World, as_user: Callable[[Any], Client]
) -> None:
    issued = token_issue(user=world.drafter, name="Lama")
    api = APIClient(HTTP_AUTHORIZATION=f"Token {issued.secret}")
    assert api.get("/api/v1/me/").status_code == 200

    response = as_user(world.drafter).post(f"/akun/token/{issued.label.pk}/cabut/")

    assert response.status_code == 302
    assert not TokenLabel.objects.filter(pk=issued.label.pk).exists()
    assert api.get("/api/v1/me/").status_code == 401


def test_revoking_needs_the_csrf_token(world: World) -> None:
    issued = token_issue(user=world.drafter)
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.drafter, backend="django.contrib.auth.backends.ModelBackend")

    assert client.post(f"/akun/token/{issued.label.pk}/cabut/").status_code == 403
    assert TokenLabel.objects.filter(pk=issued.label.pk).exists()


def test_another_users_token_is_not_found(world: World, as_user: Callable[[Any], Client]) -> None:
    theirs = token_issue(user=world.reviewer)

    assert as_user(world.drafter).post(f"/akun/token/{theirs.label.pk}/cabut/").status_code == 404
    assert TokenLabel.objects.filter(pk=theirs.label.pk).exists()


def test_the_page_is_in_english_too(world: World, as_user: Callable[[Any], Client]) -> None:
    token_issue(user=world.drafter, name="X")

    client = as_user(world.drafter)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})

    page = client.get("/akun/token/").content.decode()

    assert "Revoke" in page
