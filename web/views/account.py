"""The user's roles, and the picture of the state machine."""

from __future__ import annotations

import re

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.safestring import mark_safe

from web.forms.login import LoginForm
from web.views.base import AuthedRequest
from workflow.diagram import render_svg
from workflow.machine import State, user_steps
from workflow.roles import assignments_of

XML_DECLARATION = re.compile(r"^<\?xml[^>]*\?>\s*")


class LoginView(auth_views.LoginView):
    template_name = "web/login.html"
    authentication_form = LoginForm

    def form_invalid(self, form: LoginForm) -> HttpResponse:  # type: ignore[override]
        response = super().form_invalid(form)
        # Input that is not a login attempt at all (e.g. an over-long name) is a bad request;
        # wrong credentials stay a 200 with the form, as browsers expect.
        if any(name in form.errors for name in form.fields):
            response.status_code = 400
        return response


@login_required
def roles(request: AuthedRequest) -> HttpResponse:
    return render(request, "web/account/roles.html", {"assignments": assignments_of(request.user)})


@login_required
def state_machine(request: AuthedRequest) -> HttpResponse:
    # Our own SVG, drawn from the declaration; inline so it scales and its text stays searchable.
    svg = XML_DECLARATION.sub("", render_svg())
    context = {
        "svg": mark_safe(svg),  # drawn by workflow.diagram from constants, escaped by ElementTree
        "specs": user_steps(),
        "states": State,
    }
    return render(request, "web/account/state_machine.html", context)
