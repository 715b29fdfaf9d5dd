"""Entity tags of a document and its status, and the conditional requests on them (RFC 9110 §13).

The ETag is strong and is a digest of the representation itself (the data the client receives),
so it changes whenever anything in that body changes: content, state, deadline, overdue, labels,
the caller's allowed transitions on the status. The document's tag starts with its id and content
revision, for people reading logs; clients compare it only as a whole.

- `If-None-Match` on GET: `*` or a list of tags; a weakly matching tag answers 304 with no body.
  A malformed header is ignored (the full answer is always correct).
- `If-Match` on PATCH: `*` or a list of tags, compared strongly. A well-formed tag that is not the
  current one answers 412 whatever its inside looks like (a weak tag never matches strongly);
  only a malformed header answers 400 `invalid_if_match`. The service checks the revision again
  under the row lock, after permission, so a caller who may not edit still gets 403 or 409.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from typing import Any

from django.http import HttpResponseNotModified
from rest_framework import status
from rest_framework.utils.encoders import JSONEncoder

from api.errors import ApiError

# RFC 9110 §8.8.3: entity-tag = [ "W/" ] DQUOTE *etagc DQUOTE; etagc = %x21 / %x23-7E / obs-text.
_ENTITY_TAG = re.compile(r'(W/)?"([\x21\x23-\x7e\x80-\xff]*)"')
_OWS = " \t"
# A content revision no document has (they start at 1): the service answers 412 once it has
# checked that the caller may edit at all.
NO_REVISION = 0


@dataclass(frozen=True)
class EntityTag:
    weak: bool
    opaque: str  # with its quotes

    def __str__(self) -> str:
        return f"W/{self.opaque}" if self.weak else self.opaque


class AnyTag:
    """`*`: any current representation."""


ANY = AnyTag()


def digest_of(data: Any) -> str:
    body = json.dumps(data, cls=JSONEncoder, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(body.encode()).hexdigest()[:24]


def document_etag(submission: Any, data: Any) -> str:
    return f'"{submission.pk}-{submission.content_revision}-{digest_of(data)}"'


def status_etag(data: dict[str, Any]) -> str:
    """The status body's tag: a digest of its `repr`, exact for its few scalars and short lists
    (always built in the same key order) and cheaper than sorted JSON on the polled path."""
    return f'"{hashlib.blake2b(repr(data).encode(), digest_size=12).hexdigest()}"'


def parse_tags(header: str) -> list[EntityTag] | AnyTag | None:
    """`*`, a list of entity tags, or None when the header is malformed (RFC 9110 §13.1.1)."""
    text = header.strip(_OWS)
    if text == "*":
        return ANY
    tags, position = [], 0
    while position < len(text):
        if text[position] in _OWS + ",":
            position += 1
            continue
        match = _ENTITY_TAG.match(text, position)
        if match is None:
            return None
        tags.append(EntityTag(weak=bool(match[1]), opaque=f'"{match[2]}"'))
        position = match.end()
        while position < len(text) and text[position] in _OWS:
            position += 1
        if position < len(text) and text[position] != ",":
            return None
    return tags or None


def expected_revision(header: str, current: str, revision: int) -> int | None:
    """The content revision the edit service must find under its lock, for this `If-Match`.

    None for `*` (any version will do); the current revision when a tag matches strongly; else a
    revision no document has, so the service answers 412 once it has checked permission and
    state. A malformed header raises 400.
    """
    tags = parse_tags(header)
    if tags is None:
        raise ApiError(
            "Header If-Match tidak valid; kirim ulang nilai ETag persis seperti diterima, "
            'mis. "12-3-9f86d081884c7d659a2feaa0", atau *.',
            code="invalid_if_match",
            status_code=status.HTTP_400_BAD_REQUEST,
            field="If-Match",
        )
    if isinstance(tags, AnyTag):
        return None
    return revision if any(not tag.weak and tag.opaque == current for tag in tags) else NO_REVISION


def not_modified(header: str | None, current: str) -> HttpResponseNotModified | None:
    """A 304 for a GET whose `If-None-Match` names the current representation (weak comparison)."""
    if header is None:
        return None
    tags = parse_tags(header)
    if tags is None:
        return None
    if isinstance(tags, AnyTag) or any(tag.opaque == current for tag in tags):
        response = HttpResponseNotModified()
        response["ETag"] = current
        return response
    return None
