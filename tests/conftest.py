"""Shared fixtures. Service-backed fixtures live in tests/integration/conftest.py."""

import pytest

from tests.builders import World, build_world


@pytest.fixture
def world(db: None) -> World:
    """One instansi with two OPDs, another instansi, and a user for every role (see tests/builders.py)."""
    return build_world()
