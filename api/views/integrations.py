"""Read-only accounts of other systems (Bagian Organisasi for its instansi, the administrator).

Each write calls one service in integrations/services.py; an account out of the caller's reach is
404, a caller who manages no instansi 403.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from api.schema import LIST, READ_ONE, WRITE, responses
from api.serializers.integrations import ServiceAccountInput, ServiceAccountOutput, ServiceAccountTokenInput
from api.serializers.reference import TokenSerializer
from api.views.accounts import issued_token_body
from api.views.common import bilingual, validated
from integrations import services
from integrations.models import ServiceAccount
from integrations.tokens import tokens_of

TAG = ["integrations"]


def account_body(account: ServiceAccount) -> dict[str, Any]:
    account.working_tokens = list(tokens_of(account.user)) if account.is_active else []  # type: ignore[attr-defined]
    return dict(ServiceAccountOutput(account).data)


@extend_schema_view(
    get=extend_schema(
        operation_id="integration_accounts_list",
        tags=TAG,
        responses=responses({200: ServiceAccountOutput(many=True)}, *LIST),
        summary="Akun integrasi / service accounts",
        description=bilingual(
            "Akun integrasi yang dikelola pemanggil, beserta tokennya (tanpa rahasia) dan kapan terakhir "
            "dipakai.",
            "The service accounts the caller manages, with their tokens (no secrets) and last use.",
        ),
    ),
    post=extend_schema(
        operation_id="integration_accounts_create",
        tags=TAG,
        request=ServiceAccountInput,
        responses=responses({201: ServiceAccountOutput}, *WRITE),
        summary="Buat akun integrasi / create a service account",
        description=bilingual(
            "Akun hanya-baca untuk sistem lain, terikat pada satu instansi; `instansi: null` (seluruh "
            "instansi) hanya untuk administrator (403). Akun ini tidak dapat menjalankan transisi atau "
            "mengubah apa pun.",
            "A read-only account of another system, bound to one instansi; `instansi: null` (nationwide) "
            "is for the administrator only (403). It can fire no transition and change nothing.",
        ),
    ),
)
class ServiceAccountListView(APIView):
    def get(self, request: Request) -> Response:
        accounts = services.service_accounts_for(request.user)
        return Response([account_body(account) for account in accounts])

    def post(self, request: Request) -> Response:
        data = validated(ServiceAccountInput, request.data)
        account = services.service_account_create(
            actor=request.user, name=data["name"], reason=data["reason"], instansi_id=data.get("instansi")
        )
        return Response(account_body(account), status=status.HTTP_201_CREATED)


@extend_schema_view(
    delete=extend_schema(
        operation_id="integration_accounts_deactivate",
        tags=TAG,
        responses=responses({204: None}, *READ_ONE, 409),
        summary="Nonaktifkan akun integrasi / deactivate a service account",
        description=bilingual(
            "Menonaktifkan akun dan mencabut semua tokennya seketika; catatannya tetap ada.",
            "Deactivates the account and revokes every token at once; its record stays.",
        ),
    )
)
class ServiceAccountDetailView(APIView):
    def delete(self, request: Request, pk: int) -> Response:
        services.service_account_deactivate(actor=request.user, account_id=pk)
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema_view(
    post=extend_schema(
        operation_id="integration_accounts_token",
        tags=TAG,
        request=ServiceAccountTokenInput,
        responses=responses({201: TokenSerializer}, *WRITE, 409),
        summary="Token untuk akun integrasi / a token for a service account",
        description=bilingual(
            "Menerbitkan token baru untuk akun ini; rahasianya ditampilkan sekali ini saja.",
            "Issues a new token for the account; its secret is shown this once only.",
        ),
    )
)
class ServiceAccountTokenView(APIView):
    def post(self, request: Request, pk: int) -> Response:
        data = validated(ServiceAccountTokenInput, request.data)
        issued = services.service_account_issue_token(
            actor=request.user, account_id=pk, name=data.get("name", "")
        )
        return Response(issued_token_body(issued), status=status.HTTP_201_CREATED)
