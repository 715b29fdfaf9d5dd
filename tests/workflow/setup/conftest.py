from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from bench.region_files import URUSAN
from submissions.models import OPD, Instansi, InstansiKind, Role, RoleAssignment, Urusan
from tests.factories import UserFactory


@pytest.fixture
def region(db: None) -> Instansi:
    for name in URUSAN:
        Urusan.objects.get_or_create(name=name)
    return Instansi.objects.create(name="Pemerintah Kabupaten Contoh", kind=InstansiKind.KABUPATEN)


@pytest.fixture
def organisasi(region: Instansi) -> User:
    user = UserFactory.create(username="contoh.organisasi")
    RoleAssignment.objects.create(user=user, role=Role.BAGIAN_ORGANISASI, instansi=region)
    return user


@pytest.fixture
def dinkes(region: Instansi) -> OPD:
    return OPD.objects.create(instansi=region, name="Dinas Kesehatan", short_name="Dinkes")


@pytest.fixture
def other_region(db: None) -> Instansi:
    return Instansi.objects.create(name="Pemerintah Kota Lain", kind=InstansiKind.KOTA)
