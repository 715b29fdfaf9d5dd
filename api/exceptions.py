"""One error shape for every API failure: `{"detail": "...", "errors": [{"code", "message", "field"}]}`.

Workflow errors carry their own kind (forbidden, conflict, invalid, not_found, stale), which decides
the status code here and nowhere else. DRF's and Django's own errors are reshaped with stable codes,
so a client switches on `code`, never on wording.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import ObjectDoesNotExist, RequestDataTooBig
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import set_rollback

from api.errors import ApiError, TokenRefused
from api.outages import outage_of
from workflow.errors import WorkflowError

logger = logging.getLogger(__name__)

# Indonesian wording for DRF's own failures; the code is DRF's stable `default_code`.
MESSAGES = {
    "parse_error": "Isi permintaan bukan JSON yang valid.",
    "authentication_failed": "Token atau kredensial tidak valid.",
    "not_authenticated": "Anda perlu masuk terlebih dahulu (kirim header Authorization: Token ...).",
    "permission_denied": "Anda tidak berwenang melakukan tindakan ini.",
    "not_found": "Data tidak ditemukan.",
    "method_not_allowed": "Metode HTTP ini tidak didukung pada alamat ini.",
    "not_acceptable": "Format jawaban yang diminta (header Accept) tidak tersedia.",
    "unsupported_media_type": "Jenis isi permintaan tidak didukung; kirim application/json.",
    "throttled": "Terlalu banyak permintaan; coba lagi sebentar lagi.",
    "server_error": "Terjadi galat pada server; kejadian ini sudah dicatat. Coba lagi nanti.",
}
INVALID_INPUT = "Isian tidak valid; periksa kolom yang ditandai."


class ServiceUnavailable(exceptions.APIException):
    """A dependency (the database, Redis) is away: 503 with Retry-After, the request may be repeated."""

    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_code = "service_unavailable"

    def __init__(self, message: str, *, code: str, retry_after: int):
        super().__init__(detail=message, code=code)
        self.wait = retry_after


class LockedOut(exceptions.APIException):
    status_code = status.HTTP_429_TOO_MANY_REQUESTS
    default_code = "locked_out"
    default_detail = "Terlalu banyak percobaan masuk yang gagal; akun dikunci sementara (30 menit)."


def error_body(detail: str, errors: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    return {
        "detail": detail,
        "errors": [
            {
                "code": str(e.get("code", "")),
                "message": str(e.get("message", "")),
                "field": e.get("field") or "",
            }
            for e in errors
        ],
    }


def exception_handler(exc: Exception, context: Mapping[str, Any]) -> Response | None:
    if isinstance(exc, WorkflowError):
        set_rollback()
        return Response(error_body(exc.message, exc.errors), status=exc.http_status)
    exc = _as_api_exception(exc)
    if not isinstance(exc, exceptions.APIException):
        # Never Django's HTML page: the error is logged with its traceback, the client gets the shape.
        logger.error("Galat tak terduga pada %s", context.get("request"), exc_info=exc)
        exc = exceptions.APIException(code="server_error")
    set_rollback()
    headers = {}
    # DRF's APIView sets `auth_header` on the exception it is handling; Throttled carries `wait`.
    auth_header = getattr(exc, "auth_header", None)
    if auth_header:
        headers["WWW-Authenticate"] = auth_header
    wait = getattr(exc, "wait", None)
    if wait:
        headers["Retry-After"] = f"{int(wait)}"
    return Response(_body(exc), status=exc.status_code, headers=headers)


def _as_api_exception(exc: Exception) -> Exception:
    outage = outage_of(exc)
    if outage is not None:
        logger.warning("Layanan pendukung tidak tersedia (%s): %s", outage.code, exc)
        return ServiceUnavailable(outage.message, code=outage.code, retry_after=outage.retry_after)
    if isinstance(exc, RequestDataTooBig):
        return ApiError(
            "Isi permintaan terlalu besar.",
            code="request_too_large",
            status_code=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE,
        )
    if isinstance(exc, Http404 | ObjectDoesNotExist):
        return exceptions.NotFound()
    if isinstance(exc, DjangoPermissionDenied):
        return exceptions.PermissionDenied()
    if isinstance(exc, DjangoValidationError):
        return exceptions.ValidationError(
            exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        )
    return exc


def _body(exc: exceptions.APIException) -> dict[str, Any]:
    if isinstance(exc, exceptions.ValidationError):
        return error_body(INVALID_INPUT, list(flatten_errors(exc.detail)))
    code = exc.get_codes() if isinstance(exc.detail, str) else exc.default_code
    code = code if isinstance(code, str) else exc.default_code
    if isinstance(exc, ApiError | LockedOut | ServiceUnavailable | TokenRefused):
        message = str(exc.detail)
    else:
        message = MESSAGES.get(code, str(exc.detail))
    return error_body(message, [{"code": code, "message": message, "field": getattr(exc, "field", "")}])


def flatten_errors(detail: Any, field: str = "") -> Any:
    """DRF's nested error detail as a flat list; fields as paths like `competencies[0].level`."""
    if isinstance(detail, Mapping):
        for key, value in detail.items():
            yield from flatten_errors(value, _join(field, key))
    elif isinstance(detail, list | tuple):
        for index, value in enumerate(detail):
            # A list of messages belongs to the field itself; a list of objects is indexed.
            where = f"{field}[{index}]" if isinstance(value, Mapping | list) else field
            yield from flatten_errors(value, where)
    else:
        yield {"code": getattr(detail, "code", None) or "invalid", "message": str(detail), "field": field}


def _join(field: str, key: Any) -> str:
    if key == "non_field_errors":
        return field
    if isinstance(key, int):
        return f"{field}[{key}]"
    return f"{field}.{key}" if field else str(key)
