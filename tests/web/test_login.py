from __future__ import annotations

from django.test import Client


def test_a_wrong_password_keeps_the_username_and_explains_in_indonesian(world) -> None:
    world.drafter.set_password("benar-sekali-2026")
    world.drafter.save()

    response = Client().post("/masuk/", {"username": "penyusun", "password": "salah"})

    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="penyusun"' in html
    assert "sandi yang benar" in html


def test_a_right_password_leads_home(world) -> None:
    world.drafter.set_password("benar-sekali-2026")
    world.drafter.save()

    response = Client().post("/masuk/", {"username": "penyusun", "password": "benar-sekali-2026"})

    assert response.status_code == 302
    assert response["Location"] == "/"
