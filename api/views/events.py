"""The event feed (keyset by commit position) and integration accounts' webhooks."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import generics, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from api.pagination import ReferencePagination
from api.requests import AuthenticatedRequest, user_of
from api.schema import LIST, READ_ONE, WRITE, responses
from api.serializers.events import (
    EventPageSerializer,
    WebhookCreatedSerializer,
    WebhookCreateInput,
    WebhookDeliverySerializer,
    WebhookSerializer,
    WebhookUpdateInput,
)
from api.views.common import bilingual, validated
from notifications.webhooks.models import WebhookSubscription
from workflow.events.feed import event_body, kinds_of, page_size, read_page
from workflow.events.models import EventKind
from workflow.webhooks import (
    require_integration_account,
    visible_webhooks,
    webhook_create,
    webhook_delete,
    webhook_deliveries,
    webhook_of,
    webhook_update,
)

FEED_DESCRIPTION = bilingual(
    "Apa yang terjadi, dalam urutan commit: setiap transisi (juga lewat paket dan banyak dokumen "
    "sekaligus), paket dikirim/dijawab, keputusan dicatat, jabatan dibuat/diubah. Hanya peristiwa "
    "dalam cakupan pemanggil. Simpan `next` dan kirim kembali sebagai `after`: peristiwa tidak "
    "pernah terlewat atau berulang, juga setelah klien dimulai ulang. Kursor bersifat buram.",
    "What happened, in commit order: every transition (also through packages and batches), "
    "packages sent/answered, decrees recorded, positions created/changed. Only events in the "
    "caller's scope. Store `next` and send it back as `after`: no event is ever missed or repeated, "
    "across restarts too. The cursor is opaque.",
)


@extend_schema_view(
    get=extend_schema(
        operation_id="events_list",
        tags=["events"],
        parameters=[
            OpenApiParameter(
                "after", str, description="Kursor dari `next` sebelumnya; kosong: dari awal. / Cursor."
            ),
            OpenApiParameter("limit", int, description="1-1000, bawaan 100. / 1-1000, default 100."),
            OpenApiParameter(
                "kind",
                str,
                many=True,
                enum=EventKind.values,
                description="Hanya jenis ini (boleh berulang). / Only these kinds (repeatable).",
            ),
        ],
        responses=responses({200: EventPageSerializer}, *LIST),
        summary="Feed peristiwa / event feed",
        description=FEED_DESCRIPTION,
        examples=[
            OpenApiExample(
                "Satu halaman / one page",
                value={
                    "next": "c2VxOjQy",
                    "results": [
                        {
                            "cursor": "c2VxOjQy",
                            "id": 57,
                            "kind": "transition",
                            "at": "2026-12-01T03:04:05.123456Z",
                            "actor_kind": "reviewer",
                            "submission": 12,
                            "version": 1,
                            "round": 1,
                            "position": 7,
                            "opd": 3,
                            "instansi": 1,
                            "transition": "forward",
                            "from_state": "opd_review",
                            "to_state": "compilation",
                            "package": None,
                            "decree": None,
                            "data": {},
                        }
                    ],
                },
                response_only=True,
            )
        ],
    )
)
class EventFeedView(APIView):
    def get(self, request: Request) -> Response:
        params = request.query_params
        page = read_page(
            user_of(request),
            after=params.get("after"),
            limit=page_size(params.get("limit")),
            kinds=kinds_of(params.getlist("kind")),
        )
        return Response({"next": page.next, "results": [event_body(event) for event in page.events]})


@extend_schema_view(
    get=extend_schema(
        operation_id="webhooks_list",
        tags=["webhooks"],
        responses=responses({200: WebhookSerializer(many=True)}, *LIST),
        summary="Webhook saya / my webhooks",
        description=bilingual(
            "Hanya akun integrasi (lainnya 403).", "Integration accounts only (others 403)."
        ),
    ),
    post=extend_schema(
        operation_id="webhooks_create",
        tags=["webhooks"],
        request=WebhookCreateInput,
        responses=responses({201: WebhookCreatedSerializer}, *WRITE),
        summary="Daftarkan webhook / register a webhook",
        description=bilingual(
            "URL http(s) ke alamat publik (alamat privat, loopback dan link-local ditolak, 400 "
            "`url_internal`); `kinds` jenis peristiwa yang dikirim. `secret` kosong: dibuatkan; "
            "ditampilkan sekali ini saja. Setiap pengiriman ditandatangani: `X-Alur-Signature: "
            "sha256=HMAC-SHA256(secret, timestamp + '.' + body)` dengan `X-Alur-Timestamp`; "
            "`X-Alur-Delivery` adalah id untuk menyaring duplikat. Pengalihan (3xx) tidak diikuti.",
            "An http(s) URL of a public address (private, loopback and link-local ones are refused, "
            "400 `url_internal`); `kinds` the event kinds sent. An empty `secret` is generated; it "
            "is shown this once only. Every delivery is signed: `X-Alur-Signature: "
            "sha256=HMAC-SHA256(secret, timestamp + '.' + body)` with `X-Alur-Timestamp`; "
            "`X-Alur-Delivery` is the id to deduplicate on. Redirects (3xx) are not followed.",
        ),
    ),
)
class WebhookListView(generics.ListAPIView):
    allows_integration_accounts = True  # its own webhooks are the one thing such an account writes
    serializer_class = WebhookSerializer
    pagination_class = ReferencePagination

    def get_queryset(self) -> QuerySet[Any]:
        if getattr(self, "swagger_fake_view", False):  # schema generation has no user
            return WebhookSubscription.objects.none()
        user = user_of(self.request)
        require_integration_account(user)
        return visible_webhooks(user).order_by("id")

    def post(self, request: AuthenticatedRequest) -> Response:
        data = validated(WebhookCreateInput, request.data)
        subscription, secret = webhook_create(
            actor=request.user, url=data["url"], kinds=data["kinds"], secret=data.get("secret")
        )
        body = WebhookCreatedSerializer(subscription, context={"secret": secret}).data
        return Response(body, status=status.HTTP_201_CREATED)


@extend_schema_view(
    get=extend_schema(
        operation_id="webhooks_retrieve",
        tags=["webhooks"],
        responses=responses({200: WebhookSerializer}, *READ_ONE),
        summary="Satu webhook / one webhook",
    ),
    patch=extend_schema(
        operation_id="webhooks_update",
        tags=["webhooks"],
        request=WebhookUpdateInput,
        responses=responses({200: WebhookSerializer}, *WRITE),
        summary="Ubah webhook / change a webhook",
    ),
    delete=extend_schema(
        operation_id="webhooks_destroy",
        tags=["webhooks"],
        responses=responses({204: None}, *READ_ONE),
        summary="Hapus webhook / delete a webhook",
    ),
)
class WebhookDetailView(APIView):
    allows_integration_accounts = True  # its own webhooks are the one thing such an account writes

    def get(self, request: AuthenticatedRequest, pk: int) -> Response:
        return Response(WebhookSerializer(webhook_of(actor=request.user, webhook_id=pk)).data)

    def patch(self, request: AuthenticatedRequest, pk: int) -> Response:
        data = validated(WebhookUpdateInput, request.data)
        subscription = webhook_update(actor=request.user, webhook_id=pk, **data)
        return Response(WebhookSerializer(subscription).data)

    def delete(self, request: AuthenticatedRequest, pk: int) -> Response:
        webhook_delete(actor=request.user, webhook_id=pk)
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema_view(
    get=extend_schema(
        operation_id="webhooks_deliveries",
        tags=["webhooks"],
        responses=responses({200: WebhookDeliverySerializer(many=True)}, *LIST),
        summary="Pengiriman webhook / a webhook's deliveries",
        description=bilingual(
            "Terbaru dahulu, dengan status (pending, sending, delivered, failed), jumlah percobaan "
            "dan galat terakhir.",
            "Newest first, with status (pending, sending, delivered, failed), attempts and last error.",
        ),
    )
)
class WebhookDeliveryListView(generics.ListAPIView):
    serializer_class = WebhookDeliverySerializer
    pagination_class = ReferencePagination

    def get_queryset(self) -> QuerySet[Any]:
        if getattr(self, "swagger_fake_view", False):
            return WebhookSubscription.objects.none()
        return webhook_deliveries(actor=user_of(self.request), webhook_id=self.kwargs["pk"])
