"""What a user may see: every queryset a user reaches starts here (out of scope is 404).

Drafters and reviewers see their OPD; Bagian Organisasi sees its instansi; the ministry sees
what is or has been in consultation; administrators see everything. Expired acting
assignments grant nothing.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django.db import connections, router
from django.db.models import Exists, OuterRef, Q, QuerySet

from submissions.models import OPD, Competency, Instansi, Position, Role, Submission
from workflow.events.models import Event, EventKind
from workflow.models import ConsultationPackage, Decree, Letter, MinistryAnswer
from workflow.roles import assignments_of

if TYPE_CHECKING:
    from workflow.roles import AnyUser

NOTHING = Q(pk__in=[])


def _scope(user: AnyUser) -> tuple[bool, set[int], set[int], bool]:
    """(sees everything, OPD ids, instansi ids, is ministry)."""
    if user.is_authenticated and user.is_superuser:
        return True, set(), set(), False
    assignments = assignments_of(user)
    # An integration account reads what Bagian Organisasi of its instansi reads, or everything
    # when it is nationwide; it acts on nothing, since no actor of the workflow holds its role.
    everything = any(
        a.role == Role.ADMINISTRATOR or (a.role == Role.INTEGRATION and a.instansi_id is None)
        for a in assignments
    )
    opds = {a.opd_id for a in assignments if a.role in (Role.DRAFTER, Role.REVIEWER) and a.opd_id}
    instansi = {
        a.instansi_id
        for a in assignments
        if a.role in (Role.BAGIAN_ORGANISASI, Role.INTEGRATION) and a.instansi_id
    }
    ministry = any(a.role == Role.MINISTRY for a in assignments)
    return everything, opds, instansi, ministry


# What is or has been in consultation: a flag the transition into it sets (one partial index),
# not a search of the transition log per row.
CONSULTED = Q(reached_ministry=True)


def visible_submissions(user: AnyUser) -> QuerySet[Submission]:
    everything, opds, instansi, ministry = _scope(user)
    queryset: QuerySet[Submission] = Submission.objects.all()
    if everything:
        return queryset
    # The document's own copies of its OPD and instansi: indexed with the id, no join.
    condition = NOTHING
    if opds:
        condition |= Q(opd_id__in=opds)
    if instansi:
        condition |= Q(instansi_id__in=instansi)
    if ministry:
        condition |= CONSULTED
    return queryset.filter(condition)


def visible_submission_values(user: AnyUser, pk: int, columns: Sequence[str]) -> tuple[Any, ...] | None:
    """`visible_submissions(user).filter(pk=pk).values_list(*columns).first()`, for the polled status
    check: on PostgreSQL one statement written out from the same scope, since building and
    compiling the ORM's query costs more than running it. tests/workflow/test_scoping.py holds the
    two to the same answer for every role."""
    everything, opds, instansi, ministry = _scope(user)
    alias = router.db_for_read(Submission) or "default"
    connection = connections[alias]
    if connection.vendor != "postgresql":  # the ORM converts other backends' values (SQLite's dates)
        rows = visible_submissions(user).filter(pk=pk).values_list(*columns)[:1]
        return next(iter(rows), None)
    if not (everything or opds or instansi or ministry):
        return None
    sql = _row_statement(tuple(columns), everything, len(opds), len(instansi), ministry)
    params: list[Any] = [pk]
    if not everything:
        params += [*sorted(opds), *sorted(instansi)]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        found = cursor.fetchone()
    return tuple(found) if found is not None else None


@functools.lru_cache(maxsize=256)
def _row_statement(
    columns: tuple[str, ...], everything: bool, opds: int, instansi: int, ministry: bool
) -> str:
    """The SQL of one document's row under a scope of this shape (how many OPDs and instansi)."""
    meta = Submission._meta

    def column(name: str) -> str:
        return f'"{meta.get_field(name).column}"'

    conditions = []
    if not everything:
        if opds:
            conditions.append(f"{column('opd_id')} IN ({', '.join(['%s'] * opds)})")
        if instansi:
            conditions.append(f"{column('instansi_id')} IN ({', '.join(['%s'] * instansi)})")
        if ministry:
            conditions.append(column("reached_ministry"))
    scope = f" AND ({' OR '.join(conditions)})" if conditions else ""
    return (
        f'SELECT {", ".join(column(name) for name in columns)} FROM "{meta.db_table}" '
        f"WHERE {column('id')} = %s{scope} LIMIT 1"
    )


def visible_positions(user: AnyUser) -> QuerySet[Position]:
    everything, opds, instansi, ministry = _scope(user)
    queryset = Position.objects.all()
    if everything:
        return queryset
    condition = NOTHING
    if opds:
        condition |= Q(opd_id__in=opds)
    if instansi:
        condition |= Q(opd__instansi_id__in=instansi)
    if ministry:
        consulted = Submission.objects.filter(CONSULTED, position=OuterRef("pk"))
        condition |= Q(Exists(consulted))
    return queryset.filter(condition)


