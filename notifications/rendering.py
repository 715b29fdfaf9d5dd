"""Subject, text and HTML of a notification, rendered from notifications/emails/<kind>-*.

The subject is rendered when the row is written (the inbox, the digest and the admin list it).
The bodies are rendered later, at delivery or at the first read, from the context frozen into the
row as JSON when it was written: a later edit of the document never changes what a reader is
told, and the request that fired the event does not pay for two templates per recipient.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.template import Context, Engine
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.functional import Promise

from notifications.models import Notification

TEMPLATE_DIR = "notifications/emails"
# Emails are always Indonesian, whatever language the actor's page was in when he fired the event.
EMAIL_LANGUAGE = "id"


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    html: str


@cache
def _text_engine() -> Engine:
    return Engine(app_dirs=True, autoescape=False)


def render_text(template_name: str, context: Mapping[str, object]) -> str:
    template = _text_engine().get_template(f"{TEMPLATE_DIR}/{template_name}")
    # Subjects and plain-text bodies must not be HTML-escaped ("&" stays "&").
    return template.render(Context(dict(context), autoescape=False))


def render(kind: str, context: Mapping[str, object]) -> Rendered:
    text, html = render_bodies(kind, context)
    return Rendered(subject=render_subject(kind, context), text=text, html=html)


def render_subject(kind: str, context: Mapping[str, object]) -> str:
    with translation.override(EMAIL_LANGUAGE):
        return " ".join(render_text(f"{kind}-subject.txt", context).split())[:255]


def render_bodies(kind: str, context: Mapping[str, object]) -> tuple[str, str]:
    with translation.override(EMAIL_LANGUAGE):
        text = _tidy(render_text(f"{kind}-body.txt", context))
        html = render_to_string(f"{TEMPLATE_DIR}/{kind}-body.html", dict(context))
    return text, html


### The frozen context: JSON that gives the templates back what they were given

_DATE, _DATETIME = "__date__", "__datetime__"


def freeze(context: Mapping[str, object]) -> dict[str, Any]:
    """The context as JSON; lazy texts are put into words now, in the emails' language."""
    with translation.override(EMAIL_LANGUAGE):
        return {key: _freeze(value) for key, value in context.items()}


def _freeze(value: object) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Promise):
        return str(value)
    if isinstance(value, datetime.datetime):
        return {_DATETIME: value.isoformat()}
    if isinstance(value, datetime.date):
        return {_DATE: value.isoformat()}
    if isinstance(value, Mapping):
        return {str(key): _freeze(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_freeze(item) for item in value]
    # An object would be read again at rendering, after the event: the context holds words only.
    raise TypeError(f"A notification's context holds names and values, not {type(value).__name__}.")


def thaw(frozen: Any) -> Any:
    if isinstance(frozen, list):
        return [thaw(item) for item in frozen]
    if not isinstance(frozen, dict):
        return frozen
    if frozen.keys() == {_DATETIME}:
        return datetime.datetime.fromisoformat(frozen[_DATETIME])
    if frozen.keys() == {_DATE}:
        return datetime.date.fromisoformat(frozen[_DATE])
    return {key: thaw(item) for key, item in frozen.items()}


def ensure_bodies(notifications: Iterable[Notification]) -> None:
    """Render the bodies of the rows that still need them, and keep them (one UPDATE for all).

    The UPDATE only touches rows still without bodies: when two readers render the same row at
    once, the first one's bodies are kept, and both are the same text from the same frozen context.
    """
    pending = [notification for notification in notifications if notification.needs_body]
    for notification in pending:
        text, html = render_bodies(notification.kind, thaw(notification.context))
        notification.body_text, notification.body_html, notification.needs_body = text, html, False
    if pending:
        Notification.objects.filter(needs_body=True).bulk_update(
            pending, ["body_text", "body_html", "needs_body"]
        )


def _tidy(text: str) -> str:
    """Collapse the runs of blank lines template tags leave behind, keeping paragraph breaks."""
    tidy: list[str] = []
    for line in (raw.rstrip() for raw in text.strip().splitlines()):
        if line or (tidy and tidy[-1]):
            tidy.append(line)
    return "\n".join(tidy) + "\n"
