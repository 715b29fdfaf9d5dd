"""Security headers: a strict policy on our pages, a relaxed one only where third-party UIs need it."""

from __future__ import annotations

import re

import pytest
from django.contrib.staticfiles import finders
from django.test import Client

from web.middleware import RELAXED_POLICY, STRICT_POLICY


@pytest.mark.django_db
def test_our_pages_carry_the_strict_content_security_policy() -> None:
    response = Client().get("/masuk/")

    assert response["Content-Security-Policy"] == STRICT_POLICY
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_our_pages_have_no_inline_script_or_style(world, as_user) -> None:
    html = as_user(world.drafter).get("/").content.decode()

    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)
    assert "<style" not in html
    assert " style=" not in html


@pytest.mark.django_db
def test_the_admin_gets_the_relaxed_policy_it_needs() -> None:
    response = Client().get("/admin/login/")

    assert response.status_code == 200
    assert response["Content-Security-Policy"] == RELAXED_POLICY


def test_htmx_is_served_from_our_own_static_files() -> None:
    assert finders.find("django_htmx/htmx-2.min.js")
    assert finders.find("web/app.js")


@pytest.mark.django_db
def test_pages_are_indonesian_even_for_an_english_browser() -> None:
    response = Client(headers={"Accept-Language": "en-US,en;q=0.9"}).get("/masuk/")

    assert 'lang="id"' in response.content.decode()
    assert "Masuk ke Alur SKJ" in response.content.decode()


@pytest.mark.django_db
def test_english_is_used_once_chosen_with_the_switcher() -> None:
    client = Client()
    client.post("/i18n/setlang/", {"language": "en", "next": "/masuk/"})

    assert "Log in to Alur SKJ" in client.get("/masuk/").content.decode()
