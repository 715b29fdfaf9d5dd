"""Shared fixtures. Service-backed fixtures live in tests/integration/conftest.py."""

import pytest

from config.memo import forget_every_memo
from tests.builders import World, build_world
from tests.events import number_events_at_insert


@pytest.fixture
def world(db: None) -> World:
    """One instansi with two OPDs, another instansi, and a user for every role (see tests/builders.py)."""
    return build_world()


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Files that tests store (export jobs) go to a temporary folder, never into the project."""
    settings.MEDIA_ROOT = str(tmp_path_factory.mktemp("media"))


@pytest.fixture(autouse=True)
def fresh_memos() -> None:
    """Rows an earlier test wrote were rolled back without a signal: no memo may remember them."""
    forget_every_memo()


@pytest.fixture
def numbered_events(db: None) -> None:
    """Events get their feed position at insert, so a test's uncommitted events are in the feed."""
    number_events_at_insert()
