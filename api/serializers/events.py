"""The event feed's and the webhooks' shapes (the bodies themselves come from workflow.events.feed)."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from api.serializers.common import StrictSerializer
from notifications.webhooks.models import URL_MAX_LENGTH, DeliveryStatus, WebhookSubscription
from workflow.events.feed import event_body
from workflow.events.models import Event, EventKind


class EventSerializer(serializers.Serializer):
    cursor = serializers.CharField(help_text="Posisi peristiwa ini dalam feed. / This event's feed position.")
    id = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=EventKind.choices)
    at = serializers.DateTimeField(help_text="UTC.")
    actor_kind = serializers.CharField(
        help_text="Peran pelaku (bukan orangnya). / The actor's role, never the person."
    )
    submission = serializers.IntegerField(allow_null=True)
    version = serializers.IntegerField(allow_null=True)
    round = serializers.IntegerField(allow_null=True)
    position = serializers.IntegerField(allow_null=True)
    opd = serializers.IntegerField(allow_null=True)
    instansi = serializers.IntegerField(allow_null=True)
    transition = serializers.CharField(allow_blank=True)
    from_state = serializers.CharField(allow_blank=True)
    to_state = serializers.CharField(allow_blank=True)
    package = serializers.IntegerField(allow_null=True)
    decree = serializers.IntegerField(allow_null=True)
    data = serializers.DictField(  # type: ignore[assignment]  # a field named like Serializer.data
        help_text=(
            "Rincian per jenis (mis. `changes` jabatan, `items` paket). / "
            "Per-kind details (a position's `changes`, a package's `items`)."
        )
    )

    def to_representation(self, instance: Event) -> dict[str, Any]:
        return event_body(instance)


class EventPageSerializer(serializers.Serializer):
    next = serializers.CharField(
        help_text=(
            "Kursor untuk permintaan berikutnya (sama dengan `after` bila halaman kosong). / "
            "The cursor for the next request (the same as `after` when the page is empty)."
        )
    )
    results = EventSerializer(many=True)


class WebhookSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    url = serializers.CharField()
    kinds = serializers.ListField(child=serializers.ChoiceField(choices=EventKind.choices))
    active = serializers.BooleanField()
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()


class WebhookCreatedSerializer(WebhookSerializer):
    """The one answer that shows the secret (kept for signing, never shown again)."""

    secret = serializers.SerializerMethodField(help_text="Hanya ditampilkan sekali. / Shown this once only.")

    def get_secret(self, subscription: WebhookSubscription) -> str:
        return str(self.context["secret"])


class WebhookCreateInput(StrictSerializer):
    url = serializers.CharField(max_length=URL_MAX_LENGTH)
    kinds = serializers.ListField(child=serializers.ChoiceField(choices=EventKind.choices), min_length=1)
    secret = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=200,
        help_text="Opsional; kosong: dibuatkan. / Optional; empty: generated.",
    )


class WebhookUpdateInput(StrictSerializer):
    url = serializers.CharField(max_length=URL_MAX_LENGTH, required=False)
    kinds = serializers.ListField(
        child=serializers.ChoiceField(choices=EventKind.choices), min_length=1, required=False
    )
    active = serializers.BooleanField(required=False)


class WebhookDeliverySerializer(serializers.Serializer):
    id = serializers.UUIDField(help_text="Id pengiriman (header X-Alur-Delivery). / The delivery id.")
    event_id = serializers.IntegerField()
    event_kind = serializers.CharField()
    status = serializers.ChoiceField(choices=DeliveryStatus.choices)
    attempts = serializers.IntegerField()
    next_attempt_at = serializers.DateTimeField(allow_null=True)
    last_status_code = serializers.IntegerField(allow_null=True)
    last_error = serializers.CharField(allow_blank=True)
    delivered_at = serializers.DateTimeField(allow_null=True)
    created_at = serializers.DateTimeField()
