"""Comments anchored to a row: who writes, answers and resolves them, and that they survive saves."""

from __future__ import annotations

import pytest

from tests.builders import World, valid_content
from tests.documents import document_in, fire
from tests.factories import PositionFactory
from workflow import comments, services
from workflow.errors import InvalidContent, NotFound, NotPermitted
from workflow.models import CommentAnchor

pytestmark = pytest.mark.django_db


def test_a_reviewer_comments_on_a_competency_row_in_the_current_round(world: World) -> None:
    submission = document_in(world, "opd_review")
    comment = comments.add_comment(
        submission_id=submission.pk,
        actor=world.reviewer,
        anchor="competency",
        anchor_key="M.01",
        body="Naikkan.",
    )
    assert (comment.round, comment.anchor, comment.anchor_key) == (1, "competency", "M.01")
    assert comment.anchor_label.startswith("M.01 ")
    assert comment.is_open


def test_a_requirement_row_is_found_by_its_section_and_text(world: World) -> None:
    submission = document_in(world, "opd_review")
    key = comments.requirement_key({"section": "education_level", "text": "S-1/D-IV"})
    comment = comments.add_comment(
        submission_id=submission.pk, actor=world.reviewer, anchor="requirement", anchor_key=key, body="S-2?"
    )
    assert comment.anchor_label == "S-1/D-IV"


def test_a_row_that_is_not_in_the_document_is_refused_with_the_field(world: World) -> None:
    submission = document_in(world, "opd_review")
    with pytest.raises(InvalidContent) as refused:
        comments.add_comment(
            submission_id=submission.pk,
            actor=world.reviewer,
            anchor="competency",
            anchor_key="X.99",
            body="?",
        )
    assert refused.value.errors[0]["field"] == "anchor_key"


def test_only_the_one_whose_stage_it_is_writes_a_comment(world: World) -> None:
    submission = document_in(world, "opd_review")
    for someone in (world.drafter, world.organisasi):
        with pytest.raises(NotPermitted):
            comments.add_comment(submission_id=submission.pk, actor=someone, anchor="summary", body="x")
    with pytest.raises(NotFound):
        comments.add_comment(
            submission_id=submission.pk, actor=world.other_reviewer, anchor="summary", body="x"
        )


def test_an_empty_or_overlong_comment_is_refused(world: World) -> None:
    submission = document_in(world, "opd_review")
    for body in ("   ", "x" * (comments.COMMENT_MAX_LENGTH + 1)):
        with pytest.raises(InvalidContent):
            comments.add_comment(
                submission_id=submission.pk, actor=world.reviewer, anchor="summary", body=body
            )


def test_the_drafter_answers_and_resolves_after_the_send_back_and_the_comment_stays_on_its_row(
    world: World,
) -> None:
    submission = document_in(world, "opd_review")
    asked = comments.add_comment(
        submission_id=submission.pk,
        actor=world.reviewer,
        anchor="competency",
        anchor_key="M.01",
        body="Naikkan.",
    )
    fire(submission, "return_to_drafter", world.reviewer, reason_code="wording", comment="Lihat komentar.")
    services.submission_update_content(submission_id=submission.pk, actor=world.drafter, **valid_content())
    comments.answer_comment(
        submission_id=submission.pk, comment_id=asked.pk, actor=world.drafter, body="Sudah."
    )
    comments.resolve_comment(submission_id=submission.pk, comment_id=asked.pk, actor=world.drafter)
    [kept] = comments.comments_of(submission)
    assert kept.resolved_by == world.drafter
    assert [answer.body for answer in kept.answers.all()] == ["Sudah."]
    placed = comments.by_anchor([kept])
    assert list(placed) == [f"{CommentAnchor.COMPETENCY}:M.01"]
    assert not comments.open_comments(submission).exists()


def test_a_comment_from_another_document_is_not_found(world: World) -> None:
    submission = document_in(world, "opd_review")
    asked = comments.add_comment(
        submission_id=submission.pk, actor=world.reviewer, anchor="summary", body="x"
    )
    other = document_in(world, "opd_review", PositionFactory.create(opd=world.opd))
    with pytest.raises(NotFound):
        comments.resolve_comment(submission_id=other.pk, comment_id=asked.pk, actor=world.drafter)
