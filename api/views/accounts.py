"""Obtaining a token, and who the caller is."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import authenticate
from django.contrib.auth.signals import user_logged_in
from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import status
from rest_framework.authtoken.models import Token
from rest_framework.exceptions import ErrorDetail, ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from api.exceptions import LockedOut
from api.requests import AuthenticatedRequest
from api.schema import BASE, responses
from api.serializers.reference import MeSerializer, TokenInput, TokenSerializer
from api.throttles import LoginThrottle
from api.views.common import bilingual, validated
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
            "Tukar nama pengguna dan kata sandi dengan token; kirim `Authorization: Token <token>`. "
            "Percobaan gagal dihitung per nama pengguna dan per alamat: setelah 5 kali nama pengguna "
            "dikunci 30 menit (429 `locked_out`), kecuali dari alamat tempat akun itu pernah berhasil masuk.",
            "Exchange username and password for a token. Failures are counted per username and per "
            "address; after 5 the username is locked for 30 minutes (429 `locked_out`), except from "
            "addresses where that account logged in before.",
        ),
        examples=[
            OpenApiExample(
                "Masuk",
                value={"username": "madiun.penyusun.dinkes", "password": "skj-demo-2026"},
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
        token, _ = Token.objects.get_or_create(user=user)
        return Response({"token": token.key}, status=status.HTTP_200_OK)


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
