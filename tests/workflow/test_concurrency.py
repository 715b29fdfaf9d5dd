"""Ten users pressing the same button at the same moment: one wins, nine are told, one log row.

Only PostgreSQL proves this (SQLite ignores row locks and serialises every write), so these tests
skip on any other database, and fail instead when REQUIRE_SERVICES=1. Run them with e.g.
`DATABASE_URL=postgres://postgres@127.0.0.1:5432/alur_skj_h6 pytest tests/workflow/test_concurrency.py`.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.db import connection

from notifications.models import Notification
from submissions.models import Role, RoleAssignment, Submission
from tests.builders import World, valid_content
from tests.documents import INPUTS, LETTER, advance, document_in, revision_of
from tests.factories import UserFactory
from tests.services import need
from workflow import services
from workflow.errors import Conflict, StaleContent, TransitionRefused, WorkflowError
from workflow.machine import State
from workflow.models import TransitionLog

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

RACERS = 10
WON = "won"


@pytest.fixture(autouse=True)
def _postgresql_only() -> None:
    need(
        connection.vendor == "postgresql",
        f"concurrency tests need PostgreSQL; the configured database is {connection.vendor} "
        "(set DATABASE_URL=postgres://...)",
    )


def _race(calls: list[Callable[[], Any]]) -> list[str]:
    """Run the calls in threads released at once; each outcome is WON or the refusal's class:code."""
    barrier = threading.Barrier(len(calls))
    outcomes: list[str] = []
    lock = threading.Lock()

    def run(call: Callable[[], Any]) -> None:
        try:
            barrier.wait(timeout=30)
            call()
            outcome = WON
        except WorkflowError as error:
            outcome = f"{type(error).__name__}:{error.code}:{error.kind}"
        except Exception as error:  # any other failure must show up in the assertion, not vanish
            outcome = f"crash:{error!r}"
        finally:
            connection.close()  # each thread opened its own connection
        with lock:
            outcomes.append(outcome)

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert len(outcomes) == len(calls), "a racer never finished"
    return outcomes


def _fresh(user: Any) -> Any:
    """A separate user object per thread: role assignments are memoised on the object."""
    return get_user_model().objects.get(pk=user.pk)


def _colleagues(world: World, role: str, count: int, **scope: Any) -> list[Any]:
    users = []
    for index in range(count):
        user: Any = UserFactory.create(username=f"{role}.{index}")
        RoleAssignment.objects.create(user=user, role=role, **scope)
        users.append(user)
    return users


def _fire_as(user: Any, submission: Submission, name: str, **inputs: Any) -> Callable[[], Any]:
    return lambda: services.submission_fire_transition(
        submission_id=submission.pk, name=name, actor=user, **inputs
    )


def _losers_were_told_of_a_conflict(outcomes: list[str], *accepted: str) -> None:
    counts = Counter(outcomes)
    assert counts[WON] == 1, outcomes
    losers = [outcome for outcome in outcomes if outcome != WON]
    assert all(outcome.startswith(accepted) for outcome in losers), losers


def _outbox_batches(submission: Submission) -> set[str]:
    """The events the submission's notification rows were written for (one batch per event)."""
    return set(Notification.objects.filter(submission=submission).values_list("event_key", flat=True))


WRONG_STATE = f"{TransitionRefused.__name__}:wrong_state:conflict"
LOST_RACE = f"{Conflict.__name__}:"


def test_ten_reviewers_forwarding_at_once_give_one_forward_and_nine_conflicts(world: World) -> None:
    submission = document_in(world, State.OPD_REVIEW)
    reviewers = [world.reviewer, *_colleagues(world, Role.REVIEWER, RACERS - 1, opd=world.opd)]
    batches_before = _outbox_batches(submission)

    outcomes = _race([_fire_as(_fresh(r), submission, "forward") for r in reviewers])

    _losers_were_told_of_a_conflict(outcomes, WRONG_STATE, LOST_RACE)
    submission.refresh_from_db()
    assert submission.state == State.COMPILATION
    forward = TransitionLog.objects.get(submission=submission, transition="forward")
    assert _outbox_batches(submission) - batches_before == {f"transition:{forward.pk}"}


def test_one_reviewer_pressing_forward_ten_times_at_once_forwards_once(world: World) -> None:
    submission = document_in(world, State.OPD_REVIEW)

    outcomes = _race([_fire_as(_fresh(world.reviewer), submission, "forward") for _ in range(RACERS)])

    _losers_were_told_of_a_conflict(outcomes, WRONG_STATE, LOST_RACE)
    assert TransitionLog.objects.filter(submission=submission, transition="forward").count() == 1


def test_a_forward_racing_a_send_back_leaves_exactly_one_of_them(world: World) -> None:
    submission = document_in(world, State.OPD_REVIEW)
    reviewers = [world.reviewer, world.second_reviewer]
    calls = [
        _fire_as(_fresh(reviewers[i % 2]), submission, "forward")
        if i % 2
        else _fire_as(
            _fresh(reviewers[i % 2]), submission, "return_to_drafter", **INPUTS["return_to_drafter"]
        )
        for i in range(RACERS)
    ]

    outcomes = _race(calls)

    _losers_were_told_of_a_conflict(outcomes, WRONG_STATE, LOST_RACE)
    moves = TransitionLog.objects.filter(submission=submission, from_state=State.OPD_REVIEW)
    assert moves.count() == 1
    submission.refresh_from_db()
    assert submission.state == moves.get().to_state


