"""The login form, with the username's length actually enforced."""

from __future__ import annotations

from typing import Any

from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

USERNAME_REQUIRED = _("Isi nama pengguna.")
USERNAME_TOO_LONG = _("Nama pengguna terlalu panjang (paling banyak %(limit_value)d karakter).")


class _BoundedUsername:
    """Django's form only sets the field's max_length after creating it, so no validator checks
    it and an over-long name reached the lockout records (a 500)."""

    fields: dict[str, Any]

    def _bound_username(self) -> None:
        field = self.fields["username"]
        field.error_messages["required"] = USERNAME_REQUIRED
        field.validators.append(MaxLengthValidator(field.max_length or 150, message=USERNAME_TOO_LONG))


class LoginForm(_BoundedUsername, AuthenticationForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._bound_username()


class AdminLoginForm(_BoundedUsername, AdminAuthenticationForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._bound_username()
