"""Failed logins, lockouts and refused authorizations reach the security log as JSON lines with
who, what, when (UTC) and from where; login records are kept for a set period only."""

from __future__ import annotations

import json
import logging
from datetime import timedelta

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from security.logging import JsonFormatter
from tests.api.conftest import client_for
from tests.builders import World
from tests.documents import document_in
from tests.security.conftest import Lines, Login

pytestmark = pytest.mark.django_db

ATTACKER = "203.0.113.66"


def test_a_failed_login_is_logged_with_who_what_and_from_where(
    world: World, login: Login, security_log: Lines
) -> None:
    login("penyusun", "salah", ATTACKER)

    [line] = security_log.events("login_failed")
    assert line["username"] == "penyusun"
    assert line["address"] == ATTACKER  # not masked
    assert line["locked_out"] is False
    assert "salah" not in json.dumps(line)


def test_a_lockout_is_logged(world: World, login: Login, security_log: Lines) -> None:
    for _ in range(5):
        login("penyusun", "salah", ATTACKER)

    [line] = security_log.events("login_locked_out")
    assert (line["username"], line["address"]) == ("penyusun", ATTACKER)


def test_a_refused_api_request_is_logged_with_the_user(world: World, security_log: Lines) -> None:
    document = document_in(world, "opd_review")

    response = client_for(world.drafter).post(
        f"/api/v1/submissions/{document.pk}/transitions/", {"name": "forward"}, format="json"
    )

    assert response.status_code == 403
    [line] = security_log.events("authorization_refused")
    assert line["username"] == "penyusun"
    assert line["status"] == 403
    assert line["path"] == f"/api/v1/submissions/{document.pk}/transitions/"
    assert line["channel"] == "api"


def test_an_unauthenticated_api_request_is_logged(world: World, security_log: Lines) -> None:
    Client(REMOTE_ADDR=ATTACKER).get("/api/v1/me/")

    [line] = security_log.events("authorization_refused")
    assert (line["username"], line["status"], line["address"]) == ("", 401, ATTACKER)


def test_lines_are_json_with_a_utc_time() -> None:
    record = logging.LogRecord("security", logging.WARNING, __file__, 1, "login_failed", None, None)
    record.fields = {"username": "penyusun", "address": ATTACKER}

    line = json.loads(JsonFormatter().format(record))

    assert line["event"] == "login_failed"
    assert line["time"].endswith("+00:00")
    assert (line["username"], line["address"], line["level"]) == ("penyusun", ATTACKER, "WARNING")


def test_login_records_older_than_the_retention_are_purged(
    world: World, login: Login, right: str, settings
) -> None:
    settings.LOGIN_RECORDS_RETENTION_DAYS = 30
    login("penyusun", "salah", ATTACKER)
    login("penyusun", right, "198.51.100.10")
    login("pemeriksa", "salah", ATTACKER)
    old = timezone.now() - timedelta(days=31)
    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        model.objects.exclude(username="pemeriksa").update(attempt_time=old)

    call_command("purge_login_records")

    assert not AccessLog.objects.exists()
    assert list(AccessFailureLog.objects.values_list("username", flat=True)) == ["pemeriksa"]
    assert list(AccessAttempt.objects.values_list("username", flat=True)) == ["pemeriksa"]
