"""What the page frame needs on every page; computed only when the template asks for it."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest

from workflow.setup.administration import administers_anything


def setup_menu(request: HttpRequest) -> dict[str, Callable[[], bool]]:
    user = getattr(request, "user", None)

    def can_set_up() -> bool:
        return bool(user is not None and user.is_authenticated and administers_anything(user))

    return {"can_set_up": can_set_up}
