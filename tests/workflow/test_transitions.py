"""Every (state, transition) pair: the legal ones move the document, the others change nothing."""

from __future__ import annotations

import random
from collections import Counter
from typing import Any

import pytest

from notifications.models import Notification
from submissions.models import Submission
from tests.builders import World
from tests.documents import (
    INPUTS,
    LEGAL,
    LETTER,
    RIGHTFUL,
    advance,
    complete_draft,
    document_in,
    fire,
    revision_of,
)
from workflow import announcements, services
from workflow.errors import NotFound, TransitionRefused
from workflow.machine import USER_TRANSITIONS, State
from workflow.models import Snapshot, TransitionLog

PAIRS = [(state, name) for state in State for name in USER_TRANSITIONS]
LEGAL_PAIRS = [(source, name) for name, (source, _) in LEGAL.items()]
ILLEGAL_PAIRS = [pair for pair in PAIRS if pair not in LEGAL_PAIRS]


def _trail(submission: Submission) -> tuple[str, int, int, int, int]:
    """Everything a transition writes: state, round, log rows, snapshots, outbox rows."""
    submission.refresh_from_db()
    return (
        submission.state,
        submission.round,
        TransitionLog.objects.filter(submission=submission).count(),
        Snapshot.objects.filter(submission=submission).count(),
        Notification.objects.filter(submission=submission).count(),
    )


# The one transition no user fires: the previous approved version, when a revision is approved.
INTERNAL = {"supersede": (State.APPROVED, State.SUPERSEDED)}


def test_the_machine_declares_exactly_the_moves_written_out_from_design_section_2() -> None:
    state_field: Any = Submission._meta.get_field("state")
    declared = {(t.name, t.source, t.target) for t in state_field.get_all_transitions(Submission)}

    assert declared == {(name, source, target) for name, (source, target) in {**LEGAL, **INTERNAL}.items()}
    assert list(USER_TRANSITIONS) == list(LEGAL)
    assert [state.value for state in State] == [
        "draft", "opd_review", "compilation", "ministry_consultation", "approved", "superseded"
    ]  # fmt: skip
    assert (len(PAIRS), len(LEGAL_PAIRS), len(ILLEGAL_PAIRS)) == (48, 8, 40)


@pytest.mark.parametrize(("state", "name"), LEGAL_PAIRS, ids=[f"{s}-{n}" for s, n in LEGAL_PAIRS])
def test_a_legal_transition_by_its_rightful_actor_lands_in_its_target_state(
    world: World, state: State, name: str
) -> None:
    submission = document_in(world, state)
    actor = getattr(world, RIGHTFUL[name])
    logged_before = TransitionLog.objects.filter(submission=submission).count()

    moved = fire(submission, name, actor, **INPUTS[name])

    moved.refresh_from_db()
    assert moved.state == LEGAL[name][1]
    entries = list(TransitionLog.objects.filter(submission=submission).order_by("id"))
    assert len(entries) == logged_before + 1
    entry = entries[-1]
    assert (entry.transition, entry.from_state, entry.to_state) == (name, state, LEGAL[name][1])
    assert (entry.actor_id, entry.round) == (actor.pk, moved.round)


@pytest.mark.parametrize(("state", "name"), ILLEGAL_PAIRS, ids=[f"{s}-{n}" for s, n in ILLEGAL_PAIRS])
def test_a_transition_from_any_other_state_is_a_wrong_state_conflict_that_changes_nothing(
    world: World, state: State, name: str
) -> None:
    submission = document_in(world, state)
    before = _trail(submission)

    with pytest.raises(TransitionRefused) as refused:
        fire(submission, name, getattr(world, RIGHTFUL[name]), **INPUTS[name])

    assert (refused.value.kind, refused.value.code) == ("conflict", "wrong_state")
    assert State(state).label in refused.value.message
    assert _trail(submission) == before


def test_the_internal_supersede_cannot_be_fired_by_a_user(world: World) -> None:
    submission = document_in(world, State.APPROVED)
    before = _trail(submission)

    with pytest.raises(TransitionRefused) as refused:
        fire(submission, "supersede", world.organisasi)

    assert refused.value.code == "unknown_transition"
    assert _trail(submission) == before


def test_the_state_field_cannot_be_assigned_directly(world: World) -> None:
    submission = document_in(world, State.DRAFT)

    with pytest.raises(AttributeError):
        submission.state = State.APPROVED

    submission.refresh_from_db()
    assert submission.state == State.DRAFT


