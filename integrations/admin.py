from __future__ import annotations

from django.contrib import admin

from integrations.models import ServiceAccount, TokenLabel


@admin.register(ServiceAccount)
class ServiceAccountAdmin(admin.ModelAdmin[ServiceAccount]):
    list_display = ("name", "instansi", "created_by", "created_at", "deactivated_at")
    readonly_fields = ("user", "created_by", "created_at", "deactivated_by", "deactivated_at")


@admin.register(TokenLabel)
class TokenLabelAdmin(admin.ModelAdmin[TokenLabel]):
    """Names and last use; revoking is deleting the knox token (Knox > Auth tokens)."""

    list_display = ("name", "token", "last_used_at")
    readonly_fields = ("token", "last_used_at", "password_stamp")
