"""Home: what awaits my action, recent notifications, and the Bagian Organisasi progress board."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from notifications.selectors import inbox_for
from web.selectors import BOARD_STATES, my_tasks, progress_boards, sees_many_instansi
from web.views.base import AuthedRequest
from workflow.machine import State


@login_required
def home(request: AuthedRequest) -> HttpResponse:
    context = {
        "tasks": my_tasks(request.user),
        "show_instansi": sees_many_instansi(request.user),
        "notifications": list(inbox_for(user=request.user)[:5]),
        "boards": progress_boards(request.user),
        "board_states": [(state, _(State(state).label)) for state in BOARD_STATES],
    }
    return render(request, "web/home.html", context)
