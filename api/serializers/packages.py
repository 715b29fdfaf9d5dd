"""Consultation packages, the ministry's answers, decrees and the effective standards (issue 11)."""

from __future__ import annotations

import json
from typing import Any

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.serializers.common import RefSerializer, StrictSerializer, TextField
from submissions.header import header_of
from submissions.models import FunctionalRank, PositionKind
from workflow.decrees.models import DecreeKind, HeadOfRegion
from workflow.letters import LETTER_NUMBER_MAX
from workflow.machine import State
from workflow.packages.models import Outcome, PackageStatus
from workflow.packages.selectors import status_of
from workflow.packages.services import NOTES_MAX, POSITION_CODE_MAX, TITLE_MAX

MAX_ITEMS = 500


class LetterSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField(source="original_name")
    size = serializers.IntegerField()
    url = serializers.SerializerMethodField()

    def get_url(self, letter: Any) -> str:
        request = self.context.get("request")
        path = reverse("api:letter", args=[letter.pk])
        return request.build_absolute_uri(path) if request else path


class PackageItemSerializer(serializers.Serializer):
    submission = serializers.IntegerField(source="submission_id")
    position = serializers.CharField(source="submission.position.name")
    opd = RefSerializer(source="submission.position.opd")
    version = serializers.IntegerField(source="submission.version")
    state = serializers.ChoiceField(choices=State.choices, source="submission.state")
    outcome = serializers.ChoiceField(choices=Outcome.choices)
    position_code = serializers.CharField()
    reason_code = serializers.CharField()
    notes = serializers.CharField()
    answer = serializers.IntegerField(source="answer_id", allow_null=True)


class AnswerSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    letter_number = serializers.CharField()
    letter_date = serializers.DateField()
    letter = LetterSerializer(allow_null=True)
    recorded_by = serializers.CharField(source="recorded_by.username")
    recorded_at = serializers.DateTimeField()


class PackageSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    instansi = RefSerializer()
    status = serializers.SerializerMethodField()
    status_label = serializers.SerializerMethodField()
    item_count = serializers.IntegerField(source="item_total")
    agreed_count = serializers.IntegerField(source="agreed_total")
    returned_count = serializers.IntegerField(source="returned_total")
    created_at = serializers.DateTimeField()
    sent_at = serializers.DateTimeField(allow_null=True)
    due_at = serializers.DateTimeField(allow_null=True)
    cover_letter_number = serializers.CharField()
    cover_letter_date = serializers.DateField(allow_null=True)
    cover_letter = LetterSerializer(allow_null=True)

    @extend_schema_field(serializers.ChoiceField(choices=PackageStatus.choices))
    def get_status(self, package: Any) -> str:
        return str(status_of(package).value)

    def get_status_label(self, package: Any) -> str:
        return str(status_of(package).label)


class PackageDetailSerializer(PackageSerializer):
    items = PackageItemSerializer(many=True, source="listed_items")
    answers = AnswerSerializer(many=True, source="listed_answers")


class IdList(serializers.ListField):
    def __init__(self, **kwargs: Any):
        kwargs.setdefault("child", serializers.IntegerField(min_value=1, max_value=2**31 - 1))
        kwargs.setdefault("max_length", MAX_ITEMS)
        super().__init__(**kwargs)


class PackageCreateInput(StrictSerializer):
    title = TextField(max_length=TITLE_MAX, required=True, allow_blank=False)
    instansi = serializers.IntegerField(min_value=1, max_value=2**31 - 1, required=False)
    submissions = IdList(required=False)


class PackageQuery(serializers.Serializer):
    """The list's filters (other query parameters, such as the page, are the paginator's)."""

    status = serializers.ChoiceField(choices=PackageStatus.choices, required=False)
    instansi = serializers.IntegerField(min_value=1, max_value=2**31 - 1, required=False)


class PackageUpdateInput(StrictSerializer):
    title = TextField(max_length=TITLE_MAX, allow_blank=False)
    submissions = IdList(
        required=False, help_text="Seluruh isi paket (mengganti). / The whole list (replaces)."
    )
    add = IdList(required=False)
    remove = IdList(required=False)


class LetterInput(StrictSerializer):
    letter_number = TextField(max_length=LETTER_NUMBER_MAX, required=True, allow_blank=False)
    letter_date = serializers.DateField()
    letter_file = serializers.FileField(
        required=False, help_text="PDF, paling besar 10 MB. / PDF, at most 10 MB."
    )


