"""Cached copies of tokens, users and role assignments are dropped when the rows change.

Signals only log elsewhere in the project; these only forget cache entries, so that every path
that changes a user or a role (services, imports, the admin, a shell) is covered at once.
QuerySet.update() and the bulk methods send no signal: the project changes these rows with save()
and delete(), and a bulk write of them (the people import) sends `users_written_in_bulk`.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from knox.models import AuthToken

from integrations.auth_cache import forget_token, forget_user
from submissions.models import RoleAssignment
from submissions.signals import users_written_in_bulk


@receiver(post_save, sender=User, dispatch_uid="integrations.user_saved")
@receiver(post_delete, sender=User, dispatch_uid="integrations.user_deleted")
def _user_changed(sender: Any, instance: User, **kwargs: Any) -> None:
    forget_user(instance.pk)


@receiver(post_save, sender=RoleAssignment, dispatch_uid="integrations.role_saved")
@receiver(post_delete, sender=RoleAssignment, dispatch_uid="integrations.role_deleted")
def _role_changed(sender: Any, instance: RoleAssignment, **kwargs: Any) -> None:
    forget_user(instance.user_id)


@receiver(users_written_in_bulk, dispatch_uid="integrations.users_written_in_bulk")
def _users_written_in_bulk(sender: Any, user_ids: list[int], **kwargs: Any) -> None:
    for user_id in user_ids:
        forget_user(user_id)


@receiver(post_delete, sender=AuthToken, dispatch_uid="integrations.token_deleted")
def _token_deleted(sender: Any, instance: AuthToken, **kwargs: Any) -> None:
    forget_token(instance.digest)
