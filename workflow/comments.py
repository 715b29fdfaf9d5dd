"""Comments anchored to one row of a document: write, answer, resolve, list.

Reviewers, Bagian Organisasi and the ministry remark on a competency row, a requirement row or
the summary; the drafter answers and marks the remark resolved. Comments keep the round they were
written in, so the history shows what was asked in each round. Each service is its own
transaction and locks the document row, like a transition.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from submissions.models import CONTENT_ROWS, CONTENT_SETS, Submission
from workflow.errors import Conflict, InvalidContent, NotFound, NotPermitted
from workflow.inputs import ROW_COMMENT_MAX_LENGTH
from workflow.machine import Actor, State
from workflow.models import CommentAnchor, RowComment
from workflow.roles import grant_for
from workflow.scoping import visible_submissions
from workflow.snapshots import current_content

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from workflow.roles import AnyUser

# One limit for the API and the pages (the counter in the form reads it too), declared with the others.
COMMENT_MAX_LENGTH = ROW_COMMENT_MAX_LENGTH
ANCHOR_KEY_LENGTH = 300

# Who remarks on a document in which state: the one whose stage it is.
COMMENTERS = {
    State.OPD_REVIEW: (Actor.OPD_REVIEWER,),
    State.COMPILATION: (Actor.BAGIAN_ORGANISASI,),
    State.MINISTRY_CONSULTATION: (Actor.BAGIAN_ORGANISASI, Actor.MINISTRY),
}
# Everyone taking part in the document may answer a remark.
PARTICIPANTS = (Actor.OPD_DRAFTER, Actor.OPD_REVIEWER, Actor.BAGIAN_ORGANISASI, Actor.MINISTRY)


def competency_key(row: Mapping[str, Any]) -> str:
    """A competency row is the same row across saves while its code (or, technical, its name) stays."""
    return str(row.get("code") or row.get("name") or "")[:ANCHOR_KEY_LENGTH]


def requirement_key(row: Mapping[str, Any]) -> str:
    return f"{row.get('section', '')}:{row.get('text', '')}"[:ANCHOR_KEY_LENGTH]


@dataclass(frozen=True)
class Anchor:
    kind: str
    key: str
    label: str


def anchors_of(content: Mapping[str, Any]) -> list[Anchor]:
    """Every row of a document's content a comment can be attached to, in document order."""
    anchors = [Anchor(CommentAnchor.SUMMARY, "", str(CommentAnchor.SUMMARY.label))]
    anchors += [
        Anchor(
            CommentAnchor.COMPETENCY, competency_key(row), f"{row.get('code') or ''} {row['name']}".strip()
        )
        for row in content["competencies"]
    ]
    anchors += [
        Anchor(CommentAnchor.REQUIREMENT, requirement_key(row), str(row["text"])[:ANCHOR_KEY_LENGTH])
        for row in content["requirements"]
    ]
    return anchors


def may_comment(submission: Submission, user: AnyUser) -> bool:
    actors = COMMENTERS.get(State(submission.state), ())
    return any(grant_for(user, submission, actor) for actor in actors)


def may_answer(submission: Submission, user: AnyUser) -> bool:
    return any(grant_for(user, submission, actor) for actor in PARTICIPANTS)


def may_resolve(comment: RowComment, submission: Submission, user: AnyUser) -> bool:
    """The drafter who fixes the row, or the one who asked."""
    return comment.author_id == user.pk or grant_for(user, submission, Actor.OPD_DRAFTER) is not None


def clean_body(body: Any) -> str:
    text = body.strip() if isinstance(body, str) else ""
    if not text:
        raise _invalid("body_required", "Tuliskan komentarnya.", "body")
    if "\x00" in text or len(text) > COMMENT_MAX_LENGTH:
        raise _invalid(
            "body_invalid",
            f"Komentar paling banyak {COMMENT_MAX_LENGTH} karakter, tanpa karakter NUL.",
            "body",
        )
    return text


def _invalid(code: str, message: str, field: str) -> InvalidContent:
    return InvalidContent(message, code=code, errors=[{"code": code, "message": message, "field": field}])


