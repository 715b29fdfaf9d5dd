"""API routes: `v1/...`, the OpenAPI schema and its interactive docs (local assets)."""

from __future__ import annotations

from typing import Any

from django.urls import include, path, re_path, register_converter
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.decorators import api_view, authentication_classes, permission_classes, throttle_classes
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny
from rest_framework.request import Request

from api.converters import IdConverter
from api.views import (
    accounts,
    comments,
    decrees,
    events,
    exports,
    integrations,
    packages,
    positions,
    reference,
    setup,
    submissions,
    workflow,
)
from api.views import notifications as inbox

register_converter(IdConverter, "id")

app_name = "api"

v1 = [
    path("auth/token/", accounts.TokenView.as_view(), name="token"),
    path("auth/tokens/", accounts.TokenListView.as_view(), name="tokens"),
    path("auth/tokens/<id:pk>/", accounts.TokenDetailView.as_view(), name="token-detail"),
    path("me/", accounts.MeView.as_view(), name="me"),
    path("integrations/accounts/", integrations.ServiceAccountListView.as_view(), name="service-accounts"),
    path(
        "integrations/accounts/<id:pk>/",
        integrations.ServiceAccountDetailView.as_view(),
        name="service-account",
    ),
    path(
        "integrations/accounts/<id:pk>/tokens/",
        integrations.ServiceAccountTokenView.as_view(),
        name="service-account-tokens",
    ),
    path("opds/", setup.OPDListCreateView.as_view(), name="opds"),
    path("opds/<id:pk>/", setup.OPDDetailView.as_view(), name="opd"),
    path("peta-jabatan/", setup.PetaJabatanView.as_view(), name="peta-jabatan"),
    path("invitations/", setup.InvitationView.as_view(), name="invitations"),
    path("role-assignments/", setup.RoleAssignmentListView.as_view(), name="role-assignments"),
    path("role-assignments/<id:pk>/end/", setup.RoleEndView.as_view(), name="role-assignment-end"),
    path("drafting-rounds/", setup.RoundListView.as_view(), name="drafting-rounds"),
    path(
        "drafting-rounds/<id:pk>/announce/", setup.RoundAnnounceView.as_view(), name="drafting-round-announce"
    ),
    path("imports/", setup.ImportUploadView.as_view(), name="imports"),
    path("imports/<id:pk>/", setup.ImportDetailView.as_view(), name="import"),
    path("imports/<id:pk>/commit/", setup.ImportCommitView.as_view(), name="import-commit"),
    path("competencies/", reference.CompetencyListView.as_view(), name="competencies"),
    path("reason-codes/", reference.ReasonCodeListView.as_view(), name="reason-codes"),
    path("positions/", positions.PositionListView.as_view(), name="positions"),
    path("positions/<id:pk>/", positions.PositionDetailView.as_view(), name="position"),
    path("submissions/", submissions.SubmissionListView.as_view(), name="submissions"),
    path("submissions/<id:pk>/", submissions.SubmissionDetailView.as_view(), name="submission"),
    path("submissions/<id:pk>/status/", workflow.StatusView.as_view(), name="submission-status"),
    path(
        "submissions/<id:pk>/transitions/", workflow.TransitionView.as_view(), name="submission-transitions"
    ),
    path("submissions/<id:pk>/history/", workflow.HistoryView.as_view(), name="submission-history"),
    path("submissions/<id:pk>/snapshots/", workflow.SnapshotsView.as_view(), name="submission-snapshots"),
    path("submissions/<id:pk>/diff/", workflow.DiffView.as_view(), name="submission-diff"),
    path("submissions/<id:pk>/export.docx", workflow.ExportView.as_view(), name="submission-export"),
    path("submissions/<id:pk>/comments/", comments.CommentListView.as_view(), name="submission-comments"),
    path(
        "submissions/<id:pk>/comments/<id:cid>/resolve/",
        comments.CommentResolveView.as_view(),
        name="submission-comment-resolve",
    ),
    path("submissions/<id:pk>/export.pdf", workflow.PdfExportView.as_view(), name="submission-export-pdf"),
    path("exports/", exports.ExportListView.as_view(), name="exports"),
    path("exports/<id:pk>/", exports.ExportDetailView.as_view(), name="export"),
    path("exports/<id:pk>/download/", exports.ExportDownloadView.as_view(), name="export-download"),
    path("packages/", packages.PackageListView.as_view(), name="packages"),
    path("packages/<id:pk>/", packages.PackageDetailView.as_view(), name="package"),
    path("packages/<id:pk>/send/", packages.PackageSendView.as_view(), name="package-send"),
    path("packages/<id:pk>/answers/", packages.PackageAnswerView.as_view(), name="package-answers"),
    path("decrees/", decrees.DecreeListView.as_view(), name="decrees"),
    path("decrees/<id:pk>/", decrees.DecreeDetailView.as_view(), name="decree"),
    path("effective-standards/", decrees.EffectiveStandardListView.as_view(), name="effective-standards"),
    path("letters/<id:pk>/", decrees.LetterView.as_view(), name="letter"),
    path("events/", events.EventFeedView.as_view(), name="events"),
    path("webhooks/", events.WebhookListView.as_view(), name="webhooks"),
    path("webhooks/<id:pk>/", events.WebhookDetailView.as_view(), name="webhook"),
    path("webhooks/<id:pk>/deliveries/", events.WebhookDeliveryListView.as_view(), name="webhook-deliveries"),
    path("notifications/", inbox.NotificationListView.as_view(), name="notifications"),
    path("notifications/<id:pk>/read/", inbox.NotificationReadView.as_view(), name="notification-read"),
]


@extend_schema(exclude=True)
@api_view(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"])
@authentication_classes([])
@permission_classes([AllowAny])
@throttle_classes([])
def not_found(request: Request, *args: Any, **kwargs: Any) -> Any:
    """Unknown addresses under /api/ answer 404 in the error shape, not Django's HTML page."""
    raise NotFound()


urlpatterns = [
    path("v1/", include(v1)),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    re_path(r"^.*$", not_found, name="not-found"),
]
