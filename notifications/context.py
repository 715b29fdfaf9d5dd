"""What every email may use: who reads it, and links into the site.

Links are reversed by URL name (the pages' paths are the web app's business) and made absolute with
SITE_URL, since an email is read outside the site.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.urls import reverse

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from submissions.models import Submission


def base_context(user: User, submission: Submission | None) -> dict[str, object]:
    """The reader's name, the site, the link to the document (if any) and to his preferences."""
    name = user.get_full_name() if hasattr(user, "get_full_name") else ""
    context: dict[str, object] = {
        "recipient_name": name or user.get_username(),
        "site_url": settings.SITE_URL,
    }
    if submission is not None:
        context["document_url"] = document_url(submission.pk)
    context["preferences_url"] = site_link("web:preferences")
    return context


def document_url(submission_id: int) -> str:
    return site_link("web:document", submission_id=submission_id)


def site_link(name: str, **kwargs: object) -> str:
    return f"{settings.SITE_URL}{reverse(name, kwargs=kwargs or None)}"
