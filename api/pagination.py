"""Every list is paginated: keyset (cursor) for lists that grow large, page numbers for small ones.

Keyset pages cost the same on page 1 and page 1,000 and never show a row twice while rows are
added; the key is the primary key, unique and never changing.
"""

from __future__ import annotations

from rest_framework.pagination import CursorPagination, PageNumberPagination

MAX_PAGE_SIZE = 100


class KeysetPagination(CursorPagination):
    ordering = "-id"
    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
    invalid_cursor_message = "Kursor halaman tidak valid."


class ReferencePagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
    invalid_page_message = "Halaman tidak ditemukan."


class OldestFirstPagination(ReferencePagination):
    """The same, for a document's history and snapshots (short, read oldest first)."""
