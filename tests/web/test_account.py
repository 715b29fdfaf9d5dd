from __future__ import annotations

import pytest
from django.test import Client


def test_the_roles_page_lists_my_roles_and_their_scope(world, as_user) -> None:
    html = as_user(world.reviewer).get("/akun/peran/").content.decode()

    assert "Pemeriksa OPD" in html
    assert "Dinas Kesehatan" in html


def test_the_state_machine_page_draws_the_diagram_inline(world, as_user) -> None:
    html = as_user(world.drafter).get("/alur/").content.decode()

    assert "<svg" in html
    assert "<?xml" not in html
    assert "Kirim ke KemenPAN-RB" in html


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/akun/peran/", "/alur/", "/notifikasi/", "/jabatan/"])
def test_pages_need_a_login(path: str) -> None:
    response = Client().get(path)

    assert response.status_code == 302
    assert response["Location"].startswith("/masuk/")


def test_english_is_available(world, as_user) -> None:
    client = as_user(world.drafter)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})

    html = client.get("/").content.decode()

    assert "My tasks" in html
    assert 'lang="en"' in html
