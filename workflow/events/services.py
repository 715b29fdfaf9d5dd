"""Writing events, inside the transactions that do what they tell of (called by the services).

Every transition log row gets one `transition` event (submit ... ministry_agree, and the rows
the log keeps besides: create, start_revision, supersede, enact, extend_deadline); a package
sent or answered, a decree recorded and a position created or changed get one event each. The
same call writes the webhook deliveries of the events (the outbox): workflow decides which
subscription may see which event, with the feed's own scoping.

Services call these last, after their other writes, so that at commit the event's numbering
(which waits for the feed's commit lock) comes after the foreign key checks of the rest.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from notifications.webhooks.outbox import Planned, active_subscriptions, queue_deliveries
from workflow.events.feed import event_body
from workflow.events.models import Event, EventKind
from workflow.roles import assignments_of, is_integration_account
from workflow.scoping import visible_events

if TYPE_CHECKING:
    from submissions.models import Position, Submission
    from workflow.models import TransitionLog
    from workflow.roles import AnyUser

SYSTEM = "system"


def actor_kind(user: AnyUser | None, *, opd_id: int | None = None, instansi_id: int | None = None) -> str:
    """The role the actor acted in (drafter, reviewer, bagian_organisasi, ministry, administrator).

    A role, never the person: the feed tells other systems what happened, not who did it.
    """
    if user is None or not user.is_authenticated:
        return SYSTEM
    if user.is_superuser:
        return "administrator"
    held = assignments_of(user)
    for matches in (
        lambda a: opd_id is not None and a.opd_id == opd_id,
        lambda a: instansi_id is not None and a.instansi_id == instansi_id,
        lambda a: a.opd_id is None and a.instansi_id is None,
    ):
        for assignment in held:
            if matches(assignment):
                return str(assignment.role)
    return str(held[0].role) if held else "user"


def record_transitions(
    entries: Iterable[tuple[TransitionLog, Submission]], *, actor: AnyUser | None, role: str = ""
) -> list[Event]:
    """One `transition` event per log row (its document's position, OPD and instansi loaded)."""
    events = []
    for log, submission in entries:
        position = submission.position
        events.append(
            Event(
                kind=EventKind.TRANSITION,
                at=log.at,
                actor_kind=role
                or actor_kind(actor, opd_id=position.opd_id, instansi_id=position.opd.instansi_id),
                submission_id=submission.pk,
                version=submission.version,
                round=log.round,
                position_id=position.pk,
                opd_id=position.opd_id,
                instansi_id=position.opd.instansi_id,
                package_id=log.package_id,
                decree_id=log.decree_id,
                transition=log.transition,
                from_state=log.from_state,
                to_state=log.to_state,
                log_entry_id=log.pk,
            )
        )
    return _write(events)


def record_transition(log: TransitionLog, submission: Submission, *, actor: AnyUser, role: str = "") -> Event:
    return record_transitions([(log, submission)], actor=actor, role=role)[0]


def record_package(
    kind: EventKind,
    *,
    package_id: int,
    instansi_id: int,
    actor: AnyUser,
    items: Sequence[dict[str, Any]],
    letter_number: str = "",
) -> Event:
    """A package sent (every item) or answered (the items answered, each with its outcome)."""
    event = Event(
        kind=kind,
        at=timezone.now(),
        actor_kind=actor_kind(actor, instansi_id=instansi_id),
        instansi_id=instansi_id,
        package_id=package_id,
        data={"items": list(items), "letter_number": letter_number},
    )
    return _write([event])[0]


def record_decree(
    *, decree_id: int, instansi_id: int, actor: AnyUser, submission_ids: Sequence[int], number: str
) -> Event:
    event = Event(
        kind=EventKind.DECREE_RECORDED,
        at=timezone.now(),
        actor_kind=actor_kind(actor, instansi_id=instansi_id),
        instansi_id=instansi_id,
        decree_id=decree_id,
        data={"submissions": list(submission_ids), "number": number},
    )
    return _write([event])[0]


def record_positions(
    positions: Iterable[tuple[Position, EventKind, Sequence[str]]], *, actor: AnyUser | None
) -> list[Event]:
    """Positions created or changed; `changes` names what changed (renamed, moved, closed ...)."""
    now = timezone.now()
    events = [
        Event(
            kind=kind,
            at=now,
            actor_kind=actor_kind(actor, opd_id=position.opd_id, instansi_id=position.opd.instansi_id),
            position_id=position.pk,
            opd_id=position.opd_id,
            instansi_id=position.opd.instansi_id,
            data={"changes": list(changes), "name": position.name, "active": position.active},
        )
        for position, kind, changes in positions
    ]
    return _write(events)


def _write(events: list[Event]) -> list[Event]:
    if not events:
        return []
    written = Event.objects.bulk_create(events)
    _queue_webhooks(written)
    return written


def _queue_webhooks(events: list[Event]) -> None:
    """A delivery per (subscription, event) the subscription asked for and its owner may see."""
    subscriptions = [s for s in active_subscriptions() if is_integration_account(s.owner)]
    planned = []
    for subscription in subscriptions:
        wanted = [event for event in events if event.kind in subscription.kinds]
        if not wanted:
            continue
        seen = set(
            visible_events(subscription.owner)
            .filter(pk__in=[event.pk for event in wanted])
            .values_list("pk", flat=True)
        )
        planned += [
            Planned(subscription.pk, event.pk, event.kind, {"event": event_body(event)})
            for event in wanted
            if event.pk in seen
        ]
    queue_deliveries(planned)
