"""Reminders and escalations driven from the database (filled by the notifications issue)."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from submissions.models import Submission


def first_reminder_at(submission: Submission) -> datetime.datetime | None:
    """When the first reminder of the stage the document just entered is due (None: no reminder)."""
    return None
