"""What django-axes answers when a login is locked out: the error shape on the API, a page elsewhere."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from api.exceptions import LockedOut, error_body

PAGE_MESSAGE = "Terlalu banyak percobaan masuk yang gagal. Akun dikunci sementara; coba lagi nanti."


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None, credentials: Any
) -> HttpResponse:
    status = settings.AXES_HTTP_RESPONSE_CODE
    if request.path.startswith("/api/"):
        message = str(LockedOut.default_detail)
        body = error_body(message, [{"code": LockedOut.default_code, "message": message, "field": ""}])
        return JsonResponse(body, status=status)
    template = settings.AXES_LOCKOUT_TEMPLATE
    if template:
        return render(request, template, {"username": ""}, status=status)
    return HttpResponse(PAGE_MESSAGE, status=status, content_type="text/plain; charset=utf-8")
