"""Small template helpers: state labels, deadline badges, the unread count in the header."""

from __future__ import annotations

import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django import template
from django.utils import dateformat, timezone
from django.utils.translation import gettext as _

from notifications.selectors import unread_count as _unread_count
from submissions.models import TimeZone
from workflow.machine import ACTIVE_STATES, Actor, State

register = template.Library()
SOON_DAYS = 2


@register.filter
def state_label(value: str) -> str:
    return str(State(value).label) if value in State.values else (value or "-")


@register.filter
def actor_labels(actors: list[str]) -> str:
    return ", ".join(str(Actor(actor).label) for actor in actors if actor in Actor.values)


def _in_zone(moment: datetime.datetime, time_zone: str) -> tuple[datetime.datetime, str]:
    """The moment in the instansi's zone with its short name (WIB, WITA, WIT), else the site's."""
    if time_zone in TimeZone.values:
        return moment.astimezone(ZoneInfo(time_zone)), TimeZone(time_zone).label.split()[0]
    return timezone.localtime(moment), ""


@register.filter
def in_zone(moment: datetime.datetime | None, time_zone: str) -> str:
    """`{{ entry.at|in_zone:instansi.time_zone }}` -> "23 Nov 2026 08:15 WIT"."""
    if moment is None:
        return "-"
    local, zone_name = _in_zone(moment, time_zone)
    return f"{dateformat.format(local, 'j M Y H:i')} {zone_name}".strip()


@register.inclusion_tag("web/_due_badge.html")
def due_badge(due_at: datetime.datetime | None, state: str, time_zone: str = "") -> dict[str, Any]:
    """'Terlambat' once past the deadline, 'Segera' within two days, otherwise just the date.

    The time is the instansi's own (WIB, WITA or WIT), as in the emails: a deadline falls at the end
    of that instansi's working day, which the server's zone would show hours early.
    """
    if not due_at or state not in ACTIVE_STATES:
        return {"due_at": None}
    left = due_at - timezone.now()
    if left.total_seconds() < 0:
        kind, text = "overdue", _("Terlambat")
    elif left.days < SOON_DAYS:
        kind, text = "soon", _("Segera")
    else:
        kind, text = "ok", ""
    local, zone_name = _in_zone(due_at, time_zone)
    return {"due_at": local, "zone_name": zone_name, "kind": kind, "text": text}


@register.simple_tag(takes_context=True)
def unread_count(context: template.Context) -> int:
    user = context.get("user")
    if user is None or not user.is_authenticated:
        return 0
    return _unread_count(user=user)


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    try:
        return mapping[key]
    except (KeyError, IndexError, TypeError):
        return None
