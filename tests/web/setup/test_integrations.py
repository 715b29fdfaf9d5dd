"""The set-up page of service accounts: Bagian Organisasi creates one for its instansi, issues a
token shown once, deactivates it; a drafter may not."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.models import User
from django.test import Client
from rest_framework.test import APIClient

from integrations.models import ServiceAccount
from submissions.models import OPD, Role, RoleAssignment
from tests.factories import UserFactory

PAGE = "/pengaturan/integrasi/"


def create(client: Client, **extra: Any) -> Any:
    return client.post(PAGE, {"name": "SIMPEG", "reason": "Sinkron status", **extra})


def test_bagian_organisasi_creates_an_account_and_a_token_shown_once(
    as_user: Callable[[Any], Client], organisasi: User, dinkes: OPD
) -> None:
    client = as_user(organisasi)

    assert create(client).status_code == 302
    account = ServiceAccount.objects.get()
    assert account.instansi == dinkes.instansi
    assert account.created_by == organisasi
    page = client.post(f"{PAGE}{account.pk}/token/", {"name": "produksi"})
    secret = page.context["issued"].secret
    assert secret in page.content.decode()
    assert APIClient(HTTP_AUTHORIZATION=f"Token {secret}").get("/api/v1/me/").status_code == 200
    assert secret not in client.get(PAGE).content.decode()
    assert "produksi" in client.get(PAGE).content.decode()


def test_bagian_organisasi_cannot_create_a_nationwide_account(
    as_user: Callable[[Any], Client], organisasi: User, dinkes: OPD
) -> None:
    response = create(as_user(organisasi), nationwide="on")

    assert response.status_code == 400
    assert "administrator" in response.content.decode()
    assert not ServiceAccount.objects.exists()


def test_deactivating_from_the_page_revokes_its_tokens(
    as_user: Callable[[Any], Client], organisasi: User, dinkes: OPD
) -> None:
    client = as_user(organisasi)
    create(client)
    account = ServiceAccount.objects.get()
    secret = client.post(f"{PAGE}{account.pk}/token/").context["issued"].secret

    assert client.post(f"{PAGE}{account.pk}/nonaktifkan/").status_code == 302

    assert APIClient(HTTP_AUTHORIZATION=f"Token {secret}").get("/api/v1/me/").status_code == 401
    account.refresh_from_db()
    assert not account.is_active


def test_a_drafter_may_not_open_or_use_it(as_user: Callable[[Any], Client], dinkes: OPD) -> None:
    drafter = UserFactory.create(username="penyusun")
    RoleAssignment.objects.create(user=drafter, role=Role.DRAFTER, opd=dinkes)

    assert as_user(drafter).get(PAGE).status_code == 403
    assert create(as_user(drafter)).status_code == 403
