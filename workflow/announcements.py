"""Who hears of what: the recipient table of workflow events (filled by the notifications issue).

The workflow services call these inside their transaction; they decide the recipients and hand
`notifications.services` the event, which writes the outbox rows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

    from submissions.models import Submission
    from workflow.models import TransitionLog


def announce_transition(*, submission: Submission, log: TransitionLog) -> None:
    """Write the notification rows for a committed-to-be transition."""


def announce_revision_started(*, submission: Submission, actor: AbstractBaseUser) -> None:
    """Tell Bagian Organisasi that a new version of an approved standard was started."""
