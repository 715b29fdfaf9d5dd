"""The page an invited user reaches from his email: set a password, then "Tugas saya"."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.forms import SetPasswordForm
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from workflow.setup.invitations import check_invitation

BACKEND = "django.contrib.auth.backends.ModelBackend"


def accept(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows the form (a mail scanner opening the link changes nothing); POST sets the password."""
    checked = check_invitation(token)
    if checked.user is None:
        return render(request, "web/setup/invitation_refused.html", {"reason": checked.refusal}, status=410)
    user = checked.user
    form = SetPasswordForm(user, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
        login(request, user, backend=BACKEND)
        messages.success(request, _("Kata sandi tersimpan. Selamat datang di Alur SKJ."))
        return redirect("web:home")
    status = 400 if form.errors else 200
    return render(request, "web/setup/invitation.html", {"form": form, "invited": user}, status=status)
