"""The document's content frozen when it leaves `draft`, to compare rounds and to audit."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from workflow.models import Snapshot, TransitionLog

if TYPE_CHECKING:
    from submissions.models import Submission


def current_content(submission: Submission) -> dict[str, Any]:
    """The writable content now (summary, competencies, requirements), as diffs and editors take it."""
    content = submission.content()
    return {
        "summary": content.summary,
        "competencies": [dict(row) for row in content.competencies],
        "requirements": [dict(row) for row in content.requirements],
    }


def snapshot_content(submission: Submission) -> dict[str, Any]:
    """The content in the shape of the API's document JSON (DESIGN.md section 6)."""
    position = submission.position
    return {
        "position": {"name": position.name, "kind": position.kind, "rank": position.rank or None},
        "version": submission.version,
        "round": submission.round,
        **current_content(submission),
    }


def take_snapshot(submission: Submission, log_entry: TransitionLog) -> Snapshot:
    """Store the content as it was submitted in the round the log entry records."""
    return Snapshot.objects.create(
        submission=submission,
        round=log_entry.round,
        content=snapshot_content(submission),
        log_entry=log_entry,
    )
