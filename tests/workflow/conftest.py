"""Fixtures for the workflow's time, snapshot and log tests."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from submissions.models import Instansi, InstansiKind, Submission, TimeZone
from tests.factories import InstansiFactory, PositionFactory, UserFactory


def new_instansi(name: str, time_zone: str = TimeZone.WIB) -> Instansi:
    return Instansi.objects.create(name=name, kind=InstansiKind.KOTA, time_zone=time_zone)


@pytest.fixture
def instansi(db: None) -> Instansi:
    return new_instansi("Pemerintah Kota Madiun")


@pytest.fixture
def make_submission(db: None) -> Callable[..., Submission]:
    """A stored document of a new position in the given instansi (state draft unless told)."""

    def make(instansi: Instansi | None = None, **fields: Any) -> Submission:
        position = PositionFactory.create(opd__instansi=instansi or InstansiFactory.create())
        return Submission.objects.create(position=position, created_by=UserFactory.create(), **fields)

    return make
