"""Read-side helpers of the pages: what awaits a user, the positions list, the progress board.

Every query starts from `workflow.scoping`, so nothing outside the user's scope is ever listed.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import TruncDate
from django.utils import timezone

from submissions.models import (
    Competency,
    CompetencyGroup,
    CompetencyLevel,
    Instansi,
    Position,
    Role,
    Submission,
)
from workflow.calendar import WorkingDayCounter, add_working_days
from workflow.deadlines import current_round, local_today
from workflow.machine import ACTIVE_STATES, State
from workflow.models import TransitionLog
from workflow.roles import assignments_of, awaiting
from workflow.scoping import visible_competencies, visible_opds, visible_positions, visible_submissions

if TYPE_CHECKING:
    from workflow.roles import AnyUser

NOTHING = Q(pk__in=[])
# The states in which an OPD has finished its part of the work.
PAST_OPD = (State.COMPILATION, State.MINISTRY_CONSULTATION, State.APPROVED)
BOARD_STATES = (*ACTIVE_STATES, State.APPROVED)
NEAR_WORKING_DAYS = 2


def _task_condition(user: AnyUser) -> Q:
    """The documents waiting for this user's action, by role (the buttons decide the details)."""
    condition = NOTHING
    for assignment in assignments_of(user):
        condition |= awaiting(assignment)
    return condition


def my_tasks(user: AnyUser, limit: int = 50) -> list[Submission]:
    """What awaits my action, nearest deadline first (documents without a deadline last)."""
    rows = (
        visible_submissions(user)
        .filter(_task_condition(user))
        .select_related("position__opd__instansi")
        .order_by(F("due_at").asc(nulls_last=True), "id")
    )
    return list(rows[:limit])


def drafter_opd_ids(user: AnyUser) -> set[int]:
    return {a.opd_id for a in assignments_of(user) if a.role == Role.DRAFTER and a.opd_id}


def organisasi_instansi_ids(user: AnyUser) -> set[int]:
    return {a.instansi_id for a in assignments_of(user) if a.role == Role.BAGIAN_ORGANISASI and a.instansi_id}


NOT_STARTED, OVERDUE, NEAR = "none", "overdue", "near"
# The list's orders: label, then the fields (the position's name breaks ties).
SORTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "opd": ("OPD, lalu nama", ("opd__instansi__name", "opd__name", "name", "sub_unit", "id")),
    "nama": ("Nama jabatan", ("name", "sub_unit", "id")),
    "tenggat": ("Tenggat terdekat", ("latest_due", "name", "id")),
    "status": ("Status", ("latest_state", "name", "id")),
}


@dataclass(frozen=True)
class PositionFilters:
    opd_id: int | None = None
    query: str = ""
    state: str = ""
    kind: str = ""
    deadline: str = ""
    sort: str = "opd"


def positions_with_status(
    user: AnyUser, filters: PositionFilters | None = None, *, opd_id: int | None = None, query: str = ""
) -> QuerySet[Position]:
    """Positions in scope, each annotated with its newest version's id, state, version and deadline,
    filtered and sorted as the list asks (every filter is one condition of one query)."""
    filters = filters or PositionFilters(opd_id=opd_id, query=query)
    newest = visible_submissions(user).filter(position=OuterRef("pk")).order_by("-version")
    positions = visible_positions(user).select_related("opd__instansi")
    if filters.opd_id:
        positions = positions.filter(opd_id=filters.opd_id)
    if filters.query:
        positions = positions.filter(Q(name__icontains=filters.query) | Q(sub_unit__icontains=filters.query))
    if filters.kind:
        positions = positions.filter(kind=filters.kind)
    positions = positions.annotate(
        latest_id=Subquery(newest.values("id")[:1]),
        latest_state=Subquery(newest.values("state")[:1]),
        latest_version=Subquery(newest.values("version")[:1]),
        latest_due=Subquery(newest.values("due_at")[:1]),
    )
    positions = _by_state_and_deadline(positions, filters)
    fields = SORTS.get(filters.sort, SORTS["opd"])[1]
    return positions.order_by(*(F(f).asc(nulls_last=True) if f == "latest_due" else f for f in fields))


