"""Service accounts of other systems, as the API shows and takes them."""

from __future__ import annotations

from rest_framework import serializers

from api.serializers.common import RefSerializer, StrictCharField, StrictIntegerField, StrictSerializer
from api.serializers.reference import TokenInfoSerializer


class ServiceAccountInput(StrictSerializer):
    name = StrictCharField(max_length=150, help_text="Nama sistem, mis. 'SIMPEG Kota Madiun'.")
    reason = StrictCharField(max_length=2000, help_text="Keperluan akun ini.")
    instansi = StrictIntegerField(
        min_value=1,
        max_value=2**53 - 1,
        allow_null=True,
        required=False,
        help_text="Instansi yang dibaca; kosong/null: seluruh instansi (hanya administrator).",
    )


class ServiceAccountTokenInput(StrictSerializer):
    name = StrictCharField(max_length=100, required=False, allow_blank=True)


class ServiceAccountOutput(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    username = serializers.CharField(source="user.username")
    instansi = RefSerializer(allow_null=True)
    reason = serializers.CharField()
    created_by = serializers.CharField(source="created_by.username")
    created_at = serializers.DateTimeField()
    active = serializers.BooleanField(source="is_active")
    deactivated_at = serializers.DateTimeField(allow_null=True)
    tokens = TokenInfoSerializer(many=True, source="working_tokens")
