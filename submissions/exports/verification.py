"""Printed copies anyone can verify: a short code, a QR code to the public page, a digest of the content.

The code is random (not derived from ids), so codes cannot be walked through to list standards; it
is issued once per approved version and printed on every copy of it. The digest is the SHA-256 of
the enacted content in a canonical JSON form: the public page recomputes it from the stored rows,
so a printout whose digest differs from the page's is not the version in force.
"""

from __future__ import annotations

import hashlib
import io
import json
import secrets
from typing import Any

import segno
from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse

from submissions.exports.content import Verification
from submissions.models import Submission, VerificationCode
from workflow.machine import State

# Crockford's base32 without I, L, O, U: nothing to misread when typed from paper.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 10  # 50 bits: far beyond what a throttled page lets anyone guess
VERIFIABLE_STATES = (State.APPROVED, State.SUPERSEDED)


def new_code() -> str:
    raw = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
    return f"{raw[:5]}-{raw[5:]}"


def normalise(code: str) -> str:
    """What a reader typed ("abcde fghij", "ABCDEFGHIJ") in the printed form "ABCDE-FGHIJ"."""
    raw = "".join(ch for ch in code.upper() if ch.isalnum())
    raw = raw.replace("O", "0").replace("I", "1").replace("L", "1")
    return f"{raw[:5]}-{raw[5:]}" if len(raw) == CODE_LENGTH else raw


def enacted_content(submission: Submission) -> dict[str, Any]:
    """The content a digest covers: who the standard is for, its version, and every row as stored."""
    position = submission.position
    return {
        "position": {
            "name": position.name,
            "opd": position.opd.name,
            "instansi": position.opd.instansi.name,
            "kind": position.kind,
            "rank": position.rank,
        },
        "version": submission.version,
        "summary": submission.summary,
        "competencies": [
            [row.group, row.code, row.name, row.level, row.description, list(row.indicators or [])]
            for row in sorted(submission.competency_rows.all(), key=lambda row: (row.order, row.pk))
        ],
        "requirements": [
            [row.section, row.text, row.importance]
            for row in sorted(submission.requirement_rows.all(), key=lambda row: (row.order, row.pk))
        ],
    }


def content_digest(submission: Submission) -> str:
    canonical = json.dumps(enacted_content(submission), ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(canonical.encode()).hexdigest()


def verification_for(submission: Submission) -> Verification | None:
    """The code printed on this standard (issued on its first export), or None if it is not enacted."""
    if submission.state not in VERIFIABLE_STATES:
        return None
    record = _issued(submission)
    return Verification(code=record.code, url=verification_url(record.code), sha256=record.content_sha256)


def _issued(submission: Submission) -> VerificationCode:
    try:
        return submission.verification  # joined by export_queryset(), otherwise one query
    except VerificationCode.DoesNotExist:
        pass
    digest = content_digest(submission)
    for _ in range(5):
        try:
            # A savepoint: a clash (another export of the same version, or of a code) must not
            # break the caller's transaction.
            with transaction.atomic():
                return VerificationCode.objects.create(
                    submission=submission, code=new_code(), content_sha256=digest
                )
        except IntegrityError:
            existing = VerificationCode.objects.filter(submission=submission).first()
            if existing is not None:
                return existing
    raise RuntimeError("no free verification code after five tries")


def verification_url(code: str) -> str:
    path = reverse("web:verify", args=[code])
    return f"{settings.SITE_URL}{path}"


def qr_png(url: str, scale: int = 4) -> bytes:
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=scale, border=2)
    return buffer.getvalue()


def qr_svg_data_uri(url: str) -> str:
    return segno.make(url, error="m").svg_data_uri(scale=4, border=2)
