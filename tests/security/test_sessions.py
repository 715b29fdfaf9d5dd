"""A browser session ends after 30 idle minutes and 12 hours after login; what a logged-in user
sees is never stored by a cache."""

from __future__ import annotations

import time

import pytest
from django.test import Client

from security.middleware import LAST_SEEN, STARTED
from tests.api.conftest import client_for
from tests.builders import World

pytestmark = pytest.mark.django_db


@pytest.fixture
def browser(world: World) -> Client:
    client = Client()
    client.force_login(world.drafter, backend="django.contrib.auth.backends.ModelBackend")
    assert client.get("/").status_code == 200
    return client


def _age(client: Client, **seconds_ago: int) -> None:
    session = client.session
    for key, ago in seconds_ago.items():
        session[key] = int(time.time()) - ago
    session.save()


def test_a_session_idle_for_more_than_30_minutes_must_log_in_again(browser: Client) -> None:
    _age(browser, **{LAST_SEEN: 31 * 60})

    response = browser.get("/")

    assert response.status_code == 302
    assert response["Location"].startswith("/masuk/")


def test_a_session_used_within_30_minutes_goes_on(browser: Client) -> None:
    _age(browser, **{LAST_SEEN: 29 * 60})

    assert browser.get("/").status_code == 200
    assert browser.session[LAST_SEEN] >= int(time.time()) - 1  # the clock starts again


def test_a_session_ends_12_hours_after_login_however_busy(browser: Client) -> None:
    _age(browser, **{STARTED: 12 * 3600 + 1, LAST_SEEN: 10})

    assert browser.get("/").status_code == 302


def test_logged_in_pages_and_api_answers_are_not_stored(browser: Client, world: World) -> None:
    page = browser.get("/")
    api = client_for(world.drafter).get("/api/v1/me/")

    assert "no-store" in page["Cache-Control"]
    assert "no-store" in api["Cache-Control"]
