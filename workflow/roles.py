"""Who is who on a document: each actor of the machine as one role, bound to one place.

For every `Actor` there is one predicate ("may this user act as X on this document, today, in his
instansi's time zone": `grant_for`) and one queryset filter ("who are the X of this document":
`holders_filter`), both read from `ACTOR_ROLES`. The rules, the services, the announcements and the
pages' "what awaits me" use them; who acts in a state comes from the machine (`acting_in`).

A role assignment counts on the days of its validity period (acting officials, Plt./Plh.), judged
by the date in its own instansi's time zone.
"""

from __future__ import annotations

import datetime
import enum
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone

from config.memo import Memo
from submissions.models import OPD, Role, RoleAssignment, TimeZone
from workflow.machine import TRANSITIONS, Actor, State, acting_in

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    from submissions.models import Position, Submission

    AnyUser = User | AnonymousUser

NOTHING = Q(pk__in=[])


class Place(enum.Enum):
    OPD = "opd"  # the document's OPD
    INSTANSI = "instansi"  # the instansi of the document's OPD
    NATIONAL = "national"  # every instansi


@dataclass(frozen=True)
class ActorRole:
    role: Role
    place: Place
    submitter_only: bool = False  # only the user who submitted the document this round


ACTOR_ROLES: dict[Actor, ActorRole] = {
    Actor.OPD_DRAFTER: ActorRole(Role.DRAFTER, Place.OPD),
    Actor.SUBMITTER: ActorRole(Role.DRAFTER, Place.OPD, submitter_only=True),
    Actor.OPD_REVIEWER: ActorRole(Role.REVIEWER, Place.OPD),
    Actor.BAGIAN_ORGANISASI: ActorRole(Role.BAGIAN_ORGANISASI, Place.INSTANSI),
    Actor.MINISTRY: ActorRole(Role.MINISTRY, Place.NATIONAL),
}


### The user's assignments in force


def assignments_of(user: AnyUser, day: datetime.date | None = None) -> list[RoleAssignment]:
    """The user's role assignments valid on `day` (now by default, see `in_force`), memoised on the user."""
    if not user.is_authenticated:
        return []
    now = timezone.now()
    key: Any = day or _local_days(now)
    cache: dict[Any, list[RoleAssignment]] = user.__dict__.setdefault("_skj_roles", {})
    if key not in cache:
        # No ordering: the model's default (by username) would join auth_user on every request.
        assignments = RoleAssignment.objects.filter(user_id=user.pk).order_by()
        if day is not None:
            cache[key] = list(assignments.active_on(day).select_related("opd", "instansi"))
        else:
            cache[key] = in_force(assignments, now)
    return cache[key]


def every_assignment(user_id: int) -> list[RoleAssignment]:
    """All of a user's assignments, past and future, with what `in_force` reads (for a cache)."""
    return list(
        RoleAssignment.objects.filter(user_id=user_id).order_by().select_related("opd__instansi", "instansi")
    )


def remember_assignments(user: User, assignments: list[RoleAssignment]) -> None:
    """Fill `assignments_of`'s memo from `every_assignment`'s list, judging each period now."""
    now = timezone.now()
    memo: dict[Any, list[RoleAssignment]] = user.__dict__.setdefault("_skj_roles", {})
    memo[_local_days(now)] = [a for a in assignments if _period_covers(a, _local_day(a, now))]


def in_force(assignments: QuerySet[RoleAssignment], now: datetime.datetime) -> list[RoleAssignment]:
    """The assignments in force at `now`, each judged by the date in its own instansi's time zone.

    A Plt. of a Jayapura office leaves at midnight WIT, two hours before midnight in Jakarta; the
    national roles (ministry, administrator) follow the project's time zone.
    """
    days = _local_days(now)
    candidates = assignments.filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=days[-1]),
        Q(valid_until__isnull=True) | Q(valid_until__gte=days[0]),
    ).select_related("opd__instansi", "instansi")
    return [a for a in candidates if _period_covers(a, _local_day(a, now))]


def _local_days(now: datetime.datetime) -> tuple[datetime.date, ...]:
    """Today's dates across Indonesia's time zones and the project's (one or two dates)."""
    zones = {*TimeZone.values, settings.TIME_ZONE}
    return tuple(sorted({now.astimezone(ZoneInfo(zone)).date() for zone in zones}))


