"""The search page: standards in the user's scope matching words, best first."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render

from web.views.base import AuthedRequest
from workflow.search import QUERY_MAX_LENGTH, search_visible

PAGE_SIZE = 25


@login_required
def search(request: AuthedRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:QUERY_MAX_LENGTH]
    results = search_visible(request.user, query).select_related("position__opd__instansi")
    page = Paginator(results, PAGE_SIZE).get_page(request.GET.get("hal"))
    context = {"query": query, "page": page, "limit": QUERY_MAX_LENGTH}
    return render(request, "web/search.html", context)