def test_ten_approvals_of_a_revision_at_once_approve_one_version_and_supersede_once(world: World) -> None:
    first = document_in(world, State.APPROVED)
    revision = advance(world, revision_of(world, first), State.MINISTRY_CONSULTATION)
    deciders = [
        world.organisasi,
        world.ministry,
        *_colleagues(world, Role.BAGIAN_ORGANISASI, 4, instansi=world.instansi),
        *_colleagues(world, Role.MINISTRY, 4),
    ]

    outcomes = _race([_fire_as(_fresh(user), revision, "ministry_agree", **LETTER) for user in deciders])

    _losers_were_told_of_a_conflict(outcomes, WRONG_STATE, LOST_RACE)
    states = dict(Submission.objects.filter(position=world.position).values_list("version", "state"))
    assert states == {1: State.SUPERSEDED, 2: State.APPROVED}
    assert TransitionLog.objects.filter(submission=revision, transition="ministry_agree").count() == 1
    assert TransitionLog.objects.filter(submission=first, transition="supersede").count() == 1


def test_ten_drafters_saving_the_same_revision_at_once_lose_no_update_silently(world: World) -> None:
    submission = document_in(world, State.DRAFT)
    drafters = [world.drafter, *_colleagues(world, Role.DRAFTER, RACERS - 1, opd=world.opd)]
    revision = submission.content_revision

    def save(user: Any, index: int) -> Callable[[], Any]:
        return lambda: services.submission_update_content(
            submission_id=submission.pk, actor=user, expected_revision=revision, summary=f"Versi {index}"
        )

    outcomes = _race([save(_fresh(user), index) for index, user in enumerate(drafters)])

    _losers_were_told_of_a_conflict(outcomes, f"{StaleContent.__name__}:")
    submission.refresh_from_db()
    assert submission.content_revision == revision + 1
    assert submission.summary.startswith("Versi ")


def test_ten_drafters_starting_the_same_positions_draft_at_once_create_one(world: World) -> None:
    drafters = [world.drafter, *_colleagues(world, Role.DRAFTER, RACERS - 1, opd=world.opd)]

    def create(user: Any) -> Callable[[], Any]:
        return lambda: services.submission_create_draft(position_id=world.position.pk, actor=user)

    outcomes = _race([create(_fresh(user)) for user in drafters])

    _losers_were_told_of_a_conflict(outcomes, f"{Conflict.__name__}:already_exists")
    (draft,) = Submission.objects.filter(position=world.position)
    assert draft.competency_rows.count() == 9
    assert TransitionLog.objects.filter(submission=draft, transition="create").count() == 1


def test_ten_revisions_started_at_once_open_one_version(world: World) -> None:
    first = document_in(world, State.APPROVED)
    drafters = [world.drafter, *_colleagues(world, Role.DRAFTER, RACERS - 1, opd=world.opd)]

    def revise(user: Any) -> Callable[[], Any]:
        return lambda: services.submission_start_revision(
            position_id=first.position_id,
            actor=user,
            reason="Terbit PermenPAN-RB baru.",
            legal_basis="PermenPAN-RB Nomor 38 Tahun 2017",
        )

    outcomes = _race([revise(_fresh(user)) for user in drafters])

    _losers_were_told_of_a_conflict(outcomes, f"{Conflict.__name__}:open_version")
    versions = sorted(Submission.objects.filter(position=world.position).values_list("version", flat=True))
    assert versions == [1, 2]


def test_the_content_of_a_raced_draft_stays_whole(world: World) -> None:
    submission = document_in(world, State.DRAFT)
    drafters = [world.drafter, *_colleagues(world, Role.DRAFTER, RACERS - 1, opd=world.opd)]
    rows = valid_content()["competencies"]

    def replace(user: Any, keep: int) -> Callable[[], Any]:
        return lambda: services.submission_update_content(
            submission_id=submission.pk, actor=user, competencies=rows[: keep + 1]
        )

    outcomes = _race([replace(_fresh(user), index) for index, user in enumerate(drafters)])

    assert Counter(outcomes) == {WON: RACERS}  # no revision given: last writer wins, whole lists only
    submission.refresh_from_db()
    assert submission.content_revision == 1 + 1 + RACERS  # created, filled, then ten saves
    count = submission.competency_rows.count()
    assert [row.code for row in submission.competency_rows.order_by("order")] == [
        row["code"] for row in rows[:count]
    ]


def test_saves_racing_a_submission_never_change_what_was_submitted(world: World) -> None:
    submission = document_in(world, State.DRAFT)
    drafters = [world.drafter, *_colleagues(world, Role.DRAFTER, RACERS - 1, opd=world.opd)]

    def save(user: Any, index: int) -> Callable[[], Any]:
        return lambda: services.submission_update_content(
            submission_id=submission.pk, actor=user, summary=f"Ikhtisar versi {index}."
        )

    calls = [
        _fire_as(_fresh(user), submission, "submit") if index % 2 else save(_fresh(user), index)
        for index, user in enumerate(drafters)
    ]

    outcomes = _race(calls)

    submitted = TransitionLog.objects.get(submission=submission, transition="submit")
    late_saves = [o for o in outcomes if o.startswith(f"{Conflict.__name__}:not_editable")]
    assert Counter(outcomes)[WON] + len(late_saves) + outcomes.count(WRONG_STATE) == RACERS, outcomes
    submission.refresh_from_db()
    assert submission.state == State.OPD_REVIEW
    assert submitted.snapshot.content["summary"] == submission.summary
