"""Input and output of the set-up endpoints (OPDs, people, rounds, imports, the peta jabatan)."""

from __future__ import annotations

from rest_framework import serializers

from api.serializers.common import StrictCharField, StrictSerializer, TextField
from submissions.models import ActingKind, ImportKind
from workflow.setup.people import GRANTABLE_CHOICES as GRANTABLE

MAX_ID = 2**53 - 1


class OPDCreateInput(StrictSerializer):
    instansi = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    name = StrictCharField(max_length=200)
    short_name = TextField(max_length=40)


class OPDUpdateInput(StrictSerializer):
    read_only_names = ("id", "instansi")
    name = StrictCharField(max_length=200, required=False)
    short_name = TextField(max_length=40)
    active = serializers.BooleanField(required=False)


class OPDOutput(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    short_name = serializers.CharField(allow_blank=True)
    active = serializers.BooleanField()
    instansi = serializers.IntegerField(source="instansi_id")


class InvitationInput(StrictSerializer):
    instansi = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    username = StrictCharField(max_length=150)
    email = serializers.EmailField(max_length=254)
    name = TextField(max_length=150)
    role = serializers.ChoiceField(choices=GRANTABLE)
    opd = serializers.IntegerField(required=False, allow_null=True, min_value=1, max_value=MAX_ID)


class UserOutput(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()
    email = serializers.CharField(allow_blank=True)
    name = serializers.CharField(source="get_full_name", allow_blank=True)
    joined = serializers.BooleanField(source="has_usable_password", help_text="Sudah membuat kata sandi.")


class RoleAssignmentInput(StrictSerializer):
    user = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    instansi = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    role = serializers.ChoiceField(choices=GRANTABLE)
    opd = serializers.IntegerField(required=False, allow_null=True, min_value=1, max_value=MAX_ID)
    acting = serializers.ChoiceField(choices=ActingKind.choices, required=False, allow_blank=True)
    acting_for = TextField(max_length=255)
    valid_from = serializers.DateField(required=False, allow_null=True)
    valid_until = serializers.DateField(required=False, allow_null=True)


class RoleAssignmentOutput(serializers.Serializer):
    id = serializers.IntegerField()
    user = serializers.IntegerField(source="user_id")
    username = serializers.CharField(source="user.username")
    role = serializers.CharField()
    role_label = serializers.CharField(source="get_role_display")
    opd = serializers.IntegerField(source="opd_id", allow_null=True)
    instansi = serializers.IntegerField(source="instansi_id", allow_null=True)
    acting = serializers.CharField(allow_blank=True)
    acting_for = serializers.CharField(allow_blank=True)
    valid_from = serializers.DateField(allow_null=True)
    valid_until = serializers.DateField(allow_null=True)


class RoleEndInput(StrictSerializer):
    on = serializers.DateField(required=False, allow_null=True)


class RoundInput(StrictSerializer):
    instansi = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    name = StrictCharField(max_length=200)
    deadline = serializers.DateField()


class RoundOutput(serializers.Serializer):
    id = serializers.IntegerField()
    instansi = serializers.IntegerField(source="instansi_id")
    name = serializers.CharField()
    opened_at = serializers.DateField()
    deadline = serializers.DateField()
    closed = serializers.BooleanField()


class AnnounceInput(StrictSerializer):
    message = TextField(max_length=2000)


class AnnounceOutput(serializers.Serializer):
    notified = serializers.IntegerField()


class ImportUploadInput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ImportKind.choices)
    instansi = serializers.IntegerField(
        required=False, allow_null=True, help_text="Kosong: kamus nasional.", min_value=1, max_value=MAX_ID
    )
    file = serializers.FileField(max_length=255, allow_empty_file=False)


class RowOutcomeOutput(serializers.Serializer):
    row = serializers.IntegerField()
    label = serializers.CharField(allow_blank=True)  # type: ignore[assignment]  # DRF pops declared fields
    outcome = serializers.ChoiceField(choices=["new", "changed", "unchanged", "error"])
    outcome_label = serializers.CharField()
    notes = serializers.ListField(child=serializers.CharField())


class CountsOutput(serializers.Serializer):
    new = serializers.IntegerField()
    changed = serializers.IntegerField()
    unchanged = serializers.IntegerField()
    error = serializers.IntegerField()


class ImportOutput(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    filename = serializers.CharField()
    instansi = serializers.IntegerField(allow_null=True)
    committed_at = serializers.DateTimeField(allow_null=True)
    ok = serializers.BooleanField()
    committed = serializers.BooleanField()
    summary = serializers.CharField()
    counts = CountsOutput()
    problems = serializers.ListField(child=serializers.CharField())
    rows = RowOutcomeOutput(many=True)


class CoverageOutput(serializers.Serializer):
    positions = serializers.IntegerField()
    approved = serializers.IntegerField()
    enacted = serializers.IntegerField()
    approved_percent = serializers.FloatField()
    enacted_percent = serializers.FloatField()
    bezetting = serializers.IntegerField()
    kebutuhan = serializers.IntegerField()


class PetaNodeOutput(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    sub_unit = serializers.CharField(allow_blank=True)
    kind = serializers.CharField()
    kind_label = serializers.CharField()
    bezetting = serializers.IntegerField()
    kebutuhan = serializers.IntegerField()
    state = serializers.CharField(allow_blank=True)
    state_label = serializers.CharField()
    approved = serializers.BooleanField()
    enacted = serializers.BooleanField()
    children = serializers.ListField(
        child=serializers.DictField(), help_text="Jabatan bawahan, bentuk yang sama."
    )


class PetaOpdOutput(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    active = serializers.BooleanField()
    coverage = CoverageOutput()
    positions = PetaNodeOutput(many=True, required=False)


class PetaOutput(serializers.Serializer):
    instansi = serializers.CharField()
    coverage = CoverageOutput()
    opds = PetaOpdOutput(many=True)


class PetaQuery(serializers.Serializer):
    instansi = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID)
    opd = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID)