def _by_state_and_deadline(positions: QuerySet[Any], filters: PositionFilters) -> QuerySet[Any]:
    # QuerySet[Any]: django-stubs do not see the latest_* annotations.
    if filters.state == NOT_STARTED:
        positions = positions.filter(latest_id__isnull=True)
    elif filters.state:
        positions = positions.filter(latest_state=filters.state)
    if filters.deadline:
        now = timezone.now()
        positions = positions.filter(latest_state__in=ACTIVE_STATES)
        if filters.deadline == OVERDUE:
            positions = positions.filter(latest_due__lt=now)
        else:
            positions = positions.filter(latest_due__gte=now, latest_due__lte=near_deadline_cutoff(now))
    return positions


def near_deadline_cutoff(now: datetime.datetime) -> datetime.datetime:
    """The end of the second working day from today (nationally): "near" in the lists and the board."""
    today = timezone.localdate(now)
    last = add_working_days(today, NEAR_WORKING_DAYS)
    return timezone.make_aware(datetime.datetime.combine(last, datetime.time(23, 59, 59)))


@dataclass
class OpdProgress:
    opd_id: int
    name: str
    positions: int
    counts: dict[str, int]
    not_started: int
    done: int

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.positions) if self.positions else 0


@dataclass
class Board:
    instansi: str
    round_name: str = ""
    deadline: datetime.date | None = None
    days_left: int | None = None
    opds: list[OpdProgress] = field(default_factory=list)
    overdue: list[Submission] = field(default_factory=list)
    stage_days: list[tuple[str, float, int]] = field(default_factory=list)

    @property
    def days_overdue(self) -> int:
        return -(self.days_left or 0)


def progress_boards(user: AnyUser) -> list[Board]:
    """One board per instansi the user leads as Bagian Organisasi."""
    return [_board(user, instansi_id) for instansi_id in sorted(organisasi_instansi_ids(user))]


def _board(user: AnyUser, instansi_id: int) -> Board:
    opds = list(visible_opds(user).filter(instansi_id=instansi_id).select_related("instansi"))
    board = Board(instansi=opds[0].instansi.name if opds else "")
    _add_round(board, instansi_id)
    current = visible_submissions(user).filter(position__opd__instansi_id=instansi_id)
    current = current.exclude(state=State.SUPERSEDED)
    counts: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    started: dict[int, set[int]] = defaultdict(set)
    # Positions, not documents: an approved version and its revision past the OPD are one position.
    done: dict[int, set[int]] = defaultdict(set)
    for opd_id, position_id, state in current.values_list("position__opd_id", "position_id", "state"):
        counts[opd_id][state] += 1
        started[opd_id].add(position_id)
        if state in PAST_OPD:
            done[opd_id].add(position_id)
    totals = _position_totals(user, instansi_id)
    for opd in opds:
        by_state = counts[opd.pk]
        board.opds.append(
            OpdProgress(
                opd_id=opd.pk,
                name=opd.name,
                positions=totals.get(opd.pk, 0),
                counts={state: by_state.get(state, 0) for state in BOARD_STATES},
                not_started=totals.get(opd.pk, 0) - len(started[opd.pk]),
                done=len(done[opd.pk]),
            )
        )
    board.overdue = list(
        current.filter(state__in=ACTIVE_STATES, due_at__lt=timezone.now())
        .select_related("position__opd__instansi")
        .order_by("due_at")[:20]
    )
    board.stage_days = stage_durations(instansi_id)
    return board


def _position_totals(user: AnyUser, instansi_id: int) -> dict[int, int]:
    totals: dict[int, int] = defaultdict(int)
    for opd_id in (
        visible_positions(user).filter(opd__instansi_id=instansi_id).values_list("opd_id", flat=True)
    ):
        totals[opd_id] += 1
    return totals


