"""Status, transitions, history, snapshots and diff of a document."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.serializers.common import StrictSerializer, TextField
from api.serializers.documents import SubmissionStatusFields
from workflow.deadlines import is_overdue
from workflow.diff import ChangeKind
from workflow.inputs import INPUT_RULES
from workflow.machine import USER_TRANSITIONS, Input, State, user_steps
from workflow.selectors import allowed_transitions
from workflow.status import StatusSource, steps_allowed

if TYPE_CHECKING:
    from workflow.roles import AnyUser

UNKNOWN_TRANSITION = "Tindakan tidak dikenal. Pilihan: " + ", ".join(USER_TRANSITIONS) + "."


class AllowedTransitionSerializer(serializers.Serializer):
    name = serializers.ChoiceField(choices=list(USER_TRANSITIONS))
    # The ignore: a field named `label` shadows Field.label (str | None) in the DRF stubs.
    label = serializers.CharField()  # type: ignore[assignment]
    requires = serializers.ListField(child=serializers.CharField())


class StatusSerializer(SubmissionStatusFields):
    """Cheap: reads the document row, its position and OPD; never its content rows."""

    allowed_transitions = serializers.SerializerMethodField()

    @extend_schema_field(AllowedTransitionSerializer(many=True))
    def get_allowed_transitions(self, submission: Any) -> list[dict[str, Any]]:
        user = self.context["request"].user
        return [
            {"name": option.name, "label": option.label, "requires": option.requires}
            for option in allowed_transitions(submission, user, check_content=False)
        ]


_TIME = serializers.DateTimeField()
_STATE_LABELS = {state.value: str(state.label) for state in State}
# Each step's entry in `allowed_transitions`, built once: the labels and inputs never change.
_OPTIONS = {
    step.name: {"name": step.name, "label": str(step.label), "requires": [str(n) for n in step.requires]}
    for step in user_steps()
}


def status_body(document: StatusSource, user: AnyUser) -> dict[str, Any]:
    """What StatusSerializer describes, as a plain dict: the status check is polled, so no field
    objects are built per request. tests/api/test_status.py holds the two to the same output."""
    return {
        "id": document.pk,
        "version": document.version,
        "round": document.round,
        "state": document.state,
        "state_label": _STATE_LABELS[document.state],
        "due_at": None if document.due_at is None else _TIME.to_representation(document.due_at),
        "overdue": is_overdue(document, timezone.now()),
        "updated_at": _TIME.to_representation(document.updated_at),
        "allowed_transitions": [_option(step.name) for step in steps_allowed(document, user)],
    }


def _option(name: str) -> dict[str, Any]:
    option = _OPTIONS[name]
    return {**option, "requires": list(option["requires"])}


class TransitionNameField(serializers.ChoiceField):
    def __init__(self, **kwargs: Any):
        super().__init__(choices=list(USER_TRANSITIONS), **kwargs)

    def to_internal_value(self, data: Any) -> str:
        if data not in USER_TRANSITIONS:
            raise serializers.ValidationError(UNKNOWN_TRANSITION, code="unknown_transition")
        return str(data)


def _text_input(name: Input) -> TextField:
    limit = INPUT_RULES[name].max_length
    assert limit is not None, f"{name} is not a text input"
    return TextField(max_length=limit)


class TransitionInput(StrictSerializer):
    name = TransitionNameField()
    comment = _text_input(Input.COMMENT)
    reason_code = _text_input(Input.REASON_CODE)
    letter_number = _text_input(Input.LETTER_NUMBER)
    letter_date = serializers.DateField(required=False, allow_null=True)


class HistoryEntrySerializer(serializers.Serializer):
    transition = serializers.CharField()
    from_state = serializers.SerializerMethodField()
    to_state = serializers.ChoiceField(choices=State.choices)
    actor = serializers.SerializerMethodField()
    acting_for = serializers.CharField(allow_blank=True)
    comment = serializers.CharField(allow_blank=True)
    reason_code = serializers.CharField(allow_blank=True)
    letter_number = serializers.CharField(allow_blank=True)
    letter_date = serializers.DateField(allow_null=True)
    round = serializers.IntegerField()
    at = serializers.DateTimeField()
    package = serializers.IntegerField(
        source="package_id", allow_null=True, help_text="Paket konsultasi, bila ada. / Package, if any."
    )
    decree = serializers.IntegerField(
        source="decree_id", allow_null=True, help_text="Keputusan penetapan (`enact`). / Enacting decree."
    )

    @extend_schema_field(serializers.ChoiceField(choices=State.choices, allow_null=True))
    def get_from_state(self, entry: Any) -> str | None:
        return entry.from_state or None  # a document's creation has no previous state

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_actor(self, entry: Any) -> str | None:
        return entry.actor.username if entry.actor else None


class SnapshotSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    round = serializers.IntegerField()
    taken_at = serializers.DateTimeField()
    transition = serializers.SerializerMethodField()
    content = serializers.JSONField(
        help_text="Isi dokumen saat meninggalkan draf. / Content when it left draft."
    )

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_transition(self, snapshot: Any) -> str | None:
        return snapshot.log_entry.transition if snapshot.log_entry else None


class DiffQuery(StrictSerializer):
    from_ = serializers.IntegerField(min_value=1, max_value=2**53 - 1)
    to = serializers.IntegerField(min_value=1, max_value=2**53 - 1, required=False)

    def to_internal_value(self, data: Any) -> Any:
        data = {("from_" if key == "from" else key): value for key, value in data.items()}
        return super().to_internal_value(data)


class ChangeSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=[kind.value for kind in ChangeKind])
    group = serializers.CharField()
    # The ignore: a field named `label` shadows Field.label (str | None) in the DRF stubs.
    label = serializers.CharField(allow_blank=True)  # type: ignore[assignment]
    old = serializers.JSONField(allow_null=True)
    new = serializers.JSONField(allow_null=True)
    message = serializers.CharField()


class DiffSerializer(serializers.Serializer):
    from_snapshot = serializers.IntegerField()
    to_snapshot = serializers.IntegerField(
        allow_null=True, help_text="null: isi saat ini. / null: current content."
    )
    changes = ChangeSerializer(many=True)
