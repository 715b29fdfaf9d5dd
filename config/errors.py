"""Site-wide error views (handler500, handler400) that never answer Django's bare HTML to the API.

They also catch what fails before a view runs (a middleware reading the session from a database
that is down): Django calls handler500 inside its `except` block, so the error is at hand.
Under /api/ the answer is the one JSON error shape; elsewhere a short Indonesian page.
"""

from __future__ import annotations

import sys

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.html import escape

from api.outages import outage_of

SERVER_ERROR = "Terjadi galat pada server; kejadian ini sudah dicatat. Coba lagi nanti."
BAD_REQUEST = "Permintaan tidak dapat diproses."
UNAVAILABLE_TITLE = "Layanan sedang tidak tersedia"


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def _answer(request: HttpRequest, *, status: int, code: str, message: str, title: str) -> HttpResponse:
    if _is_api(request):
        body = {"detail": message, "errors": [{"code": code, "message": message, "field": ""}]}
        return JsonResponse(body, status=status)
    page = (
        '<!doctype html><html lang="id"><head><meta charset="utf-8">'
        f"<title>{escape(title)} - Alur SKJ</title></head>"
        f"<body><h1>{escape(title)}</h1><p>{escape(message)}</p></body></html>"
    )
    return HttpResponse(page, status=status, content_type="text/html; charset=utf-8")


def server_error(request: HttpRequest) -> HttpResponse:
    error = sys.exc_info()[1]
    outage = outage_of(error) if error is not None else None
    if outage is not None:
        response = _answer(
            request, status=503, code=outage.code, message=outage.message, title=UNAVAILABLE_TITLE
        )
        response["Retry-After"] = str(outage.retry_after)
        return response
    return _answer(request, status=500, code="server_error", message=SERVER_ERROR, title="Galat server")


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    return _answer(request, status=400, code="bad_request", message=BAD_REQUEST, title="Permintaan salah")
