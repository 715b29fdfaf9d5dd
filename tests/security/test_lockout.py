"""Password guessing is limited per username and per address, and cannot lock an official out of
the addresses he works from; the web login and the API token login behave alike."""

from __future__ import annotations

import pytest

from tests.builders import World
from tests.security.conftest import Login

pytestmark = pytest.mark.django_db

ATTACKER = "203.0.113.66"
OFFICE = "198.51.100.10"
ELSEWHERE = "192.0.2.44"


def test_five_wrong_passwords_lock_the_username_from_a_new_address(
    world: World, login: Login, right: str
) -> None:
    statuses = [login("penyusun", "salah", ATTACKER) for _ in range(5)]

    assert statuses == [400, 400, 400, 400, 429]
    assert login("penyusun", right, ELSEWHERE) == 429


def test_a_locked_official_still_logs_in_from_an_address_he_used_before(
    world: World, login: Login, right: str
) -> None:
    assert login("penyusun", right, OFFICE) == 200
    for _ in range(6):
        login("penyusun", "salah", ATTACKER)

    assert login("penyusun", right, ELSEWHERE) == 429
    assert login("penyusun", right, OFFICE) == 200


def test_logging_in_to_ones_own_account_does_not_wipe_the_guesses_made_from_that_address(
    world: World, login: Login, right: str
) -> None:
    for _ in range(4):
        login("penyusun", "salah", ATTACKER)
    assert login("pemeriksa", right, ATTACKER) == 200  # the attacker's own account

    assert login("penyusun", "salah", ATTACKER) == 429  # the fifth guess still counts
    assert login("penyusun", right, ELSEWHERE) == 429


def test_a_success_clears_only_its_own_usernames_failures(world: World, login: Login, right: str) -> None:
    for _ in range(4):
        login("penyusun", "salah", OFFICE)
    assert login("penyusun", right, OFFICE) == 200

    for _ in range(4):
        assert login("penyusun", "salah", ELSEWHERE) == 400  # counting again from zero
    assert login("penyusun", right, ELSEWHERE) == 200


def test_one_address_guessing_many_accounts_is_locked(
    world: World, login: Login, right: str, settings
) -> None:
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 8
    names = ["penyusun", "penyusun2", "pemeriksa", "pemeriksa2", "organisasi", "kemenpan", "penyusun.lain"]
    statuses = [login(name, "salah", ATTACKER) for name in names]

    assert statuses == [400] * 7
    assert login("pemeriksa.lain", "salah", ATTACKER) == 429
    assert login("organisasi.lain", right, ATTACKER) == 429  # the address, not the account
    assert login("organisasi.lain", right, OFFICE) == 200


def test_colleagues_behind_one_office_address_do_not_lock_each_other_out(
    world: World, login: Login, right: str
) -> None:
    for name in ["penyusun", "penyusun2", "pemeriksa", "pemeriksa2", "organisasi", "kemenpan"]:
        assert login(name, "salah", OFFICE) == 400

    assert login("penyusun.lain", right, OFFICE) == 200


def test_behind_the_trusted_proxy_a_locked_address_does_not_lock_everyone(
    world: World, login: Login, right: str, settings
) -> None:
    settings.TRUSTED_PROXY_COUNT = 1
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 3
    proxy = "10.0.0.2"
    for name in ["penyusun", "penyusun2", "pemeriksa"]:
        login(name, "salah", proxy, HTTP_X_FORWARDED_FOR=ATTACKER)

    assert login("organisasi", right, proxy, HTTP_X_FORWARDED_FOR=ATTACKER) == 429
    assert login("organisasi", right, proxy, HTTP_X_FORWARDED_FOR=OFFICE) == 200


def test_a_forged_forwarded_for_header_does_not_give_a_fresh_address(
    world: World, login: Login, right: str, settings
) -> None:
    settings.TRUSTED_PROXY_COUNT = 1
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 3
    proxy = "10.0.0.2"
    for index, name in enumerate(["penyusun", "penyusun2", "pemeriksa"]):
        login(name, "salah", proxy, HTTP_X_FORWARDED_FOR=f"192.0.2.{index}, {ATTACKER}")

    assert login("organisasi", right, proxy, HTTP_X_FORWARDED_FOR=f"192.0.2.99, {ATTACKER}") == 429


def test_without_a_trusted_proxy_the_forwarded_for_header_is_ignored(
    world: World, login: Login, right: str, settings
) -> None:
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 3
    for index, name in enumerate(["penyusun", "penyusun2", "pemeriksa"]):
        login(name, "salah", ATTACKER, HTTP_X_FORWARDED_FOR=f"192.0.2.{index}")

    assert login("organisasi", right, ATTACKER, HTTP_X_FORWARDED_FOR=OFFICE) == 429
