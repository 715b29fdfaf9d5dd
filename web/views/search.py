"""The search page: standards in the user's scope matching words, best first, in keyset pages."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from web.views.base import CURSOR, AuthedRequest
from workflow import keyset
from workflow.search import QUERY_MAX_LENGTH, SearchPage, ranked_page, search_visible

PAGE_SIZE = 25


@login_required
def search(request: AuthedRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:QUERY_MAX_LENGTH]
    page = SearchPage([], None)
    if query:
        matches = search_visible(request.user, query).select_related("position__opd__instansi")
        # No count and no offset: the next page starts after the last row shown (workflow.search).
        try:
            page = ranked_page(matches, query, request.GET.get(CURSOR), PAGE_SIZE)
        except keyset.InvalidCursor:
            page = ranked_page(matches, query, None, PAGE_SIZE)
    context = {
        "query": query,
        "page": page,
        "results": page.rows,
        "later_page": bool(request.GET.get(CURSOR)),
        "limit": QUERY_MAX_LENGTH,
    }
    return render(request, "web/search.html", context)
