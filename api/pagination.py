"""Every list is paginated: keyset (cursor) for lists that grow large, page numbers for small ones.

Keyset pages cost the same on page 1 and page 1,000 and never show a row twice while rows are
added; the key is the primary key, unique and never changing.
"""

from __future__ import annotations

from typing import Any

from rest_framework.exceptions import ErrorDetail, NotFound, ValidationError
from rest_framework.pagination import Cursor, CursorPagination, PageNumberPagination
from rest_framework.request import Request
from rest_framework.utils.urls import replace_query_param

from api.converters import MAX_ID
from workflow import keyset, search
from workflow.keyset import Key

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


class SearchPagination(KeysetPagination):
    """`?q=` results in workflow.search's order (the newest matches best first, then the older ones
    newest first), in keyset pages: a `next` link, no count and no `previous`."""

    def paginate_queryset(self, queryset: Any, request: Request, view: Any = None) -> list[Any] | None:
        self.request = request
        self.base_url = request.build_absolute_uri()
        size, cursor = self.get_page_size(request), request.query_params.get(self.cursor_query_param)
        try:
            self._page = search.ranked_page(queryset, request.query_params.get("q", ""), cursor, size)
        except keyset.InvalidCursor:
            self._refuse()
            raise  # not reached: _refuse raises the API's 400
        return self._page.rows

    def get_next_link(self) -> str | None:
        cursor = self._page.next_cursor
        if cursor is None or self.base_url is None:
            return None
        return replace_query_param(self.base_url, self.cursor_query_param, cursor)

    def get_previous_link(self) -> str | None:
        return None

    def get_html_context(self) -> Any:
        return {"previous_url": None, "next_url": self.get_next_link()}


class OrderedKeysetPagination(KeysetPagination):
    """Keyset pages over a multi-column order (`keys`): `next`/`previous` links, no count.

    DRF's cursor keeps only the first column and skips ties by offset, which grows on a column
    with many equal values (names); workflow.keyset continues from the whole key instead.
    """

    keys: tuple[Key, ...] = (Key("id"),)

    def paginate_queryset(self, queryset: Any, request: Request, view: Any = None) -> list[Any] | None:
        self.request = request
        self.base_url = request.build_absolute_uri()
        size, cursor = self.get_page_size(request), request.query_params.get(self.cursor_query_param)
        try:
            self._page = keyset.page(queryset, self.keys, cursor, size)
        except keyset.InvalidCursor:
            self._refuse()
            raise  # not reached: _refuse raises the API's 400
        return self._page.rows

    def get_next_link(self) -> str | None:
        return self._link(self._page.next_cursor)

    def get_previous_link(self) -> str | None:
        return self._link(self._page.previous_cursor)

    def _link(self, cursor: str | None) -> str | None:
        if cursor is None or self.base_url is None:
            return None
        return replace_query_param(self.base_url, self.cursor_query_param, cursor)

    def get_html_context(self) -> Any:
        return {"previous_url": self.get_previous_link(), "next_url": self.get_next_link()}
