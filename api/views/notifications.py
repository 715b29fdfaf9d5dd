"""The caller's in-app notifications; another user's notification is not found."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import generics
from rest_framework.response import Response
from rest_framework.views import APIView

from api.filters import NotificationFilter
from api.pagination import KeysetPagination
from api.requests import AuthenticatedRequest, user_of
from api.schema import LIST, READ_ONE, responses
from api.serializers.reference import NotificationSerializer
from api.views.common import bilingual
from notifications.models import Notification
from notifications.rendering import ensure_bodies
from notifications.selectors import inbox_for
from notifications.services import mark_read


@extend_schema_view(
    get=extend_schema(
        operation_id="notifications_list",
        tags=["notifications"],
        responses=responses({200: NotificationSerializer(many=True)}, *LIST),
        summary="Notifikasi saya / my notifications",
        description=bilingual(
            "Notifikasi dalam aplikasi milik pemanggil, terbaru dahulu; `unread=true` hanya "
            "yang belum dibaca.",
            "The caller's in-app notifications, newest first; `unread=true` for unread ones only.",
        ),
    )
)
class NotificationListView(generics.ListAPIView):
    serializer_class = NotificationSerializer
    pagination_class = KeysetPagination
    filterset_class = NotificationFilter

    def get_queryset(self) -> QuerySet[Any]:
        if getattr(self, "swagger_fake_view", False):  # schema generation has no user
            return Notification.objects.none()
        return inbox_for(user=user_of(self.request))

    def paginate_queryset(self, queryset: QuerySet[Any] | Sequence[Any]) -> list[Any] | None:
        page = super().paginate_queryset(queryset)
        ensure_bodies(page or [])  # the page shows each body: rows first read here are rendered now
        return page


@extend_schema_view(
    post=extend_schema(
        operation_id="notifications_read",
        tags=["notifications"],
        request=None,
        responses=responses({200: NotificationSerializer}, *READ_ONE),
        summary="Tandai dibaca / mark as read",
    )
)
class NotificationReadView(APIView):
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        notification = mark_read(notification_id=pk, user=request.user)
        ensure_bodies([notification])  # the answer shows the body; the pages show only the subject
        return Response(NotificationSerializer(notification).data)
