"""The API's JSON parser: bounded in size and in depth, so no body can make a request fail with 500.

DRF reads the body as a stream, past Django's DATA_UPLOAD_MAX_MEMORY_SIZE check; this parser reads
at most that many bytes and answers 413 beyond. JSON nested deeper than Python's recursion limit
(5,000 brackets) makes the decoder raise RecursionError, which DRF does not catch: it is a 400 here.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import IO, Any

from django.conf import settings
from rest_framework import parsers, status
from rest_framework.exceptions import ParseError
from rest_framework.utils.json import strict_constant

from api.errors import ApiError

TOO_LARGE = "Isi permintaan terlalu besar (paling banyak {limit} bait)."
TOO_DEEP = "Isi permintaan bersarang terlalu dalam."


class JSONParser(parsers.JSONParser):
    def parse(
        self, stream: IO[Any], media_type: str | None = None, parser_context: Mapping[str, Any] | None = None
    ) -> Any:
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        raw = stream.read(limit + 1) if limit is not None else stream.read()
        if limit is not None and len(raw) > limit:
            raise ApiError(
                TOO_LARGE.format(limit=limit),
                code="request_too_large",
                status_code=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE,
            )
        encoding = (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)
        try:
            text = raw.decode(encoding) if isinstance(raw, bytes) else raw
            return json.loads(text, parse_constant=strict_constant if self.strict else None)
        except RecursionError:
            raise ApiError(TOO_DEEP, code="parse_error", status_code=status.HTTP_400_BAD_REQUEST) from None
        except ValueError as exc:
            raise ParseError(f"JSON parse error - {exc}") from None
