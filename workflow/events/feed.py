"""Reading the feed: the opaque cursor, one keyset page, and an event's body (feed and webhooks).

A cursor names a commit position (`seq`, see models.py): a page is `seq > cursor ORDER BY seq
LIMIT n` on an index, so its cost does not grow with the number of events before it. The cursor
after a page is its last event's; an empty page gives back the cursor it was asked with.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db.models import QuerySet

from workflow.errors import InvalidContent
from workflow.events.models import Event, EventKind
from workflow.scoping import visible_events

if TYPE_CHECKING:
    from workflow.roles import AnyUser

CURSOR_PREFIX = "seq:"
MAX_SEQ = 2**63 - 1


@dataclass(frozen=True)
class Page:
    events: list[Event]
    next: str


def encode_cursor(seq: int) -> str:
    return base64.urlsafe_b64encode(f"{CURSOR_PREFIX}{seq}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> int:
    """The position a cursor names (0 for none: the start); InvalidContent for one we did not write."""
    if cursor is None or cursor == "":
        return 0
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode("ascii")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        text = ""
    number = text.removeprefix(CURSOR_PREFIX)
    if not text.startswith(CURSOR_PREFIX) or not (number.isascii() and number.isdigit()) or len(number) > 19:
        raise _refused(
            "after", "Kursor tidak valid; pakai nilai `next` dari jawaban sebelumnya.", "invalid_cursor"
        )
    value = int(number)
    if value > MAX_SEQ:
        raise _refused(
            "after", "Kursor tidak valid; pakai nilai `next` dari jawaban sebelumnya.", "invalid_cursor"
        )
    return value


def page_size(raw: str | None) -> int:
    largest = int(settings.EVENT_FEED_MAX_PAGE_SIZE)
    if raw is None or raw == "":
        return int(settings.EVENT_FEED_PAGE_SIZE)
    if not (raw.isascii() and raw.isdigit() and len(raw) <= 6 and 0 < int(raw) <= largest):
        raise _refused("limit", f"limit harus bilangan bulat 1 sampai {largest}.", "invalid_limit")
    return int(raw)


def kinds_of(values: list[str]) -> list[str]:
    """`kind=a&kind=b` or `kind=a,b`; an unknown kind is refused, naming the known ones."""
    kinds = [part.strip() for value in values for part in value.split(",") if part.strip()]
    unknown = [kind for kind in kinds if kind not in EventKind.values]
    if unknown:
        known = ", ".join(EventKind.values)
        raise _refused(
            "kind", f"Jenis peristiwa tidak dikenal: {unknown[0][:40]!r}. Pilih: {known}.", "invalid_kind"
        )
    return list(dict.fromkeys(kinds))


def read_page(user: AnyUser, *, after: str | None, limit: int, kinds: list[str] | None = None) -> Page:
    """The events in the user's scope committed after the cursor, oldest first."""
    position = decode_cursor(after)
    queryset: QuerySet[Event] = visible_events(user).filter(seq__gt=position)
    if kinds:
        queryset = queryset.filter(kind__in=kinds)
    events = list(queryset.order_by("seq")[:limit])
    last = events[-1].seq if events else None
    return Page(events, encode_cursor(last) if last is not None else (after or encode_cursor(0)))


def event_body(event: Event) -> dict[str, Any]:
    """What a client reads about one event; the cursor only once the event is committed."""
    body: dict[str, Any] = {
        "id": event.pk,
        "kind": event.kind,
        "at": event.at.isoformat().replace("+00:00", "Z"),
        "actor_kind": event.actor_kind,
        "submission": event.submission_id,
        "version": event.version,
        "round": event.round,
        "position": event.position_id,
        "opd": event.opd_id,
        "instansi": event.instansi_id,
        "transition": event.transition,
        "from_state": event.from_state,
        "to_state": event.to_state,
        "package": event.package_id,
        "decree": event.decree_id,
        "data": event.data,
    }
    if event.seq is not None:
        body = {"cursor": encode_cursor(event.seq), **body}
    return body


def _refused(field: str, message: str, code: str) -> InvalidContent:
    return InvalidContent(message, code=code, errors=[{"code": code, "message": message, "field": field}])
