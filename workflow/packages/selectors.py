"""Reading packages in the user's scope, with their derived status and counts per outcome."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet

from submissions.models import CONTENT_ROWS, CONTENT_SETS, Submission
from workflow.machine import State
from workflow.models import ConsultationPackage, PackageItem
from workflow.packages.models import Outcome, PackageStatus, package_status
from workflow.scoping import visible_packages, visible_submissions

if TYPE_CHECKING:
    from workflow.roles import AnyUser


def packages_for(
    user: AnyUser, *, status: str = "", instansi_id: int | None = None
) -> QuerySet[ConsultationPackage]:
    """The packages the user may see, each with `item_total`, `agreed_total`, `returned_total`."""
    queryset = (
        visible_packages(user)
        .select_related("instansi", "created_by", "sent_by", "cover_letter")
        .annotate(
            item_total=Count("items"),
            agreed_total=Count("items", filter=Q(items__outcome=Outcome.AGREED)),
            returned_total=Count("items", filter=Q(items__outcome=Outcome.RETURNED)),
        )
        .order_by("-id")
    )
    if instansi_id is not None:
        queryset = queryset.filter(instansi_id=instansi_id)
    return _with_status(queryset, status)


def _with_status(queryset: QuerySet[ConsultationPackage], status: str) -> QuerySet[ConsultationPackage]:
    answered = Q(agreed_total__gt=0) | Q(returned_total__gt=0)
    conditions = {
        PackageStatus.DRAFT: Q(sent_at__isnull=True),
        PackageStatus.SENT: Q(sent_at__isnull=False) & ~answered,
        PackageStatus.PARTLY_ANSWERED: Q(sent_at__isnull=False)
        & answered
        & Q(item_total__gt=models_sum("agreed_total", "returned_total")),
        PackageStatus.ANSWERED: Q(sent_at__isnull=False)
        & answered
        & Q(item_total__lte=models_sum("agreed_total", "returned_total")),
    }
    return queryset.filter(conditions[PackageStatus(status)]) if status else queryset


def models_sum(*names: str) -> Any:
    total: Any = F(names[0])
    for name in names[1:]:
        total = total + F(name)
    return total


def status_of(package: Any) -> PackageStatus:
    """The derived status of a package read through `packages_for` (its counts are annotated)."""
    answered = package.agreed_total + package.returned_total
    return package_status(sent=package.sent_at is not None, total=package.item_total, answered=answered)


def package_items(package: ConsultationPackage) -> QuerySet[PackageItem]:
    return package.items.select_related("submission__position__opd__instansi", "answer").order_by(
        "submission__position__opd__name", "submission__position__name", "id"
    )


def package_answers(package: ConsultationPackage) -> Any:
    return package.answers.select_related("letter", "recorded_by").order_by("recorded_at", "id")


def addable_submissions(
    user: AnyUser, package: ConsultationPackage, *, opd_id: int | None = None, kind: str = ""
) -> QuerySet[Submission]:
    """Standards in `compilation` of the package's instansi, in no open package: what may be added."""
    busy = PackageItem.objects.filter(submission=OuterRef("pk"), outcome=Outcome.PENDING)
    queryset = (
        visible_submissions(user)
        .filter(state=State.COMPILATION, instansi_id=package.instansi_id)
        .exclude(Exists(busy))
        .select_related("position__opd__instansi")
        .order_by("position__opd__name", "position__name", "pk")
    )
    if opd_id is not None:
        queryset = queryset.filter(opd_id=opd_id)
    if kind:
        queryset = queryset.filter(position__kind=kind)
    return queryset


def open_packages_of(user: AnyUser, instansi_ids: list[int]) -> QuerySet[ConsultationPackage]:
    """Draft packages a compilation list may add to."""
    return visible_packages(user).filter(sent_at__isnull=True, instansi_id__in=instansi_ids).order_by("-id")


def with_items(queryset: QuerySet[ConsultationPackage]) -> QuerySet[ConsultationPackage]:
    items = PackageItem.objects.select_related("submission__position__opd").order_by("id")
    return queryset.prefetch_related(Prefetch("items", queryset=items))


def with_completeness(documents: QuerySet[Submission], complete: bool) -> list[Submission]:
    """The documents whose content is complete and valid (`complete`), or those that are not.

    A compilation list holds at most a few hundred standards of one instansi, so the rows are
    prefetched in two queries and the same checks as `submit` run on each document.
    """
    rows = documents.select_related(*CONTENT_SETS).prefetch_related(*CONTENT_ROWS, "position")
    return [document for document in rows if (not document.validity_errors()) is complete]
