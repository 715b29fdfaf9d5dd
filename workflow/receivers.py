"""The per-process copies of stage budgets and calendar corrections are dropped when the rows change.

Signals only log elsewhere in the project; these only bump a memo's version (config/memo.py), so
every path that changes the rows (the admin, a shell, an import) is covered at once.
QuerySet.update() sends no signal: the project changes these rows with save() and delete().
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from workflow.calendar import CORRECTIONS
from workflow.deadlines import STAGE_BUDGETS
from workflow.models import CalendarDay, StageBudget


@receiver(post_save, sender=StageBudget, dispatch_uid="workflow.stage_budget_saved")
@receiver(post_delete, sender=StageBudget, dispatch_uid="workflow.stage_budget_deleted")
def _stage_budget_changed(sender: Any, **kwargs: Any) -> None:
    STAGE_BUDGETS.bump()


@receiver(post_save, sender=CalendarDay, dispatch_uid="workflow.calendar_day_saved")
@receiver(post_delete, sender=CalendarDay, dispatch_uid="workflow.calendar_day_deleted")
def _calendar_day_changed(sender: Any, **kwargs: Any) -> None:
    CORRECTIONS.bump()
