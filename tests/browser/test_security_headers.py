"""The admin and the interactive API docs still work under the Content-Security-Policy."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_admin_and_the_api_docs_load_without_policy_violations(chromium: Any, live_server: Any) -> None:
    User.objects.create_superuser("penguji", "penguji@example.org", "rahasia-panjang-2026")
    context = chromium.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    violations: list[str] = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)

    page.goto(f"{live_server.url}/admin/login/")
    page.locator("#id_username").fill("penguji")
    page.locator("#id_password").fill("rahasia-panjang-2026")
    page.locator("input[type=submit]").click()
    page.wait_for_selector("#site-name")
    assert "Administrasi Alur SKJ" in page.locator("#site-name").inner_text()

    page.goto(f"{live_server.url}/api/docs/")
    page.wait_for_selector(".swagger-ui .info .title")
    assert "Alur SKJ API" in page.locator(".swagger-ui .info .title").inner_text()

    assert violations == []
    context.close()
