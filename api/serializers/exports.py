"""Export jobs: what to build (input) and how far along it is (output)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from rest_framework import serializers

from submissions.models import ExportFormat, ExportJob, ExportKind, Orientation


class ExportInput(serializers.Serializer):
    kind = serializers.ChoiceField(
        choices=ExportKind.choices, help_text="standard, book, recap, decree_book, package_book"
    )
    format = serializers.ChoiceField(choices=ExportFormat.choices, help_text="docx, pdf, xlsx")
    instansi = serializers.IntegerField(required=False, allow_null=True, min_value=1)
    opd = serializers.IntegerField(required=False, allow_null=True, min_value=1)
    submission = serializers.IntegerField(required=False, allow_null=True, min_value=1)
    decree = serializers.IntegerField(required=False, allow_null=True, min_value=1)
    package = serializers.IntegerField(required=False, allow_null=True, min_value=1)
    orientation = serializers.ChoiceField(choices=Orientation.choices, default=Orientation.PORTRAIT)


class ExportJobSerializer(serializers.ModelSerializer):
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    progress = serializers.SerializerMethodField()
    download = serializers.SerializerMethodField()

    class Meta:
        model = ExportJob
        fields = (
            "id",
            "kind",
            "format",
            "orientation",
            "instansi",
            "opd",
            "submission",
            "decree",
            "package",
            "status",
            "status_label",
            "progress",
            "filename",
            "download",
            "error",
            "created_at",
            "finished_at",
            "expires_at",
        )
        read_only_fields = fields

    def get_progress(self, job: ExportJob) -> dict[str, int]:
        return {"done": job.done, "total": job.total, "percent": job.percent}

    def get_download(self, job: ExportJob) -> str | None:
        if job.status != "done":
            return None
        path = reverse("api:export-download", args=[job.pk])
        request: Any = self.context.get("request")
        return request.build_absolute_uri(path) if request is not None else path
