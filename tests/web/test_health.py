from __future__ import annotations

import pytest
from django.test import Client


@pytest.mark.django_db
def test_healthz_answers_ok_without_login_when_the_database_answers() -> None:
    response = Client().get("/healthz/")

    assert response.status_code == 200
    assert response.content == b"ok"
