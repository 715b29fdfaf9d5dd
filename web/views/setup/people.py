"""People of the instansi: invite by email, give and end roles (also Plt./Plh.), resend invitations."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from submissions.models import RoleAssignment
from web.forms.setup import InviteForm, RoleForm
from web.views.base import AuthedRequest
from web.views.setup.common import add_errors, base_context, current_instansi, safe_next
from workflow.errors import WorkflowError
from workflow.setup.administration import people_of
from workflow.setup.people import invitation_resend, role_assign, role_end, user_invite

PAGE_SIZE = 50


@login_required
def people(request: AuthedRequest) -> HttpResponse:
    instansi = current_instansi(request)
    form = InviteForm(request.POST if request.method == "POST" else None, instansi_id=instansi.pk)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = user_invite(
                actor=request.user,
                instansi_id=instansi.pk,
                username=data["username"],
                email=data["email"],
                name=data["name"],
                role=data["role"],
                opd_id=data["opd"].pk if data["opd"] else None,
            )
        except WorkflowError as error:
            add_errors(form, error)
        else:
            messages.success(
                request, _("Undangan untuk %(u)s dikirim ke %(e)s.") % {"u": user.username, "e": user.email}
            )
            return redirect(f"{request.path}?instansi={instansi.pk}")
    in_instansi = Q(opd__instansi=instansi) | Q(instansi=instansi)
    roles = RoleAssignment.objects.filter(in_instansi).select_related("opd").order_by("role", "opd__name")
    users = (
        people_of(request.user)
        .filter(pk__in=RoleAssignment.objects.filter(in_instansi).values("user_id"))
        .prefetch_related(Prefetch("role_assignments", queryset=roles, to_attr="instansi_roles"))
        .order_by("username")
    )
    query = request.GET.get("q", "").strip()[:100]
    if query:
        users = users.filter(
            Q(username__icontains=query) | Q(first_name__icontains=query) | Q(email__icontains=query)
        )
    page = Paginator(users, PAGE_SIZE).get_page(request.GET.get("hal"))
    context = {**base_context(request, instansi), "form": form, "page": page, "q": query}
    context["role_form"] = RoleForm(instansi_id=instansi.pk)
    return render(request, "web/setup/people.html", context, status=400 if form.errors else 200)


@login_required
def person(request: AuthedRequest, user_id: int) -> HttpResponse:
    instansi = current_instansi(request)
    user = get_object_or_404(people_of(request.user), pk=user_id)
    form = RoleForm(request.POST if request.method == "POST" else None, instansi_id=instansi.pk)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            role_assign(
                actor=request.user,
                user_id=user.pk,
                instansi_id=instansi.pk,
                role=data["role"],
                opd_id=data["opd"].pk if data["opd"] else None,
                acting=data["acting"] or "",
                acting_for=data["acting_for"],
                valid_from=data["valid_from"],
                valid_until=data["valid_until"],
            )
        except WorkflowError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Peran diberikan kepada %(u)s.") % {"u": user.username})
            return redirect(f"{request.path}?instansi={instansi.pk}")
    roles = user.role_assignments.select_related("opd", "instansi").order_by("-valid_until", "role")
    context = {**base_context(request, instansi), "person": user, "form": form, "roles": roles}
    return render(request, "web/setup/person.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def end_role(request: AuthedRequest, assignment_id: int) -> HttpResponse:
    try:
        assignment = role_end(actor=request.user, assignment_id=assignment_id)
    except WorkflowError as error:
        if error.kind == "not_found":
            raise
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("Peran diakhiri.") if assignment else _("Peran yang belum mulai dihapus.")
        )
    return redirect(safe_next(request, "web:setup_people"))


@login_required
@require_POST
def resend(request: AuthedRequest, user_id: int) -> HttpResponse:
    try:
        user = invitation_resend(actor=request.user, user_id=user_id)
    except WorkflowError as error:
        if error.kind == "not_found":
            raise
        messages.error(request, error.message)
    else:
        messages.success(request, _("Undangan dikirim ulang ke %(e)s.") % {"e": user.email})
    return redirect(safe_next(request, "web:setup_people"))
