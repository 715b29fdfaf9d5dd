"""Subject, text and HTML of a notification, rendered from notifications/emails/<kind>-*.

Rendering happens when the row is written, so a later edit of the document or of a template never
changes what a reader was told.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from django.template import Context, Engine
from django.template.loader import render_to_string
from django.utils import translation

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
    with translation.override(EMAIL_LANGUAGE):
        subject = " ".join(render_text(f"{kind}-subject.txt", context).split())
        text = _tidy(render_text(f"{kind}-body.txt", context))
        html = render_to_string(f"{TEMPLATE_DIR}/{kind}-body.html", dict(context))
    return Rendered(subject=subject[:255], text=text, html=html)


def _tidy(text: str) -> str:
    """Collapse the runs of blank lines template tags leave behind, keeping paragraph breaks."""
    tidy: list[str] = []
    for line in (raw.rstrip() for raw in text.strip().splitlines()):
        if line or (tidy and tidy[-1]):
            tidy.append(line)
    return "\n".join(tidy) + "\n"
