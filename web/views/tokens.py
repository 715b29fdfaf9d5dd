"""The user's API tokens on his account page: name, creation, last use, expiry; revoke one."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from integrations.tokens import token_revoke, tokens_of
from web.views.base import AuthedRequest
from workflow.errors import NotFound


@login_required
def tokens(request: AuthedRequest) -> HttpResponse:
    context = {"tokens": tokens_of(request.user), "token_ttl_days": settings.API_TOKEN_TTL_DAYS}
    return render(request, "web/account/tokens.html", context)


@login_required
@require_POST
def revoke(request: AuthedRequest, token_id: int) -> HttpResponse:
    try:
        token_revoke(user=request.user, token_id=token_id)
    except NotFound as error:
        raise Http404(error.message) from error
    messages.success(request, _("Token dicabut; aplikasi yang memakainya tidak dapat masuk lagi."))
    return redirect("web:tokens")
