"""The integration role: a read-only account of another system (what it reads: test_scoping)."""

import pytest
from django.core.exceptions import ValidationError

from submissions.models import Role, RoleAssignment
from tests.builders import World
from tests.documents import document_in
from tests.factories import UserFactory
from workflow import roles
from workflow.machine import Actor, State

pytestmark = pytest.mark.django_db


def _account(instansi=None):
    account = UserFactory.create()
    RoleAssignment.objects.create(user=account, role=Role.INTEGRATION, instansi=instansi)
    return account


def test_an_integration_account_acts_on_nothing(world: World):
    document = document_in(world, State.COMPILATION)
    account = _account(world.instansi)
    assert roles.is_integration_account(account)
    assert not roles.may_act_for_instansi(account, Actor.BAGIAN_ORGANISASI, world.instansi.pk)
    assert not any(roles.may_act_as(account, document, actor) for actor in roles.ACTOR_ROLES)


def test_an_integration_account_is_never_bound_to_an_opd(world: World):
    with pytest.raises(ValidationError):
        RoleAssignment(user=UserFactory.create(), role=Role.INTEGRATION, opd=world.opd).clean()


def test_bagian_organisasi_is_not_an_integration_account(world: World):
    assert not roles.is_integration_account(world.organisasi)
