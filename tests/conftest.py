"""Shared fixtures. Service-backed fixtures live in tests/integration/conftest.py."""