def _locked(submission_id: int, actor: AnyUser) -> Submission:
    try:
        return (
            visible_submissions(actor)
            .select_for_update(of=("self",))
            .select_related("position__opd__instansi", *CONTENT_SETS)
            .prefetch_related(*CONTENT_ROWS)
            .get(pk=submission_id)
        )
    except Submission.DoesNotExist:
        raise NotFound("Dokumen tidak ditemukan.") from None


def _anchor(submission: Submission, kind: str, key: str) -> Anchor:
    for anchor in anchors_of(current_content(submission)):
        if anchor.kind == kind and anchor.key == (key or ""):
            return anchor
    raise _invalid("anchor_unknown", "Baris yang dikomentari tidak ada di dokumen ini.", "anchor_key")


def add_comment(
    *, submission_id: int, actor: User, anchor: str, anchor_key: str = "", body: Any
) -> RowComment:
    text = clean_body(body)
    with transaction.atomic(durable=True):
        submission = _locked(submission_id, actor)
        if not may_comment(submission, actor):
            raise NotPermitted(
                "Komentar baris ditulis oleh pemeriksa pada tahapnya; dokumen ini sedang "
                f"berstatus '{State(submission.state).label}'."
            )
        found = _anchor(submission, anchor, anchor_key)
        return RowComment.objects.create(
            submission=submission,
            round=submission.round,
            anchor=found.kind,
            anchor_key=found.key,
            anchor_label=found.label,
            author=actor,
            body=text,
        )


def answer_comment(*, submission_id: int, comment_id: int, actor: User, body: Any) -> RowComment:
    text = clean_body(body)
    with transaction.atomic(durable=True):
        submission = _locked(submission_id, actor)
        parent = _top_level(submission, comment_id)
        if not may_answer(submission, actor):
            raise NotPermitted(
                "Hanya penyusun, pemeriksa dan Bagian Organisasi dokumen ini yang dapat menjawab."
            )
        return RowComment.objects.create(
            submission=submission,
            round=parent.round,
            anchor=parent.anchor,
            anchor_key=parent.anchor_key,
            anchor_label=parent.anchor_label,
            parent=parent,
            author=actor,
            body=text,
        )


def resolve_comment(*, submission_id: int, comment_id: int, actor: User) -> RowComment:
    with transaction.atomic(durable=True):
        submission = _locked(submission_id, actor)
        comment = _top_level(submission, comment_id)
        if not may_resolve(comment, submission, actor):
            raise NotPermitted("Hanya penyusun dokumen atau penulis komentar yang dapat menandainya selesai.")
        if comment.resolved_at is not None:
            raise Conflict("Komentar ini sudah ditandai selesai.", code="already_resolved")
        comment.resolved_at = timezone.now()
        comment.resolved_by = actor
        comment.save(update_fields=["resolved_at", "resolved_by"])
        return comment


def _top_level(submission: Submission, comment_id: int) -> RowComment:
    comment = (
        RowComment.objects.select_for_update()
        .filter(submission=submission, parent__isnull=True, pk=comment_id)
        .first()
    )
    if comment is None:
        raise NotFound("Komentar tidak ditemukan.")
    return comment


def comments_of(submission: Submission) -> QuerySet[RowComment]:
    """Top-level comments of every round, oldest first, each with its answers: three queries."""
    answers = RowComment.objects.select_related("author").order_by("created_at", "id")
    return (
        RowComment.objects.filter(submission=submission, parent__isnull=True)
        .select_related("author", "resolved_by")
        .prefetch_related(Prefetch("answers", queryset=answers))
        .order_by("round", "created_at", "id")
    )


def open_comments(submission: Submission) -> QuerySet[RowComment]:
    return comments_of(submission).filter(resolved_at__isnull=True)


def by_anchor(comments: list[RowComment]) -> dict[str, list[RowComment]]:
    """Comments keyed "kind:key", as the editor and the document page place them beside their row."""
    placed: dict[str, list[RowComment]] = {}
    for comment in comments:
        placed.setdefault(f"{comment.anchor}:{comment.anchor_key}", []).append(comment)
    return placed
