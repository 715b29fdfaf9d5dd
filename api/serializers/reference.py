"""The caller, reference data in scope, positions, reason codes and notifications."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.serializers.common import (
    RefSerializer,
    StrictCharField,
    StrictIntegerField,
    StrictSerializer,
    TextField,
)
from submissions.models import CompetencyGroup, FunctionalRank, PositionKind, Role


class RoleSerializer(serializers.Serializer):
    role = serializers.ChoiceField(choices=Role.choices)
    role_label = serializers.CharField(source="get_role_display")
    opd = RefSerializer(allow_null=True)
    instansi = RefSerializer(allow_null=True)
    acting = serializers.CharField(allow_blank=True, help_text="'', 'plt' atau 'plh'.")
    valid_until = serializers.DateField(allow_null=True)


class MeSerializer(serializers.Serializer):
    username = serializers.CharField()
    name = serializers.SerializerMethodField()
    email = serializers.EmailField(allow_blank=True)
    roles = serializers.SerializerMethodField()

    def get_name(self, user: Any) -> str:
        return str(user.get_full_name() or user.username)

    @extend_schema_field(RoleSerializer(many=True))
    def get_roles(self, user: Any) -> Any:
        return RoleSerializer(self.context["roles"], many=True).data


class TokenInput(StrictSerializer):
    username = StrictCharField(max_length=150)
    password = StrictCharField(max_length=128, trim_whitespace=False, style={"input_type": "password"})
    name = StrictCharField(
        max_length=100, required=False, allow_blank=True, help_text="Nama token, mis. 'SIMPEG'."
    )


class TokenInfoSerializer(serializers.Serializer):
    """A token without its secret."""

    id = serializers.IntegerField(source="pk")
    name = serializers.CharField()
    created = serializers.DateTimeField(source="token.created")
    expiry = serializers.DateTimeField(source="token.expiry")
    last_used_at = serializers.DateTimeField(allow_null=True)


class TokenSerializer(TokenInfoSerializer):
    """A new token: the only answer that carries its secret."""

    token = serializers.CharField(help_text="Dikirim sekali; simpan sekarang. / Shown once; store it now.")


class OPDSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    short_name = serializers.CharField(allow_blank=True)
    instansi = RefSerializer()


class CompetencyLevelSerializer(serializers.Serializer):
    level = serializers.IntegerField()
    description = serializers.CharField(allow_blank=True)
    indicators = serializers.ListField(child=serializers.CharField())


class CompetencySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()
    group = serializers.ChoiceField(choices=CompetencyGroup.choices)
    definition = serializers.CharField(allow_blank=True)
    instansi = RefSerializer(allow_null=True, help_text="null: kamus nasional. / null: national dictionary.")
    levels = CompetencyLevelSerializer(many=True, source="levels.all")


class PositionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    sub_unit = serializers.CharField(allow_blank=True)
    kind = serializers.ChoiceField(choices=PositionKind.choices)
    kind_label = serializers.CharField()
    rank = serializers.SerializerMethodField()
    code = serializers.CharField(allow_blank=True)
    opd = RefSerializer()
    instansi = RefSerializer(source="opd.instansi")
    urusan = serializers.SerializerMethodField()
    parent = serializers.IntegerField(source="parent_id", allow_null=True)  # type: ignore[assignment]
    bezetting = serializers.IntegerField()
    kebutuhan = serializers.IntegerField()
    active = serializers.BooleanField()

    @extend_schema_field(serializers.ChoiceField(choices=FunctionalRank.choices, allow_null=True))
    def get_rank(self, position: Any) -> str | None:
        return position.rank or None

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_urusan(self, position: Any) -> list[str]:
        # Sorted here: the list's prefetch skips Urusan's default ordering (a sort in SQL per page).
        return sorted(urusan.name for urusan in position.urusan.all())


class PositionCreateInput(StrictSerializer):
    name = StrictCharField(max_length=255)
    opd = StrictIntegerField(min_value=1, max_value=2**53 - 1)
    kind = serializers.ChoiceField(choices=PositionKind.choices)
    rank = serializers.ChoiceField(
        choices=FunctionalRank.choices, required=False, allow_blank=True, allow_null=True
    )
    urusan = serializers.ListField(child=StrictCharField(max_length=200), max_length=20, required=False)
    code = TextField(max_length=50)
    sub_unit = TextField(max_length=255)


class PositionUpdateInput(StrictSerializer):
    read_only_names = ("id", "opd", "instansi", "kind_label")
    name = StrictCharField(max_length=255, required=False)
    parent = serializers.IntegerField(  # type: ignore[assignment]  # DRF pops declared fields
        min_value=1, max_value=2**53 - 1, required=False, allow_null=True
    )
    bezetting = serializers.IntegerField(min_value=0, max_value=999_999, required=False)
    kebutuhan = serializers.IntegerField(min_value=0, max_value=999_999, required=False)
    active = serializers.BooleanField(required=False)
    kind = serializers.ChoiceField(choices=PositionKind.choices, required=False)
    rank = serializers.ChoiceField(
        choices=FunctionalRank.choices, required=False, allow_blank=True, allow_null=True
    )
    urusan = serializers.ListField(child=StrictCharField(max_length=200), max_length=20, required=False)
    code = TextField(max_length=50)
    sub_unit = TextField(max_length=255)


class ReasonCodeSerializer(serializers.Serializer):
    code = serializers.CharField()
    # The ignore: a field named `label` shadows Field.label (str | None) in the DRF stubs.
    label = serializers.CharField()  # type: ignore[assignment]


class NotificationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    kind_label = serializers.CharField(source="get_kind_display")
    subject = serializers.CharField()
    body_text = serializers.CharField(allow_blank=True)
    submission = serializers.IntegerField(source="submission_id", allow_null=True)
    created_at = serializers.DateTimeField()
    read_at = serializers.DateTimeField(allow_null=True)
