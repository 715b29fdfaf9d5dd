"""Role x transition x scope: who may fire what, who is told no, and who does not even find it.

The document is `world.position`'s (Dinas Kesehatan, Pemerintah Kota Uji), submitted by `drafter`,
in the transition's source state. The expected outcome of every cell is written out below from
DESIGN.md sections 2 and 6, not derived from the code under test.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model

from notifications.models import Notification
from submissions.models import Role, RoleAssignment, Submission
from tests.builders import World
from tests.documents import INPUTS, LEGAL, document_in, fire
from tests.factories import UserFactory
from workflow import services
from workflow.errors import NotFound, NotPermitted, TransitionRefused
from workflow.machine import USER_TRANSITIONS, State
from workflow.models import TransitionLog

OK, FORBIDDEN, NOT_FOUND = "ok", "forbidden", "not_found"

ROLES = (
    "drafter",
    "second_drafter",
    "reviewer",
    "second_reviewer",
    "organisasi",
    "ministry",
    "other_drafter",
    "other_reviewer",
    "other_organisasi",
    "outsider",
    "superuser",
    "administrator",
)

# Those who never find a document of Dinas Kesehatan, whatever its state.
_OUT_OF_SCOPE = dict.fromkeys(("other_drafter", "other_reviewer", "other_organisasi", "outsider"), NOT_FOUND)
# Those who see it but may only look: everything else is forbidden unless listed.
_LOOKERS = {role: FORBIDDEN for role in ROLES if role not in _OUT_OF_SCOPE}
# The ministry only finds what is or has been in consultation.
_BEFORE_CONSULTATION = {**_LOOKERS, **_OUT_OF_SCOPE, "ministry": NOT_FOUND}
_IN_CONSULTATION = {**_LOOKERS, **_OUT_OF_SCOPE}

EXPECTED: dict[str, dict[str, str]] = {
    "submit": {**_BEFORE_CONSULTATION, "drafter": OK, "second_drafter": OK},
    "withdraw": {**_BEFORE_CONSULTATION, "drafter": OK},  # only the one who submitted
    "return_to_drafter": {**_BEFORE_CONSULTATION, "reviewer": OK, "second_reviewer": OK},
    "forward": {**_BEFORE_CONSULTATION, "reviewer": OK, "second_reviewer": OK},
    "return_to_opd": {**_BEFORE_CONSULTATION, "organisasi": OK},
    "send_to_ministry": {**_BEFORE_CONSULTATION, "organisasi": OK},
    "ministry_agree": {**_IN_CONSULTATION, "organisasi": OK, "ministry": OK},
    "ministry_return": {**_IN_CONSULTATION, "organisasi": OK, "ministry": OK},
}

CELLS = [(role, name, EXPECTED[name][role]) for name in USER_TRANSITIONS for role in ROLES]


def _user(world: World, role: str) -> Any:
    if role == "superuser":
        return get_user_model().objects.create_superuser("admin", "admin@example.go.id", "x")
    if role == "administrator":
        user: Any = UserFactory.create(username="administrator")
        RoleAssignment.objects.create(user=user, role=Role.ADMINISTRATOR)
        return user
    return getattr(world, role)


def _state_and_log(submission: Any) -> tuple[str, int, int]:
    """The state, the log rows and the outbox rows: a refusal changes none of them."""
    submission.refresh_from_db()
    return (
        submission.state,
        TransitionLog.objects.filter(submission=submission).count(),
        Notification.objects.filter(submission=submission).count(),
    )


def test_the_matrix_covers_every_role_and_transition() -> None:
    assert all(set(row) == set(ROLES) for row in EXPECTED.values())
    assert len(CELLS) == 12 * 8


@pytest.mark.parametrize(("role", "name", "outcome"), CELLS, ids=[f"{n}-{r}-{o}" for r, n, o in CELLS])
def test_who_may_fire_each_transition_on_a_document_of_dinas_kesehatan(
    world: World, role: str, name: str, outcome: str
) -> None:
    source, target = LEGAL[name]
    submission = document_in(world, source)
    actor = _user(world, role)
    before = _state_and_log(submission)

    if outcome == OK:
        fire(submission, name, actor, **INPUTS[name])
        assert _state_and_log(submission)[:2] == (target, before[1] + 1)
        return
    if outcome == NOT_FOUND:
        with pytest.raises(NotFound):
            fire(submission, name, actor, **INPUTS[name])
    else:
        with pytest.raises(TransitionRefused) as refused:
            fire(submission, name, actor, **INPUTS[name])
        assert (refused.value.kind, refused.value.code) == ("forbidden", "not_permitted")
    assert _state_and_log(submission) == before


def _returned_by_the_ministry(world: World) -> Any:
    submission = document_in(world, State.MINISTRY_CONSULTATION)
    return fire(submission, "ministry_return", world.ministry, **INPUTS["ministry_return"])


def test_the_ministry_still_finds_a_document_it_sent_back_but_may_not_submit_it(world: World) -> None:
    submission = _returned_by_the_ministry(world)
    before = _state_and_log(submission)

    with pytest.raises(TransitionRefused) as refused:
        fire(submission, "submit", world.ministry)

    assert refused.value.kind == "forbidden"
    assert _state_and_log(submission) == before


def test_a_drafter_who_did_not_submit_cannot_withdraw_and_is_told_who_can(world: World) -> None:
    submission = document_in(world, State.OPD_REVIEW)

    with pytest.raises(TransitionRefused) as refused:
        fire(submission, "withdraw", world.second_drafter)

    assert "penyusun yang mengajukan dokumen ini" in refused.value.message


def test_a_reviewer_who_also_drafts_may_not_forward_what_he_submitted(world: World) -> None:
    RoleAssignment.objects.create(user=world.reviewer, role=Role.DRAFTER, opd=world.opd)
    reviewer = get_user_model().objects.get(pk=world.reviewer.pk)  # fresh: roles are memoised per user
    submission = document_in(world, State.DRAFT)
    fire(submission, "submit", reviewer)
    before = _state_and_log(submission)

    with pytest.raises(TransitionRefused) as refused:
        fire(submission, "forward", reviewer)

    assert (refused.value.kind, refused.value.code) == ("forbidden", "self_approval")
    assert _state_and_log(submission) == before
    fire(submission, "forward", world.second_reviewer)
    assert _state_and_log(submission)[0] == State.COMPILATION


def test_a_refusal_for_the_wrong_person_names_who_may_act(world: World) -> None:
    submission = document_in(world, State.COMPILATION)

    with pytest.raises(TransitionRefused) as refused:
        fire(submission, "send_to_ministry", world.reviewer)

    assert "Bagian Organisasi Pemerintah Kota Uji" in refused.value.message


def test_an_anonymous_visitor_finds_nothing(world: World) -> None:
    from django.contrib.auth.models import AnonymousUser

    submission = document_in(world, State.DRAFT)

    with pytest.raises(NotFound):
        fire(submission, "submit", AnonymousUser())


# Starting and editing documents, by the same roles (DESIGN.md sections 2 and 6).
_DRAFTERS_ONLY = {**_BEFORE_CONSULTATION, "drafter": OK, "second_drafter": OK}
DOCUMENT_ACTIONS: dict[str, dict[str, str]] = {
    "create_draft": _DRAFTERS_ONLY,
    "update_content": _DRAFTERS_ONLY,
    # The approved version was consulted, so the ministry finds the position, but may not revise it.
    "start_revision": {**_IN_CONSULTATION, "drafter": OK, "second_drafter": OK, "organisasi": OK},
}
DOCUMENT_CELLS = [(role, action, row[role]) for action, row in DOCUMENT_ACTIONS.items() for role in ROLES]


def _document_action(world: World, action: str) -> Any:
    """The call to make for `action`, on a document (or position) prepared for it."""
    if action == "create_draft":
        return lambda actor: services.submission_create_draft(position_id=world.position.pk, actor=actor)
    if action == "update_content":
        draft = document_in(world, State.DRAFT)
        return lambda actor: services.submission_update_content(
            submission_id=draft.pk, actor=actor, summary="Baru."
        )
    document_in(world, State.APPROVED)
    return lambda actor: services.submission_start_revision(
        position_id=world.position.pk, actor=actor, reason="Aturan baru.", legal_basis="PermenPAN-RB 1/2026"
    )


@pytest.mark.parametrize(
    ("role", "action", "outcome"), DOCUMENT_CELLS, ids=[f"{a}-{r}-{o}" for r, a, o in DOCUMENT_CELLS]
)
def test_who_may_start_and_edit_a_document_of_dinas_kesehatan(
    world: World, role: str, action: str, outcome: str
) -> None:
    act = _document_action(world, action)
    actor = _user(world, role)
    documents_before = list(Submission.objects.order_by("pk").values_list("pk", "content_revision"))

    if outcome == OK:
        act(actor)
        assert (
            list(Submission.objects.order_by("pk").values_list("pk", "content_revision")) != documents_before
        )
        return
    with pytest.raises(NotFound if outcome == NOT_FOUND else NotPermitted):
        act(actor)
    assert list(Submission.objects.order_by("pk").values_list("pk", "content_revision")) == documents_before
