"""Read-side helpers of the pages: what awaits a user, the positions list, the progress board.

Every query starts from `workflow.scoping`, so nothing outside the user's scope is ever listed.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import (
    Case,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
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
from workflow.calendar import add_working_days
from workflow.deadlines import current_round, local_today
from workflow.keyset import Key, ordered
from workflow.machine import ACTIVE_STATES, State
from workflow.progress import stage_durations
from workflow.roles import assignments_of, awaiting
from workflow.scoping import visible_competencies, visible_opds, visible_positions, visible_submissions
from workflow.search import FOUND_BY_NAME, FOUND_NEWEST, by_name_among_matches

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
# The list's orders: label, then the keys of its keyset pages (the id last, unique). "nama" walks
# the index on (name, sub_unit, id), so it stays flat nationwide; the others sort the scope.
SORTS: dict[str, tuple[str, tuple[Key, ...]]] = {
    "opd": (
        "OPD, lalu nama",
        (Key("opd__instansi__name"), Key("opd__name"), Key("name"), Key("sub_unit"), Key("id")),
    ),
    "nama": ("Nama jabatan", (Key("name"), Key("sub_unit"), Key("id"))),
    "terbaru": ("Terbaru", FOUND_NEWEST),
    "tenggat": ("Tenggat terdekat", (Key("latest_due", nullable=True), Key("name"), Key("id"))),
    "status": ("Status", (Key("latest_state", nullable=True), Key("name"), Key("id"))),
}


@dataclass(frozen=True)
class PositionFilters:
    opd_id: int | None = None
    query: str = ""
    state: str = ""
    kind: str = ""
    deadline: str = ""
    sort: str = "opd"
    instansi_id: int | None = None

    @property
    def keys(self) -> tuple[Key, ...]:
        if self.query and self.sort == "nama":
            return FOUND_BY_NAME  # the matches sorted, not the name index walked (workflow.search)
        return SORTS.get(self.sort, SORTS["opd"])[1]


def default_sort(user: AnyUser, query: str = "") -> str:
    """By OPD for one instansi; for those who read many, the one order an index serves at their
    scale: by name, or newest first when they search (workflow.search, FOUND_NEWEST)."""
    if not sees_many_instansi(user):
        return "opd"
    return "terbaru" if query else "nama"


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
    if filters.instansi_id:
        positions = positions.filter(opd__instansi_id=filters.instansi_id)
    if filters.query:
        positions = positions.filter(Q(name__icontains=filters.query) | Q(sub_unit__icontains=filters.query))
        positions = by_name_among_matches(positions)
    if filters.kind:
        positions = positions.filter(kind=filters.kind)
    positions = positions.annotate(
        latest_id=Subquery(newest.values("id")[:1]),
        latest_state=Subquery(newest.values("state")[:1]),
        latest_version=Subquery(newest.values("version")[:1]),
        latest_due=Subquery(newest.values("due_at")[:1]),
    )
    return ordered(_by_state_and_deadline(positions, filters), filters.keys)


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
    current = visible_submissions(user).filter(instansi_id=instansi_id)
    current = current.exclude(state=State.SUPERSEDED)
    counts: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    started: dict[int, set[int]] = defaultdict(set)
    # Positions, not documents: an approved version and its revision past the OPD are one position.
    done: dict[int, set[int]] = defaultdict(set)
    for opd_id, position_id, state in current.values_list("opd_id", "position_id", "state").order_by():
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