def visible_opds(user: AnyUser) -> QuerySet[OPD]:
    everything, opds, instansi, ministry = _scope(user)
    if everything or ministry:
        return OPD.objects.all()
    return OPD.objects.filter(Q(pk__in=opds) | Q(instansi_id__in=instansi))


def visible_instansi(user: AnyUser) -> QuerySet[Instansi]:
    everything, opds, instansi, ministry = _scope(user)
    if everything or ministry:
        return Instansi.objects.all()
    return Instansi.objects.filter(Q(pk__in=instansi) | Q(opds__in=opds)).distinct()


def visible_competencies(user: AnyUser) -> QuerySet[Competency]:
    """The national dictionary plus the technical dictionaries of the user's instansi."""
    everything, opds, instansi, ministry = _scope(user)
    if everything or ministry:
        return Competency.objects.all()
    own = Q(instansi_id__in=instansi) | Q(instansi__opds__in=opds)
    return Competency.objects.filter(Q(instansi__isnull=True) | own).distinct()


def can_create_positions(user: AnyUser, instansi_id: int) -> bool:
    everything, _, instansi, _ = _scope(user)
    return everything or instansi_id in instansi


def covers_unit(user: AnyUser, *, instansi_id: int, opd_id: int | None, approved_only: bool) -> bool:
    """Does the user see every document of this instansi (or of this OPD of it)?

    A whole output (a book, a recap) is only for someone who sees all it contains: the instansi's
    Bagian Organisasi and administrators; an OPD's own drafters and reviewers for that OPD; the
    ministry for standards in force (each of them went through consultation).
    """
    everything, opds, instansi, ministry = _scope(user)
    if everything or instansi_id in instansi:
        return True
    if opd_id is not None and opd_id in opds:
        return True
    return ministry and approved_only


def visible_packages(user: AnyUser) -> QuerySet[ConsultationPackage]:
    """Bagian Organisasi sees its instansi's packages; the ministry those sent to it, from every instansi."""
    everything, _, instansi, ministry = _scope(user)
    queryset = ConsultationPackage.objects.all()
    if everything:
        return queryset
    condition = NOTHING
    if instansi:
        condition |= Q(instansi_id__in=instansi)
    if ministry:
        condition |= Q(sent_at__isnull=False)
    return queryset.filter(condition)


def visible_decrees(user: AnyUser) -> QuerySet[Decree]:
    """Decrees of the instansi the user works in (its OPDs' staff too); the ministry sees all."""
    everything, _, _, ministry = _scope(user)
    if everything or ministry:
        return Decree.objects.all()
    return Decree.objects.filter(instansi__in=visible_instansi(user))


def visible_letters(user: AnyUser) -> QuerySet[Letter]:
    """A letter is seen by whoever may see the package or decree it belongs to."""
    packages = visible_packages(user)
    return Letter.objects.filter(
        Q(pk__in=packages.values("cover_letter"))
        | Q(pk__in=MinistryAnswer.objects.filter(package__in=packages).values("letter"))
        | Q(pk__in=visible_decrees(user).values("letter"))
    )


PACKAGE_EVENTS = (EventKind.PACKAGE_SENT, EventKind.PACKAGE_ANSWERED)
POSITION_EVENTS = (EventKind.POSITION_CREATED, EventKind.POSITION_CHANGED)


def visible_events(user: AnyUser) -> QuerySet[Event]:
    """The feed in the user's sight: events of what he may see (the rest is simply absent).

    Each event carries the OPD and instansi it belongs to, so the scopes of an OPD and of an
    instansi are one indexed column each. An OPD's staff also read the decrees of its instansi
    (as visible_decrees), not its packages (as visible_packages). The ministry reads the events
    of documents it sees, of the positions of those, every package sent and every decree.
    """
    everything, opds, instansi, ministry = _scope(user)
    queryset = Event.objects.all()
    if everything:
        return queryset
    condition = NOTHING
    if opds:
        condition |= Q(opd_id__in=opds)
        own_instansi = OPD.objects.filter(pk__in=opds).values("instansi_id")
        condition |= Q(kind=EventKind.DECREE_RECORDED, instansi_id__in=own_instansi)
    if instansi:
        condition |= Q(instansi_id__in=instansi)
    if ministry:
        condition |= Q(kind__in=[*PACKAGE_EVENTS, EventKind.DECREE_RECORDED])
        condition |= Q(submission_id__in=visible_submissions(user).values("pk"))
        condition |= Q(kind__in=POSITION_EVENTS, position_id__in=visible_positions(user).values("pk"))
    return queryset.filter(condition)
