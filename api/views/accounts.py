"""Obtaining a token, and who the caller is."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import authenticate
from django.contrib.auth.signals import user_logged_in
from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.exceptions import ErrorDetail, ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from api.exceptions import LockedOut
from api.requests import AuthenticatedRequest
from api.schema import BASE, READ_ONE, responses
from api.serializers.reference import MeSerializer, TokenInfoSerializer, TokenInput, TokenSerializer
from api.throttles import LoginThrottle
from api.views.common import bilingual, validated
from integrations.tokens import IssuedToken, token_issue, token_revoke, tokens_of
from workflow.roles import assignments_of

WRONG_CREDENTIALS = "Nama pengguna atau kata sandi salah."


class TokenView(APIView):
    authentication_classes: list[Any] = []
    permission_classes = [AllowAny]
    throttle_classes = [LoginThrottle]
    throttle_scope = "login"

    @extend_schema(
        operation_id="auth_token",
        tags=["auth"],
        auth=[],
        request=TokenInput,
        responses=responses({200: TokenSerializer}, 400, 406, 415, 429),
        summary="Minta token / obtain a token",
        description=bilingual(
            "Tukar nama pengguna dan kata sandi dengan token baru (setiap kali token baru, ditampilkan "
            "sekali saja, berlaku `API_TOKEN_TTL_DAYS` hari); kirim `Authorization: Token <token>`. "
            "Percobaan gagal dihitung per nama pengguna dan per alamat: setelah 5 kali nama pengguna "
            "dikunci 30 menit (429 `locked_out`), kecuali dari alamat tempat akun itu pernah berhasil masuk.",
            "Exchange username and password for a new token (a new one each time, shown once, valid "
            "`API_TOKEN_TTL_DAYS` days). Failures are counted per username and per "
            "address; after 5 the username is locked for 30 minutes (429 `locked_out`), except from "
            "addresses where that account logged in before.",
        ),
        examples=[
            OpenApiExample(
                "Masuk",
                value={"username": "madiun.penyusun.dinkes", "password": "skj-demo-2026", "name": "skrip"},
                request_only=True,
            ),
        ],
    )
    def post(self, request: Request) -> Response:
        data = validated(TokenInput, request.data)
        django_request = request._request  # axes counts failures only when it sees the request
        user = authenticate(django_request, username=data["username"], password=data["password"])
        if getattr(django_request, "axes_locked_out", False):
            raise LockedOut()
        if user is None or not user.is_active:
            raise ValidationError({"non_field_errors": [_wrong_credentials()]})
        # A token is a login: axes records it (and clears this username's failures), the security
        # log notes it, last_login moves, as for the web login.
        user_logged_in.send(sender=type(user), request=django_request, user=user)
        return Response(issued_token_body(token_issue(user=user, name=data.get("name", ""))))


def issued_token_body(issued: IssuedToken) -> dict[str, Any]:
    return {**TokenInfoSerializer(issued.label).data, "token": issued.secret}


def _wrong_credentials() -> ErrorDetail:
    return ErrorDetail(WRONG_CREDENTIALS, code="invalid_credentials")


class MeView(APIView):
    @extend_schema(
        operation_id="me",
        tags=["auth"],
        responses=responses({200: MeSerializer}, *BASE),
        summary="Pengguna saat ini / the caller",
        description=bilingual(
            "Nama pengguna, nama, email, dan peran aktif beserta OPD/instansinya.",
            "Username, name, email, and active roles with their OPD or instansi.",
        ),
    )
    def get(self, request: AuthenticatedRequest) -> Response:
        roles = assignments_of(request.user)
        return Response(MeSerializer(request.user, context={"roles": roles}).data)


@extend_schema_view(
    get=extend_schema(
        operation_id="auth_tokens_list",
        tags=["auth"],
        responses=responses({200: TokenInfoSerializer(many=True)}, *BASE),
        summary="Token saya / my tokens",
        description=bilingual(
            "Token pemanggil yang masih berlaku, terbaru dahulu: nama, dibuat, kedaluwarsa, terakhir "
            "dipakai (dicatat paling sering sekali per menit). Rahasianya tidak pernah ditampilkan lagi.",
            "The caller's working tokens, newest first: name, creation, expiry, last use (recorded at "
            "most once a minute). The secret is never shown again.",
        ),
    )
)
class TokenListView(APIView):
    def get(self, request: AuthenticatedRequest) -> Response:
        return Response(TokenInfoSerializer(tokens_of(request.user), many=True).data)


@extend_schema_view(
    delete=extend_schema(
        operation_id="auth_tokens_revoke",
        tags=["auth"],
        responses=responses({204: None}, *READ_ONE),
        summary="Cabut token / revoke a token",
        description=bilingual(
            "Mencabut satu token milik pemanggil; berlaku seketika. Token orang lain: 404.",
            "Revokes one of the caller's tokens, at once. Another user's token: 404.",
        ),
    )
)
class TokenDetailView(APIView):
    def delete(self, request: AuthenticatedRequest, pk: int) -> Response:
        token_revoke(user=request.user, token_id=pk)
        return Response(status=status.HTTP_204_NO_CONTENT)