def _local_day(assignment: RoleAssignment, now: datetime.datetime) -> datetime.date:
    instansi = assignment.opd.instansi if assignment.opd is not None else assignment.instansi
    zone = instansi.time_zone if instansi is not None else settings.TIME_ZONE
    return now.astimezone(ZoneInfo(zone)).date()


def _period_covers(assignment: RoleAssignment, day: datetime.date) -> bool:
    starts, ends = assignment.valid_from, assignment.valid_until
    return (starts is None or starts <= day) and (ends is None or day <= ends)


### Who holds a document's roles

# The people every transition tells (a document's drafters, reviewers, Bagian Organisasi, the
# ministry), read on every transition and changed when a role or a user changes: kept per
# process, bumped by workflow/receivers.py and by the people import (which writes in bulk).
HOLDERS: Memo[tuple[object, ...], list[RoleAssignment]] = Memo("role_holders", max_keys=4096)


def holders_in_force(
    actors: Iterable[Actor], opd: OPD, submitted_by_id: int | None, now: datetime.datetime
) -> list[RoleAssignment]:
    """The assignments in force at `now`, of active users, making them one of `actors` on a
    document of `opd` (ordered by username, each with its user)."""
    wanted = tuple(sorted(set(actors)))
    # Keyed by the instansi, not by the OPD or the submitter: the copy holds the holders of every
    # OPD of the instansi, and those of this OPD (and the submitter among its drafters) are picked
    # here. One copy then serves all the instansi's documents: a burst of transitions across its
    # OPDs (Bagian Organisasi sending a day's work) reads the roles once per process, not once per
    # OPD (a sequential scan of every role assignment of the country, 5 ms at 546 instansi).
    candidates = HOLDERS.get((wanted, opd.instansi_id), lambda: _holders(wanted, opd.instansi_id, now))
    return [
        a
        for a in candidates
        if _period_covers(a, _local_day(a, now))
        and any(holds_in(a, actor, opd.pk, opd.instansi_id, submitted_by_id) for actor in wanted)
    ]


def _holders(actors: tuple[Actor, ...], instansi_id: int, now: datetime.datetime) -> list[RoleAssignment]:
    wanted = NOTHING
    for actor in actors:
        wanted |= _holders_in_instansi(Actor.OPD_DRAFTER if actor == Actor.SUBMITTER else actor, instansi_id)
    # Periods that ended before today anywhere in Indonesia never count again; periods still to
    # come stay in the copy, which outlives a midnight by minutes at most (config/memo.py).
    ended = Q(valid_until__lt=_local_days(now)[0])
    return list(
        RoleAssignment.objects.filter(wanted, user__is_active=True)
        .exclude(ended)
        .select_related("user", "opd__instansi", "instansi")
        .order_by("user__username", "pk")
    )


### One predicate and one filter per actor


def holds(assignment: RoleAssignment, actor: Actor, opd: OPD, submitted_by_id: int | None = None) -> bool:
    """Whether `assignment` makes its user the `actor` of a document of `opd`."""
    return holds_in(assignment, actor, opd.pk, opd.instansi_id, submitted_by_id)


def holds_in(
    assignment: RoleAssignment, actor: Actor, opd_id: int, instansi_id: int, submitted_by_id: int | None
) -> bool:
    """`holds`, from the ids alone: a document's own copies of its OPD and instansi will do."""
    wanted = ACTOR_ROLES[actor]
    if assignment.role != wanted.role:
        return False
    if wanted.submitter_only and (submitted_by_id is None or assignment.user_id != submitted_by_id):
        return False
    if wanted.place is Place.OPD:
        return assignment.opd_id == opd_id
    return _covers_instansi(assignment, wanted, instansi_id)


def _covers_instansi(assignment: RoleAssignment, wanted: ActorRole, instansi_id: int) -> bool:
    if wanted.place is Place.INSTANSI:
        return assignment.instansi_id == instansi_id
    return wanted.place is Place.NATIONAL


def holders_filter(actor: Actor, opd: OPD, submitted_by_id: int | None = None) -> Q:
    """The role assignments (a `RoleAssignment` filter) of the `actor`s of a document of `opd`."""
    wanted = ACTOR_ROLES[actor]
    condition = _holding(wanted, Q(opd_id=opd.pk), opd.instansi_id)
    if wanted.submitter_only:
        if submitted_by_id is None:
            return NOTHING
        condition &= Q(user_id=submitted_by_id)
    return condition


