"""Read-only accounts of other systems: create one, issue it a token, deactivate it.

One function per action, each one transaction, in the style of workflow/setup. Bagian Organisasi
creates accounts for its own instansi; only the administrator may create a nationwide one. The
account is a User without a usable password (it can never log in to the pages or take a token with
a password) holding `Role.INTEGRATION`, which no actor of the workflow holds: it reads what its
scope reads (workflow/scoping.py) and can fire nothing.
"""

from __future__ import annotations

import logging
import secrets
from typing import TYPE_CHECKING

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from integrations.models import ServiceAccount
from integrations.tokens import IssuedToken, token_issue, tokens_revoke_all
from submissions.models import Role, RoleAssignment
from workflow.errors import Conflict, InvalidContent, NotFound, NotPermitted
from workflow.setup.administration import (
    administered_instansi_ids,
    administers_anything,
    instansi_to_administer,
)

if TYPE_CHECKING:
    from workflow.roles import AnyUser

logger = logging.getLogger("security")

NAME_MAX = 150
REASON_MAX = 2000


def service_accounts_for(actor: AnyUser) -> QuerySet[ServiceAccount]:
    """The accounts an actor manages: the administrator all, Bagian Organisasi his instansi's."""
    _require_manager(actor)
    accounts = ServiceAccount.objects.select_related("user", "instansi", "created_by")
    ids = administered_instansi_ids(actor)
    return accounts if ids is None else accounts.filter(instansi_id__in=ids)


def service_account_create(
    *, actor: AnyUser, name: str, reason: str, instansi_id: int | None
) -> ServiceAccount:
    with transaction.atomic(durable=True):
        creator = _require_manager(actor)
        if instansi_id is None:
            if administered_instansi_ids(actor) is not None:
                raise NotPermitted("Hanya administrator yang dapat membuat akun integrasi nasional.")
            instansi = None
        else:
            instansi = instansi_to_administer(actor, instansi_id)
        name, reason = " ".join((name or "").split()), (reason or "").strip()
        _check(name, reason)
        user = User(username=f"integrasi.{secrets.token_hex(6)}", first_name=name[:NAME_MAX])
        user.set_unusable_password()
        user.save()
        RoleAssignment.objects.create(user=user, role=Role.INTEGRATION, instansi=instansi)
        account = ServiceAccount.objects.create(
            user=user, name=name, instansi=instansi, reason=reason, created_by=creator
        )
        _audit("service_account_created", actor, account)
        return account


def service_account_issue_token(*, actor: AnyUser, account_id: int, name: str = "") -> IssuedToken:
    with transaction.atomic(durable=True):
        account = _locked(actor, account_id)
        if not account.is_active:
            raise Conflict("Akun integrasi ini sudah dinonaktifkan.", code="account_inactive")
        issued = token_issue(user=account.user, name=name or account.name)
        _audit("service_account_token_issued", actor, account, token_id=issued.label.pk)
        return issued


def service_account_deactivate(*, actor: AnyUser, account_id: int) -> ServiceAccount:
    """Deactivate the account: its user, its role (ended today) and every token, at once."""
    with transaction.atomic(durable=True):
        account = _locked(actor, account_id)
        if not account.is_active:
            raise Conflict("Akun integrasi ini sudah dinonaktifkan.", code="already_deactivated")
        now = timezone.now()
        account.user.is_active = False
        account.user.save(update_fields=["is_active"])
        for assignment in RoleAssignment.objects.filter(user=account.user, valid_until__isnull=True):
            assignment.valid_until = timezone.localdate(now)
            assignment.save(update_fields=["valid_until"])
        tokens_revoke_all(account.user)
        account.deactivated_at, account.deactivated_by = now, _require_manager(actor)
        account.save(update_fields=["deactivated_at", "deactivated_by"])
        _audit("service_account_deactivated", actor, account)
        return account


def _require_manager(actor: AnyUser) -> User:
    if not isinstance(actor, User) or not administers_anything(actor):
        raise NotPermitted("Hanya Bagian Organisasi atau administrator yang mengelola akun integrasi.")
    return actor


def _locked(actor: AnyUser, account_id: int) -> ServiceAccount:
    account = service_accounts_for(actor).select_for_update(of=("self",)).filter(pk=account_id).first()
    if account is None:
        raise NotFound("Akun integrasi tidak ditemukan.")
    return account


def _check(name: str, reason: str) -> None:
    errors = []
    if not name or len(name) > NAME_MAX:
        message = f"Nama sistem wajib diisi, paling panjang {NAME_MAX} karakter."
        errors.append({"code": "name_invalid", "message": message, "field": "name"})
    if not reason or len(reason) > REASON_MAX:
        message = f"Tuliskan keperluan akun ini (paling panjang {REASON_MAX} karakter)."
        errors.append({"code": "reason_required", "message": message, "field": "reason"})
    if errors:
        raise InvalidContent("Data akun integrasi belum benar.", errors=errors)


def _audit(event: str, actor: AnyUser, account: ServiceAccount, **fields: object) -> None:
    # Who did what to which account: the security log, beside logins and refusals.
    logger.info(
        event,
        extra={
            "fields": {
                "username": actor.get_username(),
                "account": account.user.username,
                "account_id": account.pk,
                "instansi_id": account.instansi_id,
                **fields,
            }
        },
    )
