"""The signature every delivery carries, and how a receiver checks it.

`X-Alur-Signature: sha256=<hex HMAC-SHA256(secret, f"{timestamp}.{body}")>`, where timestamp is
the `X-Alur-Timestamp` header (Unix seconds) and body the exact bytes received. Signing the
timestamp with the body lets a receiver refuse an old delivery replayed later.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

SIGNATURE_HEADER = "X-Alur-Signature"
TIMESTAMP_HEADER = "X-Alur-Timestamp"
DELIVERY_HEADER = "X-Alur-Delivery"
EVENT_HEADER = "X-Alur-Event"
SECRET_MIN_LENGTH = 16
SECRET_MAX_LENGTH = 200


def new_secret() -> str:
    return secrets.token_urlsafe(32)


def signature(secret: str, timestamp: str, body: bytes) -> str:
    message = timestamp.encode() + b"." + body
    return "sha256=" + hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def verify(secret: str, timestamp: str, body: bytes, header: str) -> bool:
    """What a receiver does (in constant time): the header matches the secret, timestamp and body."""
    return hmac.compare_digest(signature(secret, timestamp, body), header or "")