def _holders_in_instansi(actor: Actor, instansi_id: int) -> Q:
    """`holders_filter` for the documents of every OPD of an instansi (the submitter unnamed)."""
    in_its_opds = Q(opd__in=OPD.objects.filter(instansi_id=instansi_id).values("pk"))
    return _holding(ACTOR_ROLES[actor], in_its_opds, instansi_id)


def _holding(wanted: ActorRole, in_opds: Q, instansi_id: int) -> Q:
    """Assignments of `wanted`'s role in its place: `in_opds` for an OPD role, the instansi for
    an instansi role, anywhere for a national one."""
    condition = Q(role=wanted.role)
    if wanted.place is Place.OPD:
        condition &= in_opds
    elif wanted.place is Place.INSTANSI:
        condition &= Q(instansi_id=instansi_id)
    return condition


def grant_for(user: AnyUser, submission: Submission, actor: Actor) -> RoleAssignment | None:
    """The assignment through which `user` acts as `actor` on this document today, if any."""
    return _grant(user, submission.position.opd, actor, submission.submitted_by_id)


def grant_on_position(user: AnyUser, position: Position, actor: Actor) -> RoleAssignment | None:
    """As `grant_for`, for a position that has no document yet (a first draft, a revision)."""
    return _grant(user, position.opd, actor)


def _grant(
    user: AnyUser, opd: OPD, actor: Actor, submitted_by_id: int | None = None
) -> RoleAssignment | None:
    for assignment in assignments_of(user):
        if holds(assignment, actor, opd, submitted_by_id):
            return assignment
    return None


def may_act_for_instansi(user: AnyUser, actor: Actor, instansi_id: int) -> bool:
    """Whether `user` acts as `actor` on work of a whole instansi today (a package, a decree).

    Only actors bound to an instansi or national have such work; an OPD's actors act on documents.
    """
    wanted = ACTOR_ROLES[actor]
    if wanted.place is Place.OPD or wanted.submitter_only:
        raise ValueError(f"{actor} acts on the documents of one OPD, not on an instansi")
    return any(
        assignment.role == wanted.role and _covers_instansi(assignment, wanted, instansi_id)
        for assignment in assignments_of(user)
    )


def may_act_as(user: AnyUser, submission: Submission, actor: Actor) -> bool:
    return grant_for(user, submission, actor) is not None


def may_edit(user: AnyUser, submission: Submission) -> bool:
    """A drafter of its OPD, while the document is editable."""
    return submission.is_editable and may_act_as(user, submission, Actor.OPD_DRAFTER)


def is_integration_account(user: AnyUser) -> bool:
    """A read-only account of another system: it holds the integration role in force."""
    return user.is_authenticated and any(a.role == Role.INTEGRATION for a in assignments_of(user))


def actor_names(opd: OPD) -> dict[Actor, str]:
    """Each actor of a document of `opd`, in words (for refusals)."""
    return {
        Actor.OPD_DRAFTER: f"penyusun {opd.name}",
        Actor.SUBMITTER: "penyusun yang mengajukan dokumen ini",
        Actor.OPD_REVIEWER: f"pemeriksa {opd.name}",
        Actor.BAGIAN_ORGANISASI: f"Bagian Organisasi {opd.instansi.name}",
        Actor.MINISTRY: "KemenPAN-RB",
    }


### Who acts now


def states_acted_in(actor: Actor) -> tuple[State, ...]:
    """The states in which `actor` must act (derived from the machine)."""
    sources = dict.fromkeys(step.source for step in TRANSITIONS.values())
    return tuple(state for state in sources if actor in acting_in(state))


def awaiting(assignment: RoleAssignment) -> Q:
    """The documents (a `Submission` filter) waiting for an action of this assignment's user."""
    condition = NOTHING
    for actor, wanted in ACTOR_ROLES.items():
        states = states_acted_in(actor)
        if wanted.role != assignment.role or not states:
            continue
        if wanted.place is Place.OPD:
            condition |= Q(state__in=states, opd_id=assignment.opd_id)
        elif wanted.place is Place.INSTANSI:
            condition |= Q(state__in=states, instansi_id=assignment.instansi_id)
        else:
            condition |= Q(state__in=states)
    return condition
