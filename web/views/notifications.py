"""The in-app inbox (list, mark read) and the user's notification preferences."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from notifications import services
from notifications.models import Notification
from notifications.selectors import inbox_for
from web.forms.notifications import PreferencesForm
from web.views.base import AuthedRequest, keyset_page
from workflow import keyset

INBOX_PAGE_SIZE = 25
# inbox_for's order, served by the index notification_inbox (recipient, -created_at, -id).
INBOX_KEYS = (keyset.Key("created_at", descending=True), keyset.Key("id", descending=True))


@login_required
def inbox(request: AuthedRequest) -> HttpResponse:
    unread_only = request.GET.get("belum") == "1"
    rows = inbox_for(user=request.user, unread_only=unread_only)
    # Keyset pages: an account that is told of every document in the country holds tens of
    # thousands of rows, which a count and an offset would walk on every page.
    page = keyset_page(request, rows, INBOX_KEYS, INBOX_PAGE_SIZE)
    return render(request, "web/notifications/inbox.html", {"page": page, "unread_only": unread_only})


@login_required
@require_POST
def mark_read(request: AuthedRequest, notification_id: int) -> HttpResponse:
    try:
        notification = services.mark_read(notification_id=notification_id, user=request.user)
    except Notification.DoesNotExist:
        raise Http404("Notifikasi tidak ditemukan.") from None
    if request.htmx:
        return render(request, "web/notifications/_item.html", {"item": notification, "announce": True})
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return redirect(target)
    return redirect("web:inbox")


@login_required
@require_POST
def mark_all_read(request: AuthedRequest) -> HttpResponse:
    count = services.mark_all_read(user=request.user)
    messages.success(request, _("%(n)s notifikasi ditandai sudah dibaca.") % {"n": count})
    return redirect("web:inbox")


@login_required
def preferences(request: AuthedRequest) -> HttpResponse:
    current = services.preferences_for(user=request.user)
    form = PreferencesForm(request.POST if request.method == "POST" else None, current=current)
    if request.method == "POST" and form.is_valid():
        for kind, delivery in form.cleaned_data.items():
            if current.get(kind) != delivery:
                services.set_preference(user=request.user, kind=kind, delivery=delivery)
        messages.success(request, _("Preferensi notifikasi disimpan."))
        return redirect("web:preferences")
    status = 400 if form.errors else 200
    return render(request, "web/notifications/preferences.html", {"form": form}, status=status)
