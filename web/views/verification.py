"""The public page of printed copies: whoever holds a printout checks whether it is the version in force.

No login. It shows only the position, version, state, decree and the SHA-256 of the enacted
content (recomputed from the stored rows) for a code printed on an approved standard; any other
code is simply not found. Throttled per client address.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from submissions.exports.content import RELATIONS, enacting_decree, indonesian_date
from submissions.exports.verification import content_digest, normalise
from submissions.models import VerificationCode
from web.throttles import VerifyThrottle
from workflow.machine import State

TOO_MANY = "Terlalu banyak permintaan dari alamat Anda. Coba lagi sebentar lagi."


@require_GET
def verify_form(request: HttpRequest) -> HttpResponse:
    code = request.GET.get("kode", "").strip()
    if code:
        return redirect("web:verify", code=normalise(code)[:20])
    return render(request, "web/verification/form.html")


@require_GET
def verify(request: HttpRequest, code: str) -> HttpResponse:
    throttle = VerifyThrottle()
    if not throttle.allow_request(request, None):  # type: ignore[arg-type]  # reads request.META only
        response = render(request, "web/verification/form.html", {"error": TOO_MANY}, status=429)
        wait = throttle.wait()
        if wait is not None:
            response["Retry-After"] = str(int(wait) + 1)
        return response
    record = (
        VerificationCode.objects.select_related(
            "submission__position__opd__instansi", "submission__enactment__decree"
        )
        .prefetch_related(*(f"submission__{relation}" for relation in RELATIONS[2:]))
        .filter(code=normalise(code))
        .first()
    )
    if record is None:
        return render(request, "web/verification/form.html", {"code": code, "not_found": True}, status=404)
    submission = record.submission
    digest = content_digest(submission)
    decree = enacting_decree(submission)
    context = {
        "code": record.code,
        "position": submission.position,
        "submission": submission,
        "in_force": submission.state == State.APPROVED,
        "decree": decree,
        "decree_date": indonesian_date(decree.date) if decree is not None else "",
        "digest": digest,
        "intact": digest == record.content_sha256,
    }
    response = render(request, "web/verification/result.html", context)
    response["Cache-Control"] = "no-store"
    response["X-Robots-Tag"] = "noindex"
    return response