def _add_round(board: Board, instansi_id: int) -> None:
    """The round that caps draft deadlines (the same one workflow.deadlines uses)."""
    instansi = Instansi.objects.get(pk=instansi_id)
    # The instansi's own date: from 15:00 UTC it is already tomorrow in WIT, not yet on a WIB server.
    today = local_today(instansi, timezone.now())
    drafting = current_round(instansi, today)
    if drafting is None:
        return
    board.round_name = drafting.name
    board.deadline = drafting.deadline
    board.days_left = (drafting.deadline - today).days


def stage_durations(instansi_id: int) -> list[tuple[str, float, int]]:
    """(stage label, average working days spent, number of passages) from the transition log.

    A stage starts at the log entry that entered it and ends at the next entry of the same document
    that changed its state (an extension of the deadline is no passage of its own). The database
    pairs the entries and counts the passages per (stage, local day entered, local day left), so
    the page reads one row per distinct pair of days; those are counted in the instansi's working
    days (the days after the entry day up to the day it left, as a deadline counts them).
    """
    instansi = Instansi.objects.get(pk=instansi_id)
    zone = ZoneInfo(instansi.time_zone)
    moves = TransitionLog.objects.exclude(from_state=F("to_state"))
    later = moves.filter(submission=OuterRef("submission")).filter(
        Q(at__gt=OuterRef("at")) | Q(at=OuterRef("at"), id__gt=OuterRef("id"))
    )
    rows = list(
        moves.filter(submission__position__opd__instansi_id=instansi_id)
        .exclude(to_state="")
        .annotate(left_at=Subquery(later.order_by("at", "id").values("at")[:1]))
        .filter(left_at__isnull=False)
        .annotate(entered_on=TruncDate("at", tzinfo=zone), left_on=TruncDate("left_at", tzinfo=zone))
        .values_list("to_state", "entered_on", "left_on")
        .annotate(passages=Count("id"))
        .order_by()
    )
    if not rows:
        return []
    counter = WorkingDayCounter.spanning(min(row[1] for row in rows), max(row[2] for row in rows))
    days: dict[str, int] = defaultdict(int)
    passages: dict[str, int] = defaultdict(int)
    for state, entered_on, left_on, count in rows:
        days[state] += counter.between(entered_on, left_on, instansi_id) * count
        passages[state] += count
    return [
        (State(state).label, round(days[state] / passages[state], 1), passages[state])
        for state in ACTIVE_STATES
        if passages[state]
    ]


def _dictionary_of(user: AnyUser, submission: Submission) -> QuerySet[Competency]:
    """The national dictionary plus the technical dictionary of the document's own instansi."""
    instansi_id = submission.position.opd.instansi_id
    return visible_competencies(user).filter(Q(instansi__isnull=True) | Q(instansi_id=instansi_id))


def dictionary_level(user: AnyUser, submission: Submission, code: str, level: int) -> CompetencyLevel | None:
    """A competency's level texts; the instansi's own entry wins over a national one with the code."""
    return (
        CompetencyLevel.objects.filter(
            competency__in=_dictionary_of(user, submission).filter(code=code), level=level
        )
        .select_related("competency")
        .order_by(F("competency__instansi_id").asc(nulls_first=True))
        .last()
    )


def search_technical(user: AnyUser, submission: Submission, query: str, limit: int = 10) -> list[Competency]:
    """Matching technical competencies, those of the position's own urusan first."""
    words = Q(name__icontains=query) | Q(code__icontains=query) | Q(definition__icontains=query)
    technical = _dictionary_of(user, submission).filter(group=CompetencyGroup.TECHNICAL)
    own_urusan = Q(urusan__in=submission.position.urusan.all())
    first = Case(When(own_urusan, then=Value(0)), default=Value(1), output_field=IntegerField())
    return list(technical.filter(words).order_by(first, "code")[:limit])


def sees_many_instansi(user: AnyUser) -> bool:
    """The ministry (and an administrator) read documents of many instansi: name it beside each OPD."""
    if user.is_authenticated and user.is_superuser:
        return True
    return any(a.role in (Role.MINISTRY, Role.ADMINISTRATOR) for a in assignments_of(user))
