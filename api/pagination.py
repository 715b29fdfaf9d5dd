"""Every list is paginated: keyset (cursor) for lists that grow large, page numbers for small ones.

Keyset pages cost the same on page 1 and page 1,000 and never show a row twice while rows are
added; the key is the primary key, unique and never changing.
"""

from __future__ import annotations

from typing import Any

from rest_framework.exceptions import ErrorDetail, NotFound, ValidationError
from rest_framework.pagination import Cursor, CursorPagination, PageNumberPagination
from rest_framework.request import Request

from api.converters import MAX_ID

MAX_PAGE_SIZE = 100
PAGE_SIZE_MESSAGE = f"page_size harus bilangan bulat 1 sampai {MAX_PAGE_SIZE} (lebih besar dibatasi)."


class _StrictPageSize:
    """A page_size that is not a positive integer is refused (DRF would silently ignore it)."""

    page_size: int | None
    page_size_query_param: str | None

    def get_page_size(self, request: Request) -> Any:
        raw = request.query_params.get(self.page_size_query_param or "")
        if raw is None:
            return self.page_size
        if not (raw.isascii() and raw.isdigit() and 0 < len(raw) <= 6 and int(raw) > 0):
            raise ValidationError({"page_size": [ErrorDetail(PAGE_SIZE_MESSAGE, code="invalid_page_size")]})
        return min(int(raw), MAX_PAGE_SIZE)


class KeysetPagination(_StrictPageSize, CursorPagination):
    ordering = "-id"
    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
    invalid_cursor_message = "Kursor halaman tidak valid; pakai tautan `next` dari jawaban sebelumnya."

    def decode_cursor(self, request: Request) -> Cursor | None:
        """A cursor we did not write is refused with 400: DRF would hand its position to the
        database as it is (`p=abc` made a 500)."""
        try:
            cursor = super().decode_cursor(request)
        except NotFound:
            cursor = None
            self._refuse()
        if cursor is not None and cursor.position is not None and not _is_id(str(cursor.position)):
            self._refuse()
        return cursor

    def _refuse(self) -> None:
        error = ErrorDetail(self.invalid_cursor_message, code="invalid_cursor")
        raise ValidationError({self.cursor_query_param: [error]})


def _is_id(position: str) -> bool:
    return position.isascii() and position.isdigit() and 0 < len(position) <= 16 and int(position) <= MAX_ID


class ReferencePagination(_StrictPageSize, PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
    invalid_page_message = "Halaman tidak ditemukan."


class OldestFirstPagination(ReferencePagination):
    """The same, for a document's history and snapshots (short, read oldest first)."""