@pytest.mark.parametrize("name", ["return_to_drafter", "return_to_opd", "ministry_return"])
def test_every_send_back_starts_a_new_round(world: World, name: str) -> None:
    submission = document_in(world, LEGAL[name][0])

    returned = fire(submission, name, getattr(world, RIGHTFUL[name]), **INPUTS[name])

    assert (returned.state, returned.round) == (State.DRAFT, 2)


def test_a_withdrawal_does_not_start_a_new_round(world: World) -> None:
    submission = document_in(world, State.OPD_REVIEW)

    withdrawn = fire(submission, "withdraw", world.drafter)

    assert (withdrawn.state, withdrawn.round) == (State.DRAFT, 1)


def test_leaving_draft_freezes_the_content_of_that_round(world: World) -> None:
    submission = document_in(world, State.OPD_REVIEW)
    fire(submission, "return_to_drafter", world.reviewer, **INPUTS["return_to_drafter"])
    fire(submission, "submit", world.drafter)

    rounds = list(Snapshot.objects.filter(submission=submission).values_list("round", flat=True))
    assert rounds == [1, 2]


def test_a_first_approval_supersedes_nothing(world: World) -> None:
    approved = document_in(world, State.APPROVED)

    assert approved.approved_at is not None
    assert not TransitionLog.objects.filter(transition="supersede").exists()


def test_approving_a_revision_supersedes_its_predecessor_in_the_same_step(world: World) -> None:
    first = document_in(world, State.APPROVED)
    revision = advance(world, revision_of(world, first), State.MINISTRY_CONSULTATION)

    fire(revision, "ministry_agree", world.ministry, **LETTER)

    first.refresh_from_db()
    revision.refresh_from_db()
    assert (first.state, revision.state) == (State.SUPERSEDED, State.APPROVED)
    superseded = TransitionLog.objects.get(submission=first, transition="supersede")
    assert (superseded.from_state, superseded.to_state) == (State.APPROVED, State.SUPERSEDED)
    assert superseded.actor_id == world.ministry.pk
    assert Submission.objects.filter(position=world.position, state=State.APPROVED).get() == revision


