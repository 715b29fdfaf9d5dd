"""The services are the only way a document changes: they lock, re-check, log and snapshot."""

from __future__ import annotations

import pytest

from tests.builders import World, valid_content
from tests.documents import LETTER, advance, complete_draft, document_in, fire
from workflow import services
from workflow.errors import Conflict, InvalidContent, NotFound, NotPermitted, StaleContent, TransitionRefused
from workflow.machine import State
from workflow.models import Snapshot, TransitionLog


def test_a_new_draft_starts_with_the_nine_fixed_rows_at_the_minimum_level(world: World) -> None:
    submission = services.submission_create_draft(position_id=world.position.pk, actor=world.drafter)

    rows = list(submission.competency_rows.all())
    assert [row.code for row in rows] == [f"M.0{i}" for i in range(1, 9)] + ["SK.01"]
    assert {row.level for row in rows} == {2}
    assert rows[0].description == "Deskripsi M.01 level 2"
    assert submission.state == State.DRAFT
    assert submission.due_at is not None


def test_the_whole_life_of_a_standard_leaves_one_log_row_per_step(world: World) -> None:
    submission = complete_draft(world)
    fire(submission, "submit", world.drafter)
    fire(submission, "return_to_drafter", world.reviewer, reason_code="wording", comment="Perbaiki.")
    fire(submission, "submit", world.drafter)
    fire(submission, "forward", world.reviewer)
    fire(submission, "send_to_ministry", world.organisasi, **LETTER)
    submission = fire(submission, "ministry_agree", world.ministry, **LETTER)

    assert submission.state == State.APPROVED
    assert submission.round == 2
    steps = list(submission.log_entries.values_list("transition", flat=True))
    assert steps == [
        "create",
        "submit",
        "return_to_drafter",
        "submit",
        "forward",
        "send_to_ministry",
        "ministry_agree",
    ]
    assert Snapshot.objects.filter(submission=submission).count() == 2


def test_submitting_an_incomplete_document_lists_every_problem_and_changes_nothing(world: World) -> None:
    submission = services.submission_create_draft(position_id=world.position.pk, actor=world.drafter)

    with pytest.raises(TransitionRefused) as refused:
        fire(submission, "submit", world.drafter)

    codes = {error["code"] for error in refused.value.errors}
    assert {"summary_missing", "technical_missing", "education_level_missing"} <= codes
    assert refused.value.kind == "invalid"
    submission.refresh_from_db()
    assert submission.state == State.DRAFT
    assert TransitionLog.objects.filter(submission=submission).count() == 1


def test_a_reviewer_cannot_forward_what_he_submitted_himself(world: World) -> None:
    from submissions.models import Role, RoleAssignment

    RoleAssignment.objects.create(user=world.reviewer, role=Role.DRAFTER, opd=world.opd)
    submission = services.submission_update_content(
        submission_id=services.submission_create_draft(
            position_id=world.position.pk, actor=world.reviewer
        ).pk,
        actor=world.reviewer,
        **valid_content(),
    )
    fire(submission, "submit", world.reviewer)

    with pytest.raises(TransitionRefused) as refused:
        fire(submission, "forward", world.reviewer)

    assert refused.value.code == "self_approval"
    assert refused.value.kind == "forbidden"


def test_a_send_back_without_reason_and_comment_is_refused_with_both_named(world: World) -> None:
    submission = complete_draft(world)
    fire(submission, "submit", world.drafter)

    with pytest.raises(TransitionRefused) as refused:
        fire(submission, "return_to_drafter", world.reviewer)

    assert [e["code"] for e in refused.value.errors] == ["reason_code_required", "comment_required"]


def test_a_drafter_of_another_opd_does_not_even_find_the_document(world: World) -> None:
    submission = complete_draft(world)

    with pytest.raises(NotFound):
        fire(submission, "submit", world.other_drafter)


def test_a_transition_from_the_wrong_state_is_a_conflict(world: World) -> None:
    submission = complete_draft(world)

    with pytest.raises(TransitionRefused) as refused:
        fire(submission, "forward", world.reviewer)

    assert refused.value.kind == "conflict"
    assert "Reviu OPD" in refused.value.message


