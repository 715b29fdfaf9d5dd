"""One-time links to set one's password, for invited users (no model: the link is signed).

The link carries the user's id and a fingerprint of his current password hash, signed with a
timestamp. Setting a password changes the hash, so a used link no longer matches ("already used");
an old one fails the age check ("expired"). Each refusal says which, in Indonesian.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import User
from django.core import signing
from django.urls import reverse
from django.utils.crypto import salted_hmac

SALT = "alur-skj.invitation"
USED = (
    "Tautan undangan ini sudah dipakai untuk membuat kata sandi. Masuk dengan kata sandi Anda, "
    "atau minta undangan baru kepada Bagian Organisasi."
)
EXPIRED = "Tautan undangan ini sudah kedaluwarsa. Mintalah undangan baru kepada Bagian Organisasi."
INVALID = "Tautan undangan ini tidak sah. Periksa kembali alamat yang Anda salin dari email."


def max_age_seconds() -> int:
    return int(settings.INVITATION_MAX_AGE_DAYS) * 24 * 3600


def _fingerprint(user: User) -> str:
    return salted_hmac(SALT, f"{user.pk}:{user.password}:{user.is_active}").hexdigest()[:16]


def invitation_token(user: User) -> str:
    return signing.dumps({"u": user.pk, "f": _fingerprint(user)}, salt=SALT, compress=True)


def invitation_url(user: User) -> str:
    return f"{settings.SITE_URL}{reverse('web:invitation', args=[invitation_token(user)])}"


@dataclass(frozen=True)
class Checked:
    user: User | None
    refusal: str = ""


def check_invitation(token: str) -> Checked:
    """The invited user, or why the link may not be used."""
    try:
        payload = signing.loads(token, salt=SALT, max_age=max_age_seconds())
    except signing.SignatureExpired:
        return Checked(None, EXPIRED)
    except (signing.BadSignature, ValueError, TypeError):
        return Checked(None, INVALID)
    if not isinstance(payload, dict) or not isinstance(payload.get("u"), int):
        return Checked(None, INVALID)
    user = User.objects.filter(pk=payload["u"], is_active=True).first()
    if user is None:
        return Checked(None, INVALID)
    if payload.get("f") != _fingerprint(user):
        return Checked(None, USED)
    return Checked(user)
