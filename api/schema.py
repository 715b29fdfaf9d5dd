"""OpenAPI helpers: the error component, the status codes each operation documents, and hooks."""

from __future__ import annotations

from typing import Any

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.plumbing import build_bearer_security_scheme_object
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse
from rest_framework import serializers

ERROR_DESCRIPTIONS = {
    400: "Isian tidak valid (semua masalah dicantumkan). / Invalid input (every problem listed).",
    401: (
        "Belum masuk, atau token tidak dikenal, dicabut, kedaluwarsa, atau pemiliknya nonaktif "
        "(`authentication_failed`, `token_expired`, `token_revoked`, `account_inactive`). "
        "/ Not authenticated, "
        "or the token is unknown, revoked, expired, or its owner deactivated."
    ),
    403: "Tidak berwenang. / Not allowed for this user.",
    404: "Tidak ditemukan atau di luar cakupan pengguna. / Not found or outside the caller's scope.",
    405: "Metode tidak didukung. / Method not allowed.",
    406: "Format jawaban tidak tersedia. / Not acceptable.",
    409: "Tidak mungkin dari status sekarang atau kalah balapan. / Wrong state or lost a race.",
    412: "Dokumen berubah sejak dimuat (If-Match). / Document changed since loaded (If-Match).",
    415: "Jenis isi tidak didukung. / Unsupported media type.",
    429: "Terlalu banyak permintaan. / Throttled.",
    501: "Belum tersedia. / Not implemented yet.",
}


class ErrorItemSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="Kode stabil. / Stable code.")
    message = serializers.CharField(help_text="Pesan dalam bahasa Indonesia. / Indonesian message.")
    field = serializers.CharField(
        help_text="Kolom terkait atau kosong. / Field path or empty.", allow_blank=True
    )


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()
    errors = ErrorItemSerializer(many=True)  # type: ignore[assignment]  # DRF pops declared fields


ERROR_EXAMPLE = OpenApiExample(
    "Dokumen belum lengkap / incomplete document",
    value={
        "detail": "Tindakan belum dapat dilakukan: ada 2 hal yang perlu diperbaiki.",
        "errors": [
            {"code": "summary_missing", "message": "Ikhtisar jabatan belum diisi.", "field": "summary"},
            {
                "code": "technical_missing",
                "message": "Tambahkan paling sedikit satu kompetensi teknis.",
                "field": "competencies",
            },
        ],
    },
    response_only=True,
    status_codes=["400"],
)

# Every authenticated operation may answer these.
BASE = (401, 403, 406, 429)
READ_ONE = (*BASE, 404)
LIST = (*BASE, 400, 404)
WRITE = (*BASE, 400, 404, 415)


def errors(*codes: int) -> dict[int, OpenApiResponse]:
    return {
        code: OpenApiResponse(ErrorSerializer, description=ERROR_DESCRIPTIONS[code])
        for code in sorted(set(codes))
    }


def responses(success: dict[Any, Any], *codes: int) -> dict[Any, Any]:
    return {**success, **errors(*codes)}


IF_NONE_MATCH = OpenApiParameter(
    "If-None-Match",
    str,
    OpenApiParameter.HEADER,
    required=False,
    description=(
        "Opsional: ETag yang sudah dimiliki (atau daftar, atau *); sama dengan yang sekarang: 304 tanpa "
        "isi. Salah format: diabaikan.\n\nOptional: the ETag(s) you hold, or *; when one is current: "
        "304 without a body. A malformed header is ignored."
    ),
)
NOT_MODIFIED = {
    304: OpenApiResponse(description="Tidak berubah sejak ETag itu. / Not modified since that ETag.")
}
IF_MATCH = OpenApiParameter(
    "If-Match",
    str,
    OpenApiParameter.HEADER,
    required=False,
    description=(
        "Opsional: ETag dokumen yang dimuat (atau daftar, atau *). Tag lain, juga tag lemah W/: 412; "
        "salah format: 400.\n\nOptional: the ETag you loaded (or a list, or *). Any other tag, a weak "
        "W/ one too: 412; malformed: 400."
    ),
)


def strict_request_bodies(result: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    """Request bodies reject unknown fields (400 `unknown_field`): say so in the schema."""
    for name, component in result.get("components", {}).get("schemas", {}).items():
        if name.endswith("Request") and component.get("type") == "object":
            component["additionalProperties"] = False
    return result


class TokenScheme(OpenApiAuthenticationExtension):
    """`Authorization: Token <token>` (api.authentication), under the scheme's former name."""

    target_class = "api.authentication.TokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema: Any) -> dict[str, Any]:
        definition: dict[str, Any] = build_bearer_security_scheme_object(
            header_name="Authorization", token_prefix="Token"
        )
        return definition
