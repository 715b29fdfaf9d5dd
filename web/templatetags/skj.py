"""Small template helpers: state labels, deadline badges, the unread count in the header."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from django import template
from django.utils import dateformat, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from notifications.selectors import unread_label
from submissions.models import TimeZone
from workflow.calendar import WorkingDayCounter
from workflow.comments import competency_key, requirement_key
from workflow.machine import ACTIVE_STATES, Actor, State
from workflow.models import CommentAnchor
from workflow.selectors import history_label

if TYPE_CHECKING:
    from submissions.validity import MinimumRule
    from web.forms.editor import CompetencyInput

register = template.Library()
SOON_DAYS = 2


@register.filter
def below_minimum(row: CompetencyInput, minimum: MinimumRule | None) -> bool:
    """Whether a managerial or socio-cultural row's level is under the position's minimum."""
    level = row.level_number
    return bool(row.fixed and minimum and level is not None and level < minimum.level)


@register.filter
def state_label(value: str) -> str:
    # The labels are Indonesian constants (the API gives them as they are); pages translate them.
    return _(State(value).label) if value in State.values else (value or "-")


@register.filter
def actor_labels(actors: list[str]) -> str:
    return ", ".join(_(Actor(actor).label) for actor in actors if actor in Actor.values)


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


@register.inclusion_tag("web/_due_badge.html", takes_context=True)
def due_badge(
    context: template.Context,
    due_at: datetime.datetime | None,
    state: str,
    time_zone: str = "",
    instansi_id: int | None = None,
) -> dict[str, Any]:
    """The deadline in working days ("3 hari kerja lagi", "terlambat 2 hari kerja") and its date.

    The time is the instansi's own (WIB, WITA or WIT), as in the emails: a deadline falls at the end
    of that instansi's working day, which the server's zone would show hours early. One counter per
    page render reads the calendar corrections once, however many rows carry a badge.
    """
    if not due_at or state not in ACTIVE_STATES:
        return {"due_at": None}
    local, zone_name = _in_zone(due_at, time_zone)
    today = _in_zone(timezone.now(), time_zone)[0].date()
    counter = context.render_context.get(_COUNTER)
    if counter is None:
        counter = context.render_context[_COUNTER] = WorkingDayCounter.around(today)
    kind, text = working_days_text(counter.between(today, local.date(), instansi_id), due_at < timezone.now())
    return {"due_at": local, "zone_name": zone_name, "kind": kind, "text": text}


_COUNTER = "skj_working_day_counter"


def working_days_text(left: int, past: bool) -> tuple[str, str]:
    """(badge kind, words) for a deadline `left` working days away (negative: that many late)."""
    if past:
        late = max(-left, 1)
        return "overdue", ngettext("terlambat %(n)s hari kerja", "terlambat %(n)s hari kerja", late) % {
            "n": late
        }
    if left <= 0:
        return "soon", _("hari ini")
    kind = "soon" if left <= SOON_DAYS else "ok"
    return kind, ngettext("%(n)s hari kerja lagi", "%(n)s hari kerja lagi", left) % {"n": left}


@register.simple_tag(takes_context=True)
def unread_count(context: template.Context) -> str:
    user = context.get("user")
    if user is None or not user.is_authenticated:
        return ""
    return unread_label(user=user)


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    try:
        return mapping[key]
    except (KeyError, IndexError, TypeError):
        return None


@register.filter
def comments_on(placed: dict[str, list[Any]] | None, row: Any) -> list[Any]:
    """The open comments of an editor row: `{% for c in placed_comments|comments_on:row %}`."""
    if not placed:
        return []
    if hasattr(row, "section"):
        key = f"{CommentAnchor.REQUIREMENT}:{requirement_key({'section': row.section, 'text': row.text})}"
    else:
        key = f"{CommentAnchor.COMPETENCY}:{competency_key({'code': row.code, 'name': row.name})}"
    return placed.get(key, [])


@register.filter(name="history_label")
def history_label_filter(transition: str) -> str:
    """A log entry in the past tense, in the page's language."""
    return _(history_label(transition))
