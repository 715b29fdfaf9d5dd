"""A people import changes users and roles with bulk writes; the API's cached copies follow at once."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.utils import timezone
from rest_framework.test import APIClient

from bench.region_files import table
from integrations.tokens import token_issue
from submissions.models import OPD, ImportKind, Instansi
from tests.workflow.setup.test_region_import import upload_and_commit

pytestmark = pytest.mark.django_db(transaction=False)


def people_file(email: str, until: datetime.date | None) -> bytes:
    row = ("pegawai0001", "Pegawai Satu", email, "penyusun", "Dinas Kesehatan", "", "", "", until or "")
    return table(ImportKind.PEOPLE, [row])


def me(client: APIClient) -> dict[str, Any]:
    response = client.get("/api/v1/me/")
    assert response.status_code == 200, response.content
    return response.json()


def test_an_import_that_changes_the_email_and_ends_the_role_is_seen_on_the_next_request(
    organisasi: User, region: Instansi, dinkes: OPD
) -> None:
    upload_and_commit(organisasi, ImportKind.PEOPLE, people_file("satu@pemda.example", None), region)
    client = APIClient(
        HTTP_AUTHORIZATION=f"Token {token_issue(user=User.objects.get(username='pegawai0001')).secret}"
    )
    before = me(client)  # the token, the user and his roles are cached now
    assert before["email"] == "satu@pemda.example"
    assert len(before["roles"]) == 1

    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    upload_and_commit(organisasi, ImportKind.PEOPLE, people_file("baru@pemda.example", yesterday), region)

    after = me(client)
    assert after["email"] == "baru@pemda.example"
    assert after["roles"] == []