def test_a_failure_while_approving_a_revision_leaves_the_predecessor_in_force(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = document_in(world, State.APPROVED)
    revision = advance(world, revision_of(world, first), State.MINISTRY_CONSULTATION)
    first_before, revision_before = _trail(first), _trail(revision)

    def broken_outbox(**kwargs: object) -> None:
        raise RuntimeError("outbox unavailable")

    # The announcement is the last write of the step: everything before it must roll back with it.
    monkeypatch.setattr(announcements, "announce_transition", broken_outbox)
    with pytest.raises(RuntimeError):
        fire(revision, "ministry_agree", world.organisasi, **LETTER)

    assert _trail(first) == first_before
    assert _trail(revision) == revision_before
    assert first.state == State.APPROVED


def test_a_refused_incomplete_submission_lists_every_problem_and_writes_nothing(world: World) -> None:
    submission = services.submission_create_draft(position_id=world.position.pk, actor=world.drafter)
    before = _trail(submission)

    with pytest.raises(TransitionRefused) as refused:
        fire(submission, "submit", world.drafter)

    assert refused.value.kind == "invalid"
    codes = [error["code"] for error in refused.value.errors]
    assert {"summary_missing", "technical_missing", "education_level_missing"} <= set(codes)
    assert all(error["message"] for error in refused.value.errors)
    assert _trail(submission) == before


@pytest.mark.parametrize("name", ["return_to_drafter", "return_to_opd", "ministry_return", "ministry_agree"])
def test_a_transition_missing_its_required_inputs_names_each_and_writes_nothing(
    world: World, name: str
) -> None:
    submission = document_in(world, LEGAL[name][0])
    before = _trail(submission)

    with pytest.raises(TransitionRefused) as refused:
        fire(submission, name, getattr(world, RIGHTFUL[name]))

    assert refused.value.kind == "invalid"
    named = {error["field"] for error in refused.value.errors}
    assert named == set(INPUTS[name])
    assert _trail(submission) == before


def test_an_unknown_reason_code_is_refused(world: World) -> None:
    submission = document_in(world, State.OPD_REVIEW)
    before = _trail(submission)

    with pytest.raises(TransitionRefused) as refused:
        fire(submission, "return_to_drafter", world.reviewer, reason_code="suka-suka", comment="Tidak.")

    assert refused.value.code == "reason_code_unknown"
    assert _trail(submission) == before


def test_a_blank_comment_counts_as_missing(world: World) -> None:
    submission = document_in(world, State.OPD_REVIEW)

    with pytest.raises(TransitionRefused) as refused:
        fire(submission, "return_to_drafter", world.reviewer, reason_code="wording", comment="   ")

    assert refused.value.code == "comment_required"


BAD_INPUTS = {
    "NUL in comment": ("return_to_drafter", {"reason_code": "wording", "comment": "a\x00b"}, "comment"),
    "comment too long": ("return_to_drafter", {"reason_code": "wording", "comment": "c" * 5_001}, "comment"),
    "reason code too long": ("return_to_drafter", {"reason_code": "r" * 41, "comment": "x"}, "reason_code"),
    "letter number too long": (
        "ministry_agree",
        {**LETTER, "letter_number": "B/" + "9" * 119},
        "letter_number",
    ),
    "letter date not a date": ("ministry_agree", {**LETTER, "letter_date": "kemarin"}, "letter_date"),
    "comment on a forward too long": ("forward", {"comment": "c" * 5_001}, "comment"),
}


@pytest.mark.parametrize(("name", "inputs", "field"), BAD_INPUTS.values(), ids=list(BAD_INPUTS))
def test_an_input_the_log_cannot_hold_is_refused_as_invalid_and_writes_nothing(
    world: World, name: str, inputs: dict[str, object], field: str
) -> None:
    submission = document_in(world, LEGAL[name][0])
    before = _trail(submission)

    with pytest.raises(TransitionRefused) as refused:
        fire(submission, name, getattr(world, RIGHTFUL[name]), **inputs)

    assert refused.value.kind == "invalid"
    assert field in [error["field"] for error in refused.value.errors]
    assert _trail(submission) == before


# A small independent model of the rules, for the random walk below (DESIGN.md section 2).
WALKERS = (
    "drafter",
    "second_drafter",
    "reviewer",
    "second_reviewer",
    "organisasi",
    "ministry",
    "other_drafter",
)
MAY_FIRE = {
    "submit": {"drafter", "second_drafter"},
    "return_to_drafter": {"reviewer", "second_reviewer"},
    "forward": {"reviewer", "second_reviewer"},
    "return_to_opd": {"organisasi"},
    "send_to_ministry": {"organisasi"},
    "ministry_agree": {"organisasi", "ministry"},
    "ministry_return": {"organisasi", "ministry"},
}


def _expected(state: State, name: str, who: str, submitter: str, consulted: bool) -> str:
    if who == "other_drafter" or (who == "ministry" and not consulted):
        return "not_found"
    if state != LEGAL[name][0]:
        return "conflict"
    allowed = {submitter} if name == "withdraw" else MAY_FIRE[name]
    return "ok" if who in allowed else "forbidden"


def _outcome(world: World, submission: Submission, name: str, who: str) -> str:
    try:
        fire(submission, name, getattr(world, who), **INPUTS[name])
    except NotFound:
        return "not_found"
    except TransitionRefused as refused:
        return refused.kind
    return "ok"


def test_a_random_walk_through_the_procedure_agrees_with_the_written_rules(world: World) -> None:
    seed = 20261122
    rng = random.Random(seed)
    submission, submitter, consulted = complete_draft(world), "", False
    seen: Counter[str] = Counter()
    for step in range(250):
        state = State(submission.state)
        if state == State.APPROVED:
            submission, submitter, consulted = revision_of(world, submission), "", False
            seen["revision started"] += 1
            continue
        legal = [n for n, (source, _) in LEGAL.items() if source == state]
        name = rng.choice(legal if rng.random() < 0.5 else list(LEGAL))
        who = rng.choice(WALKERS)
        expected = _expected(state, name, who, submitter, consulted)

        actual = _outcome(world, submission, name, who)

        assert actual == expected, f"seed {seed}, step {step}: {who} {name} from {state}"
        seen[actual] += 1
        submission.refresh_from_db()
        if actual == "ok":
            assert submission.state == LEGAL[name][1]
            submitter = who if name == "submit" else submitter
            consulted = consulted or submission.state == State.MINISTRY_CONSULTATION
        else:
            assert submission.state == state
    # The walk met every outcome and went the whole way round at least once.
    assert {"ok", "conflict", "forbidden", "not_found"} <= set(seen)
    assert seen["revision started"] >= 1, seen
