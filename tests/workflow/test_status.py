"""The cheap status check (workflow.status): one scoped row, and the caller's transitions judged
from his roles alone, with the verdict the full rules give."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from submissions.models import Role, RoleAssignment, Submission
from tests.builders import World
from tests.documents import document_in
from tests.factories import UserFactory
from workflow.machine import State
from workflow.selectors import allowed_transitions
from workflow.status import status_row, steps_allowed

CALLERS = (
    "drafter", "second_drafter", "reviewer", "second_reviewer", "organisasi", "ministry",
    "other_drafter", "other_reviewer", "other_organisasi", "outsider",
)  # fmt: skip


def fresh(user: Any) -> User:
    # A new instance: assignments_of memoises a user's roles on the instance.
    return User.objects.get(pk=user.pk)


def full_verdict(submission: Submission, user: User) -> list[str]:
    return [option.name for option in allowed_transitions(submission, fresh(user), check_content=False)]


@pytest.mark.parametrize("state", list(State.values))
def test_every_caller_gets_the_transitions_the_full_rules_allow(world: World, state: str) -> None:
    document = document_in(world, state)
    admin = UserFactory.create(username="admin.uji", is_superuser=True)

    for user in [getattr(world, name) for name in CALLERS] + [admin]:
        expected = full_verdict(document, user)
        row = status_row(fresh(user), document.pk)
        if row is None:  # out of sight: the endpoint answers 404 before any transition is judged
            assert expected == [], (user.username, state)
            continue
        for source in (row, document):  # the status row, and the document a transition returns
            names = [step.name for step in steps_allowed(source, fresh(user))]
            assert names == expected, (user.username, state, type(source).__name__)


def test_the_state_machine_leaves_something_to_allow_in_the_comparison(world: World) -> None:
    # The comparison above means something only if some caller may act somewhere.
    in_review = document_in(world, State.OPD_REVIEW)
    row = status_row(fresh(world.second_reviewer), in_review.pk)

    assert row is not None
    assert [step.name for step in steps_allowed(row, fresh(world.second_reviewer))] == [
        "return_to_drafter",
        "forward",
    ]


def test_the_reviewer_who_submitted_may_not_forward_his_own_submission(world: World) -> None:
    in_review = document_in(world, State.OPD_REVIEW)
    Submission.objects.filter(pk=in_review.pk).update(submitted_by=world.reviewer)
    row = status_row(fresh(world.reviewer), in_review.pk)

    assert row is not None
    assert [step.name for step in steps_allowed(row, fresh(world.reviewer))] == ["return_to_drafter"]


def test_a_role_that_ended_yesterday_allows_nothing(world: World) -> None:
    draft = document_in(world, State.DRAFT)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    RoleAssignment.objects.filter(user=world.drafter, role=Role.DRAFTER).update(valid_until=yesterday)

    assert status_row(fresh(world.drafter), draft.pk) is None


def test_the_row_is_read_from_the_documents_own_scope_columns(world: World) -> None:
    draft = document_in(world, State.DRAFT)

    row = status_row(fresh(world.organisasi), draft.pk)

    assert row is not None
    assert (row.id, row.state, row.opd_id, row.instansi_id) == (
        draft.pk,
        "draft",
        world.opd.pk,
        world.instansi.pk,
    )
    assert status_row(fresh(world.other_organisasi), draft.pk) is None
    assert status_row(fresh(world.organisasi), draft.pk + 10_000) is None