class ItemAnswerInput(StrictSerializer):
    submission = serializers.IntegerField(min_value=1, max_value=2**31 - 1)
    outcome = serializers.ChoiceField(choices=[Outcome.AGREED, Outcome.RETURNED])
    position_code = TextField(max_length=POSITION_CODE_MAX)
    reason_code = TextField(max_length=40)
    notes = TextField(max_length=NOTES_MAX)


class JsonList(serializers.ListField):
    """A list, given as JSON or (in a multipart form, beside the letter's file) as a JSON string."""

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, str):
            try:
                data = json.loads(data)
            except ValueError:
                self.fail("not_a_list", input_type="text")
        return super().to_internal_value(data)


class AnswerInput(LetterInput):
    items = JsonList(child=ItemAnswerInput(), min_length=1, max_length=MAX_ITEMS)


class DecreeInputSerializer(StrictSerializer):
    instansi = serializers.IntegerField(min_value=1, max_value=2**31 - 1, required=False)
    kind = serializers.ChoiceField(choices=DecreeKind.choices)
    head = serializers.ChoiceField(choices=HeadOfRegion.choices)
    number = TextField(max_length=LETTER_NUMBER_MAX, required=True, allow_blank=False)
    date = serializers.DateField()
    title = TextField(max_length=500, required=True, allow_blank=False)
    signatory_name = TextField(max_length=200)
    signatory_office = TextField(max_length=200)
    submissions = JsonList(
        child=serializers.IntegerField(min_value=1, max_value=2**31 - 1), required=False, max_length=MAX_ITEMS
    )
    package = serializers.IntegerField(
        min_value=1,
        max_value=2**31 - 1,
        required=False,
        help_text="Semua dokumen paket yang disetujui. / All agreed items of a package.",
    )
    opd = serializers.IntegerField(
        min_value=1,
        max_value=2**31 - 1,
        required=False,
        help_text="Semua yang disetujui dari OPD ini. / All approved of this OPD.",
    )
    letter_file = serializers.FileField(required=False)


class DecreeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    instansi = RefSerializer()
    kind = serializers.ChoiceField(choices=DecreeKind.choices)
    head = serializers.ChoiceField(choices=HeadOfRegion.choices)
    label = serializers.CharField()  # type: ignore[assignment]  # a field named like DRF's own attribute
    number = serializers.CharField()
    date = serializers.DateField()
    title = serializers.CharField()
    signatory_name = serializers.CharField()
    signatory_office = serializers.CharField()
    letter = LetterSerializer(allow_null=True)
    submissions = serializers.SerializerMethodField()

    def get_submissions(self, decree: Any) -> list[int]:
        return [enactment.submission_id for enactment in decree.enactments.all()]


class DecreeRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=DecreeKind.choices)
    head = serializers.ChoiceField(choices=HeadOfRegion.choices)
    number = serializers.CharField()
    date = serializers.DateField()
    title = serializers.CharField()


class EffectiveStandardSerializer(serializers.Serializer):
    """A position's version in force, with what its header captured at approval."""

    submission = serializers.IntegerField(source="pk")
    version = serializers.IntegerField()
    approved_at = serializers.DateTimeField(allow_null=True)
    position = serializers.SerializerMethodField()
    opd = RefSerializer(source="position.opd")
    instansi = RefSerializer(source="position.opd.instansi")
    decree = serializers.SerializerMethodField()

    @extend_schema_field(
        {
            "type": "object",
            "properties": {
                "id": {"type": "integer"},
                "name": {"type": "string"},
                "kind": {"type": "string", "enum": PositionKind.values},
                "rank": {"type": "string", "enum": FunctionalRank.values, "nullable": True},
                "code": {"type": "string"},
                "urusan": {"type": "array", "items": {"type": "string"}},
                "sub_unit": {"type": "string"},
            },
            "required": ["id", "name", "kind", "rank", "code", "urusan", "sub_unit"],
        }
    )
    def get_position(self, submission: Any) -> dict[str, Any]:
        header = header_of(submission)
        return {
            "id": submission.position_id,
            "name": header.position_name,
            "kind": header.kind,
            "rank": header.rank or None,
            "code": header.code,
            "urusan": list(header.urusan),
            "sub_unit": header.sub_unit,
        }

    @extend_schema_field(DecreeRefSerializer(allow_null=True))
    def get_decree(self, submission: Any) -> dict[str, Any] | None:
        enactment = getattr(submission, "enactment", None)
        return DecreeRefSerializer(enactment.decree).data if enactment else None
