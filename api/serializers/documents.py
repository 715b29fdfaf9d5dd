"""The document JSON of DESIGN.md section 6, its list form, and the PATCH input."""

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
from submissions.header import frozen_header
from submissions.models import CompetencyGroup, FunctionalRank, Importance, PositionKind, RequirementSection
from workflow.content import MAX_INDICATORS, MAX_NAME, MAX_ROWS, MAX_TEXT
from workflow.machine import State
from workflow.selectors import is_overdue


class DocumentPositionSerializer(serializers.Serializer):
    """The document's position; an approved or superseded version shows its captured header."""

    id = serializers.IntegerField(source="position.id")
    name = serializers.SerializerMethodField()
    kind = serializers.SerializerMethodField()
    rank = serializers.SerializerMethodField()
    opd = RefSerializer(source="position.opd")

    def get_name(self, submission: Any) -> str:
        frozen = frozen_header(submission)
        return frozen.position_name if frozen else str(submission.position.name)

    @extend_schema_field(serializers.ChoiceField(choices=PositionKind.choices))
    def get_kind(self, submission: Any) -> str:
        frozen = frozen_header(submission)
        return frozen.kind if frozen else str(submission.position.kind)

    @extend_schema_field(serializers.ChoiceField(choices=FunctionalRank.choices, allow_null=True))
    def get_rank(self, submission: Any) -> str | None:
        frozen = frozen_header(submission)
        return (frozen.rank if frozen else submission.position.rank) or None


class CompetencyRowSerializer(serializers.Serializer):
    group = serializers.ChoiceField(choices=CompetencyGroup.choices)
    code = serializers.SerializerMethodField()
    name = serializers.CharField()
    level = serializers.IntegerField(min_value=1, max_value=5)
    description = serializers.CharField(allow_blank=True)
    indicators = serializers.ListField(child=serializers.CharField())

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_code(self, row: Any) -> str | None:
        return row.code or None


class RequirementRowSerializer(serializers.Serializer):
    section = serializers.ChoiceField(choices=RequirementSection.choices)
    text = serializers.CharField(allow_blank=True)
    importance = serializers.ChoiceField(choices=Importance.choices)


class SubmissionStatusFields(serializers.Serializer):
    id = serializers.IntegerField()
    version = serializers.IntegerField()
    round = serializers.IntegerField()
    state = serializers.ChoiceField(choices=State.choices)
    state_label = serializers.CharField(source="get_state_display")
    due_at = serializers.DateTimeField(allow_null=True)
    overdue = serializers.SerializerMethodField()
    updated_at = serializers.DateTimeField()

    def get_overdue(self, submission: Any) -> bool:
        return is_overdue(submission)


class SubmissionListSerializer(SubmissionStatusFields):
    """A row of the submissions list: the document without its content."""

    position = DocumentPositionSerializer(source="*")


class DocumentSerializer(SubmissionListSerializer):
    summary = serializers.CharField(allow_blank=True)
    competencies = CompetencyRowSerializer(many=True, source="competency_rows.all")
    requirements = RequirementRowSerializer(many=True, source="requirement_rows.all")


DOCUMENT_FIELDS = tuple(DocumentSerializer().fields)


class CompetencyRowInput(StrictSerializer):
    group = serializers.ChoiceField(choices=CompetencyGroup.choices)
    code = TextField(max_length=30, allow_null=True)
    name = TextField(max_length=MAX_NAME)
    level = StrictIntegerField(min_value=1, max_value=5)
    description = TextField(max_length=MAX_TEXT)
    indicators = serializers.ListField(
        child=StrictCharField(max_length=2_000, allow_blank=True),
        max_length=MAX_INDICATORS,
        required=False,
    )


class RequirementRowInput(StrictSerializer):
    section = serializers.ChoiceField(choices=RequirementSection.choices)
    text = TextField(max_length=MAX_TEXT, required=True)
    importance = serializers.ChoiceField(choices=Importance.choices)


class DocumentPatchSerializer(StrictSerializer):
    """The writable parts; a list given replaces the whole list."""

    read_only_names = tuple(
        name for name in DOCUMENT_FIELDS if name not in ("summary", "competencies", "requirements")
    )
    summary = TextField(max_length=MAX_TEXT)
    competencies = serializers.ListField(child=CompetencyRowInput(), max_length=MAX_ROWS, required=False)
    requirements = serializers.ListField(child=RequirementRowInput(), max_length=MAX_ROWS, required=False)


class SubmissionCreateSerializer(StrictSerializer):
    position = StrictIntegerField(min_value=1, max_value=2**53 - 1)
