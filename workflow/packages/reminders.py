"""The follow-up of a package: one message to Bagian Organisasi when the ministry's budget runs out.

Items of a sent package carry no reminders of their own (the package follows up for all of them).
A sweep selects the due packages through the partial index on `next_reminder_at` and claims each
with a conditional UPDATE, so overlapping sweeps send once.
"""

from __future__ import annotations

import datetime
import logging

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from submissions.models import Submission
from workflow.models import ConsultationPackage
from workflow.packages.announcements import announce_follow_up
from workflow.packages.models import Outcome

logger = logging.getLogger(__name__)


def send_package_follow_ups(*, now: datetime.datetime | None = None, limit: int = 200) -> int:
    now = now or timezone.now()
    due = list(
        ConsultationPackage.objects.filter(next_reminder_at__lte=now)
        .order_by("next_reminder_at", "pk")
        .values_list("pk", "next_reminder_at")[:limit]
    )
    sent = 0
    for pk, scheduled_at in due:
        assert scheduled_at is not None  # the filter selected only scheduled packages
        try:
            sent += follow_up_one(pk, scheduled_at)
        except Exception:
            logger.exception("Tindak lanjut paket %s gagal; dicoba lagi pada sapuan berikutnya.", pk)
    return sent


def follow_up_one(package_id: int, scheduled_at: datetime.datetime) -> bool:
    """Claim one due package and tell Bagian Organisasi which items still wait; False if another sweep won."""
    with transaction.atomic():
        claimed = ConsultationPackage.objects.filter(pk=package_id, next_reminder_at=scheduled_at).update(
            next_reminder_at=None, follow_ups_sent=F("follow_ups_sent") + 1
        )
        if claimed != 1:
            return False
        package = ConsultationPackage.objects.select_related("instansi").get(pk=package_id)
        waiting = list(
            Submission.objects.filter(package_items__package=package, package_items__outcome=Outcome.PENDING)
            .select_related("position__opd__instansi")
            .order_by("pk")
        )
        if not waiting:
            return False
        announce_follow_up(
            package=package,
            documents=waiting,
            event_key=f"package-follow-up:{package.pk}:{scheduled_at:%Y%m%d}",
        )
    return True
