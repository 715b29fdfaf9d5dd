"""An invited user sets a password through the emailed link and lands on "Tugas saya" with his role."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.test import Client

from submissions.models import OPD, Role
from workflow.setup import invitations

NEW_PASSWORD = "Sandi-Baru-2026!"


def invite(client: Client, dinkes: OPD, django_capture_on_commit_callbacks: Any) -> str:
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/pengaturan/pengguna/",
            {
                "username": "dinkes.penyusun.baru",
                "name": "Rina Wulandari",
                "email": "rina@example.go.id",
                "role": Role.DRAFTER,
                "opd": dinkes.pk,
                "instansi": dinkes.instansi_id,
            },
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    [message] = mail.outbox
    assert message.to == ["rina@example.go.id"]
    match = re.search(r"http://[^\s]+/undangan/[^\s/]+/", str(message.body))
    assert match, message.body
    return match.group(0).split("8000", 1)[-1] if "8000" in match.group(0) else match.group(0)


def test_an_invited_user_sets_his_password_and_lands_on_his_tasks_as_drafter(
    db: None,
    as_user: Callable[[Any], Client],
    organisasi: User,
    dinkes: OPD,
    django_capture_on_commit_callbacks: Any,
) -> None:
    link = invite(as_user(organisasi), dinkes, django_capture_on_commit_callbacks)
    visitor = Client()

    assert visitor.get(link).status_code == 200  # opening the link (or a mail scanner) changes nothing
    response = visitor.post(link, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}, follow=True)

    assert response.redirect_chain[-1][0] == "/"
    page = response.content.decode()
    assert "Tugas saya" in page
    assert "Rina Wulandari" in page
    user = User.objects.get(username="dinkes.penyusun.baru")
    assert user.check_password(NEW_PASSWORD)
    assert [(a.role, a.opd_id) for a in user.role_assignments.all()] == [(Role.DRAFTER, dinkes.pk)]
    assert Client().login(username="dinkes.penyusun.baru", password=NEW_PASSWORD)


def test_a_link_used_twice_is_refused_clearly(
    db: None,
    as_user: Callable[[Any], Client],
    organisasi: User,
    dinkes: OPD,
    django_capture_on_commit_callbacks: Any,
) -> None:
    link = invite(as_user(organisasi), dinkes, django_capture_on_commit_callbacks)
    Client().post(link, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    again = Client().get(link)

    assert again.status_code == 410
    assert "sudah dipakai" in again.content.decode()


def test_an_expired_link_is_refused_clearly(
    db: None,
    as_user: Callable[[Any], Client],
    organisasi: User,
    dinkes: OPD,
    django_capture_on_commit_callbacks: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    link = invite(as_user(organisasi), dinkes, django_capture_on_commit_callbacks)
    monkeypatch.setattr(invitations, "max_age_seconds", lambda: -1)

    response = Client().post(link, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    assert response.status_code == 410
    assert "kedaluwarsa" in response.content.decode()
    assert not User.objects.get(username="dinkes.penyusun.baru").has_usable_password()


def test_a_tampered_link_is_refused(db: None) -> None:
    response = Client().get("/undangan/bukan-tautan-yang-sah/")

    assert response.status_code == 410
    assert "tidak sah" in response.content.decode()
