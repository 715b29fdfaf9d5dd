"""The request type of the API's views.

Every view is behind `IsAuthenticated` (the default permission) unless it says `AllowAny`: by the time
its handler runs, `request.user` is a real user, never `AnonymousUser`. `AuthenticatedRequest` says so
to the type checker, so services that take a `User` get one without a `type: ignore`. The class adds
nothing at run time (an annotation only); DRF's own Request is what views receive.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rest_framework.exceptions import NotAuthenticated
from rest_framework.request import Request

if TYPE_CHECKING:
    from django.contrib.auth.models import User


class AuthenticatedRequest(Request):
    user: User


def user_of(request: Request) -> User:
    """The user where DRF's signature says only Request (`get_queryset`, a generic view's `create`)."""
    user = request.user
    if not user.is_authenticated:  # only if a view lost IsAuthenticated: the API's 401, not a 500
        raise NotAuthenticated()
    return user
