"""The transition table is read from the machine's declarations, and what lives outside it follows it."""

from __future__ import annotations

from pathlib import Path

import pytest

from notifications.models import Kind as NotificationKind
from submissions.models import RoleAssignment
from tests.builders import World
from workflow import roles
from workflow.announcements import TRANSITION_RULES
from workflow.inputs import INPUT_RULES
from workflow.machine import TRANSITIONS, USER_TRANSITIONS, Actor, Kind, State, SubmissionWorkflow
from workflow.roles import ACTOR_ROLES, holders_filter, holds, states_acted_in

EMAILS = Path(__file__).resolve().parents[2] / "notifications" / "templates" / "notifications" / "emails"


def test_the_table_holds_every_transition_of_the_machine_in_the_order_written() -> None:
    declared = [name for name, value in vars(SubmissionWorkflow).items() if hasattr(value, "_django_fsm")]
    assert list(TRANSITIONS) == declared
    assert tuple(n for n in declared if TRANSITIONS[n].kind is not Kind.INTERNAL) == USER_TRANSITIONS


def test_each_row_keeps_the_source_and_target_django_fsm_was_given() -> None:
    for name, step in TRANSITIONS.items():
        fsm = next(iter(getattr(SubmissionWorkflow, name)._django_fsm.transitions.values()))
        assert (step.source, step.target) == (fsm.source, fsm.target)


def test_every_required_input_has_its_sentence_and_every_actor_its_role() -> None:
    for step in TRANSITIONS.values():
        assert all(INPUT_RULES[name].missing for name in step.requires)
        assert all(actor in ACTOR_ROLES for actor in step.actors)


def test_who_acts_in_a_state_is_who_advances_it() -> None:
    assert {actor: states_acted_in(actor) for actor in Actor} == {
        Actor.OPD_DRAFTER: (State.DRAFT,),
        Actor.SUBMITTER: (),
        Actor.OPD_REVIEWER: (State.OPD_REVIEW,),
        Actor.BAGIAN_ORGANISASI: (State.COMPILATION, State.MINISTRY_CONSULTATION),
        Actor.MINISTRY: (State.MINISTRY_CONSULTATION,),
    }


@pytest.mark.parametrize("name", USER_TRANSITIONS)
def test_every_user_transition_is_announced_with_its_own_kind_and_templates(name: str) -> None:
    assert TRANSITION_RULES[name]
    assert name in NotificationKind.values
    for part in ("subject.txt", "body.txt", "body.html"):
        assert (EMAILS / f"{name}-{part}").is_file()


@pytest.mark.django_db
@pytest.mark.parametrize("actor", list(Actor))
def test_the_predicate_and_the_filter_of_an_actor_name_the_same_people(world: World, actor: Actor) -> None:
    opd = world.opd
    for submitted_by_id in (world.drafter.pk, None):
        found = set(RoleAssignment.objects.filter(holders_filter(actor, opd, submitted_by_id)))
        held = {a for a in RoleAssignment.objects.all() if holds(a, actor, opd, submitted_by_id)}
        assert found == held
        assert found or (actor == Actor.SUBMITTER and submitted_by_id is None)


def test_work_on_a_whole_instansi_belongs_to_its_bagian_organisasi_and_the_ministry(world: World) -> None:
    own, other = world.instansi.pk, world.other_instansi_opd.instansi_id
    assert roles.may_act_for_instansi(world.organisasi, Actor.BAGIAN_ORGANISASI, own)
    assert not roles.may_act_for_instansi(world.organisasi, Actor.BAGIAN_ORGANISASI, other)
    assert not roles.may_act_for_instansi(world.other_organisasi, Actor.BAGIAN_ORGANISASI, own)
    assert roles.may_act_for_instansi(world.ministry, Actor.MINISTRY, other)
    assert not roles.may_act_for_instansi(world.drafter, Actor.MINISTRY, own)
    with pytest.raises(ValueError, match="one OPD"):
        roles.may_act_for_instansi(world.drafter, Actor.OPD_DRAFTER, own)