def test_an_unknown_transition_name_is_refused_as_invalid(world: World) -> None:
    submission = complete_draft(world)

    with pytest.raises(TransitionRefused) as refused:
        fire(submission, "approve_everything", world.drafter)

    assert refused.value.code == "unknown_transition"


def test_a_stale_editor_is_told_the_document_changed(world: World) -> None:
    submission = complete_draft(world)

    with pytest.raises(StaleContent) as stale:
        services.submission_update_content(
            submission_id=submission.pk, actor=world.second_drafter, expected_revision=1, summary="Baru"
        )

    assert stale.value.current_revision == submission.content_revision


def test_bad_rows_are_refused_with_their_fields_and_nothing_is_saved(world: World) -> None:
    submission = complete_draft(world)

    with pytest.raises(InvalidContent) as invalid:
        services.submission_update_content(
            submission_id=submission.pk,
            actor=world.drafter,
            summary="ganti\x00",
            requirements=[{"section": "education_level", "text": "S-1", "importance": "wajib"}],
        )

    fields = {error["field"] for error in invalid.value.errors}
    assert fields == {"summary", "requirements[0].importance"}
    submission.refresh_from_db()
    assert submission.summary == valid_content()["summary"]


def test_only_a_drafter_of_the_opd_edits_and_only_in_draft(world: World) -> None:
    submission = complete_draft(world)
    with pytest.raises(NotPermitted):
        services.submission_update_content(submission_id=submission.pk, actor=world.reviewer, summary="x")
    fire(submission, "submit", world.drafter)
    with pytest.raises(Conflict):
        services.submission_update_content(submission_id=submission.pk, actor=world.drafter, summary="x")


def test_a_revision_supersedes_its_predecessor_when_approved(world: World) -> None:
    first = document_in(world, State.APPROVED)
    revision = services.submission_start_revision(
        position_id=world.position.pk,
        actor=world.drafter,
        reason="PermenPAN-RB 1/2023",
        legal_basis="PermenPAN-RB No. 1 Tahun 2023",
    )
    assert revision.version == 2
    assert revision.competency_rows.count() == first.competency_rows.count()
    first.refresh_from_db()
    assert first.state == State.APPROVED  # stays in force meanwhile

    revision = advance(world, revision, State.APPROVED)

    first.refresh_from_db()
    assert (first.state, revision.state) == (State.SUPERSEDED, State.APPROVED)
    assert [entry.transition for entry in first.log_entries.all()][-1] == "supersede"


def test_a_revision_needs_a_reason_and_an_approved_version(world: World) -> None:
    complete_draft(world)
    with pytest.raises(InvalidContent):
        services.submission_start_revision(
            position_id=world.position.pk, actor=world.drafter, reason="", legal_basis=""
        )
    with pytest.raises(Conflict):
        services.submission_start_revision(
            position_id=world.position.pk, actor=world.drafter, reason="x", legal_basis="y"
        )


def test_a_reviewer_refused_a_revision_is_told_who_may_start_one(world: World) -> None:
    approved = advance(world, complete_draft(world), State.APPROVED)

    with pytest.raises(NotPermitted) as refused:
        services.submission_start_revision(
            position_id=approved.position_id, actor=world.reviewer, reason="x", legal_basis="y"
        )

    assert world.opd.name in refused.value.message
    assert f"Bagian Organisasi {world.instansi.name}" in refused.value.message


def test_the_ministrys_send_back_needs_a_reason_like_every_send_back(world: World) -> None:
    submission = document_in(world, State.MINISTRY_CONSULTATION)

    with pytest.raises(TransitionRefused) as refused:
        fire(submission, "ministry_return", world.ministry, comment="Tinjau level.", **LETTER)

    assert [e["code"] for e in refused.value.errors] == ["reason_code_required"]
    submission = fire(
        submission,
        "ministry_return",
        world.ministry,
        reason_code="wording",
        comment="Tinjau level.",
        **LETTER,
    )
    assert (submission.state, submission.round) == (State.DRAFT, 2)
    assert submission.log_entries.latest("id").reason_code == "wording"
