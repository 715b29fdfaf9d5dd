"""Per-process copies of stage budgets, calendar corrections and role holders are dropped when
the rows they copy change.

Signals only log elsewhere in the project; these only bump a memo's version (config/memo.py), so
every path that changes the rows (the admin, a shell, an import) is covered at once.
QuerySet.update() sends no signal: the project changes these rows with save() and delete().
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from submissions.models import OPD, Instansi, RoleAssignment
from workflow.calendar import CORRECTIONS
from workflow.deadlines import STAGE_BUDGETS
from workflow.models import CalendarDay, StageBudget
from workflow.roles import HOLDERS

# A login writes these alone; they change nothing a copy of the role holders shows.
_LOGIN_FIELDS = frozenset({"last_login", "password"})


@receiver(post_save, sender=StageBudget, dispatch_uid="workflow.stage_budget_saved")
@receiver(post_delete, sender=StageBudget, dispatch_uid="workflow.stage_budget_deleted")
def _stage_budget_changed(sender: Any, **kwargs: Any) -> None:
    STAGE_BUDGETS.bump()


@receiver(post_save, sender=CalendarDay, dispatch_uid="workflow.calendar_day_saved")
@receiver(post_delete, sender=CalendarDay, dispatch_uid="workflow.calendar_day_deleted")
def _calendar_day_changed(sender: Any, **kwargs: Any) -> None:
    CORRECTIONS.bump()


@receiver(post_save, sender=RoleAssignment, dispatch_uid="workflow.role_saved")
@receiver(post_delete, sender=RoleAssignment, dispatch_uid="workflow.role_deleted")
def _role_changed(sender: Any, **kwargs: Any) -> None:
    HOLDERS.bump()


# The copy holds the assignments of each instansi's OPDs, judged in the instansi's time zone: an
# OPD moved to another instansi, or an instansi given another zone, changes what it must hold.
@receiver(post_save, sender=OPD, dispatch_uid="workflow.opd_saved")
@receiver(post_delete, sender=OPD, dispatch_uid="workflow.opd_deleted")
@receiver(post_save, sender=Instansi, dispatch_uid="workflow.instansi_saved")
@receiver(post_delete, sender=Instansi, dispatch_uid="workflow.instansi_deleted")
def _place_changed(sender: Any, **kwargs: Any) -> None:
    HOLDERS.bump()


@receiver(post_save, sender=User, dispatch_uid="workflow.user_saved")
@receiver(post_delete, sender=User, dispatch_uid="workflow.user_deleted")
def _user_changed(sender: Any, update_fields: frozenset[str] | None = None, **kwargs: Any) -> None:
    if update_fields is not None and update_fields <= _LOGIN_FIELDS:
        return
    HOLDERS.bump()
