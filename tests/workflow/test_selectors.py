"""What the pages and the status endpoint ask: which buttons to show, and why the others are missing."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from submissions.models import Role, RoleAssignment, Submission
from tests.builders import World
from tests.documents import INPUTS, document_in, fire
from workflow import selectors, services
from workflow.machine import USER_TRANSITIONS, State
from workflow.models import ReasonCode

# The buttons each user may press, per state of a complete document submitted by `drafter`.
BUTTONS: dict[State, dict[str, list[str]]] = {
    State.DRAFT: {
        "drafter": ["submit"],
        "second_drafter": ["submit"],
        "reviewer": [],
        "organisasi": [],
    },
    State.OPD_REVIEW: {
        "drafter": ["withdraw"],
        "second_drafter": [],
        "reviewer": ["return_to_drafter", "forward"],
        "organisasi": [],
    },
    State.COMPILATION: {
        "drafter": [],
        "reviewer": [],
        "organisasi": ["return_to_opd", "send_to_ministry"],
    },
    State.MINISTRY_CONSULTATION: {
        "drafter": [],
        "reviewer": [],
        "organisasi": ["ministry_agree", "ministry_return"],
        "ministry": ["ministry_agree", "ministry_return"],
    },
    State.APPROVED: {"drafter": [], "reviewer": [], "organisasi": [], "ministry": []},
}
CASES = [(state, role, names) for state, row in BUTTONS.items() for role, names in row.items()]


def _reasons(options: list[selectors.TransitionOption], name: str) -> list[str]:
    return [reason.code for option in options if option.name == name for reason in option.reasons]


@pytest.mark.parametrize(("state", "role", "names"), CASES, ids=[f"{s}-{r}" for s, r, _ in CASES])
def test_only_the_buttons_a_user_may_press_are_offered(
    world: World, state: State, role: str, names: list[str]
) -> None:
    submission = document_in(world, state)

    offered = selectors.allowed_transitions(submission, getattr(world, role))

    assert [option.name for option in offered] == names


def test_every_user_transition_is_listed_in_the_order_of_the_procedure(world: World) -> None:
    submission = document_in(world, State.DRAFT)

    options = selectors.transition_options(submission, world.reviewer)

    assert [option.name for option in options] == list(USER_TRANSITIONS)
    assert all(option.label for option in options)


def test_a_button_says_which_inputs_it_requires_and_whether_it_sends_back(world: World) -> None:
    submission = document_in(world, State.OPD_REVIEW)

    options = {o.name: o for o in selectors.transition_options(submission, world.reviewer)}

    assert (options["return_to_drafter"].requires, options["return_to_drafter"].send_back) == (
        ["reason_code", "comment"],
        True,
    )
    assert (options["forward"].requires, options["forward"].send_back) == ([], False)
    assert options["return_to_drafter"].allowed  # inputs are asked for after the button is pressed


def test_a_refusal_from_the_wrong_state_names_both_states_in_indonesian(world: World) -> None:
    submission = document_in(world, State.DRAFT)

    options = {o.name: o for o in selectors.transition_options(submission, world.reviewer)}

    (reason,) = options["forward"].reasons
    assert reason.code == "wrong_state"
    assert "'Reviu OPD'" in reason.message
    assert "'Draf'" in reason.message


def test_an_incomplete_draft_explains_every_problem_on_the_submit_button(world: World) -> None:
    submission = services.submission_create_draft(position_id=world.position.pk, actor=world.drafter)

    options = selectors.transition_options(submission, world.drafter)

    codes = _reasons(options, "submit")
    assert {"summary_missing", "technical_missing", "education_level_missing"} <= set(codes)
    assert selectors.allowed_transitions(submission, world.drafter) == []


def test_without_the_content_check_an_incomplete_draft_still_offers_submit(world: World) -> None:
    submission = services.submission_create_draft(position_id=world.position.pk, actor=world.drafter)

    offered = selectors.allowed_transitions(submission, world.drafter, check_content=False)

    assert [option.name for option in offered] == ["submit"]


def test_without_the_content_check_the_documents_rows_are_not_read(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    submission = services.submission_create_draft(position_id=world.position.pk, actor=world.drafter)

    def must_not_run(self: Submission) -> list[object]:
        raise AssertionError("the cheap status check read the whole document")

    monkeypatch.setattr(Submission, "validity_errors", must_not_run)

    options = selectors.transition_options(submission, world.drafter, check_content=False)

    assert [option.name for option in options if option.allowed] == ["submit"]


def test_a_reviewer_who_submitted_is_told_another_reviewer_must_forward(world: World) -> None:
    RoleAssignment.objects.create(user=world.reviewer, role=Role.DRAFTER, opd=world.opd)
    reviewer = get_user_model().objects.get(pk=world.reviewer.pk)
    submission = document_in(world, State.DRAFT)
    submission = fire(submission, "submit", reviewer)

    options = selectors.transition_options(submission, reviewer)

    assert _reasons(options, "forward") == ["self_approval"]
    assert [o.name for o in options if o.allowed] == ["withdraw", "return_to_drafter"]


def test_someone_else_is_told_who_may_act(world: World) -> None:
    submission = document_in(world, State.OPD_REVIEW)

    options = {o.name: o for o in selectors.transition_options(submission, world.organisasi)}

    (reason,) = options["forward"].reasons
    assert reason.code == "not_permitted"
    assert "pemeriksa Dinas Kesehatan" in reason.message


def test_the_history_is_oldest_first_with_every_step(world: World) -> None:
    submission = document_in(world, State.OPD_REVIEW)
    fire(submission, "return_to_drafter", world.reviewer, **INPUTS["return_to_drafter"])

    entries = list(selectors.history(submission))

    assert [e.transition for e in entries] == ["create", "submit", "return_to_drafter"]
    assert [e.actor_id for e in entries] == [world.drafter.pk, world.drafter.pk, world.reviewer.pk]
    assert entries[-1].comment == INPUTS["return_to_drafter"]["comment"]


def test_only_active_reason_codes_are_offered(world: World) -> None:
    ReasonCode.objects.filter(code="other").update(active=False)

    codes = set(selectors.reason_codes().values_list("code", flat=True))

    assert "other" not in codes
    assert {"incomplete", "wording"} <= codes


@pytest.mark.parametrize(
    ("state", "hours", "overdue"),
    [
        (State.OPD_REVIEW, -1, True),
        (State.OPD_REVIEW, 1, False),
        (State.APPROVED, -1, False),
    ],
    ids=["active-past-due", "active-not-yet-due", "approved-past-due"],
)
def test_a_document_is_overdue_only_while_someone_must_act(
    world: World, state: State, hours: int, overdue: bool
) -> None:
    submission = document_in(world, state)
    Submission.objects.filter(pk=submission.pk).update(
        due_at=timezone.now() + datetime.timedelta(hours=hours)
    )
    submission.refresh_from_db()

    assert selectors.is_overdue(submission) is overdue
