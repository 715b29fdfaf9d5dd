"""ETag and If-Match for documents.

The ETag is `"<id>-<content_revision>-<state>"` (strong). If-Match is optional; when sent it must be
`*` or exactly one such tag: a malformed or weak tag answers 400 `invalid_if_match`, a tag of another
state or document answers 412 `stale`, and the revision is checked by the service under the row lock.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rest_framework import status

from api.errors import ApiError

if TYPE_CHECKING:
    from submissions.models import Submission

_TAG = re.compile(r'^"([0-9]{1,16})-([0-9]{1,9})-([a-z_]{1,40})"$')
STALE_MESSAGE = "Dokumen telah berubah sejak Anda memuatnya; muat ulang lalu ulangi perubahan."


@dataclass(frozen=True)
class EntityTag:
    submission_id: int
    revision: int
    state: str


def etag_of(submission: Submission) -> str:
    return f'"{submission.pk}-{submission.content_revision}-{submission.state}"'


def parse_if_match(header: str | None) -> EntityTag | None:
    """None when absent or `*` (no precondition); raises 400 when malformed."""
    if header is None or header.strip() == "*":
        return None
    match = _TAG.match(header.strip())
    if match is None:
        raise ApiError(
            'Header If-Match tidak valid; kirim ulang nilai ETag persis seperti diterima, mis. "12-3-draft".',
            code="invalid_if_match",
            status_code=status.HTTP_400_BAD_REQUEST,
            field="If-Match",
        )
    return EntityTag(int(match[1]), int(match[2]), match[3])


def expected_revision(tag: EntityTag | None, submission: Submission) -> int | None:
    """The revision the service must find, after checking what can be checked without the lock."""
    if tag is None:
        return None
    if tag.submission_id != submission.pk or tag.state != submission.state:
        raise ApiError(STALE_MESSAGE, code="stale", status_code=status.HTTP_412_PRECONDITION_FAILED)
    return tag.revision
