"""Liveness (/healthz/) and readiness (/readyz/), without login.

/healthz/ only says the process answers: a restart would not bring back a database or Redis that is
away, so liveness does not depend on them. /readyz/ says whether this instance can do its work,
one check per dependency, 503 (with Retry-After) while any is failing.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from web.health import READYZ_RETRY_AFTER_SECONDS, readiness


@never_cache
@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


@never_cache
@require_GET
def readyz(request: HttpRequest) -> HttpResponse:
    checks = readiness()
    ready = all(check.ok for check in checks.values())
    body = {
        "status": "ready" if ready else "not_ready",
        "checks": {name: check.as_dict() for name, check in checks.items()},
    }
    response = JsonResponse(body, status=200 if ready else 503)
    if not ready:
        response["Retry-After"] = str(READYZ_RETRY_AFTER_SECONDS)
    return response
