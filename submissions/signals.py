"""Signals the submissions app sends where Django sends none.

`bulk_create` and `bulk_update` send no `post_save`, so a write of many users or role assignments
at once (the people import) says which users it touched; integrations forgets their cached copies.
"""

from __future__ import annotations

from django.dispatch import Signal

# Sent with `user_ids`: the ids of the users whose row or role assignments were written.
users_written_in_bulk = Signal()
