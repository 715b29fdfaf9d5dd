"""A service account of another system only reads: every write answers 403, before any view runs.

The workflow would refuse its transitions anyway (it holds no actor's role); this makes the rule
one line for every write the API has or will have (packages, decrees, comments, set-up). A view
meant for these accounts' own writes (e.g. registering a webhook) says so with
`allows_integration_accounts = True`.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request

from workflow.roles import is_integration_account

READ_ONLY = _("Akun integrasi hanya dapat membaca; perubahan dilakukan oleh pengguna instansi.")


class IntegrationAccountsReadOnly(BasePermission):
    message = READ_ONLY
    code = "read_only_account"

    def has_permission(self, request: Request, view: Any) -> bool:
        if request.method in SAFE_METHODS or getattr(view, "allows_integration_accounts", False):
            return True
        return not is_integration_account(request.user)
