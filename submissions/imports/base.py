"""The shape every kind of import shares: columns, a template, and a plan (preview + writer)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from submissions.imports.outcomes import Preview
from submissions.imports.reading import Columns
from submissions.models import Instansi

Rows = Sequence[tuple[int, dict[str, Any]]]


@dataclass
class Written:
    """What a commit created, for what must follow it (e.g. invitations of new users)."""

    new_user_ids: list[int] = field(default_factory=list)
    # Positions a peta jabatan import created and changed (workflow writes their feed events).
    new_position_ids: list[int] = field(default_factory=list)
    changed_position_ids: list[int] = field(default_factory=list)


@dataclass
class Plan:
    preview: Preview
    write: Callable[[], Written]


def nothing_to_write() -> Written:
    return Written()


@dataclass(frozen=True)
class ImportSpec:
    kind: str
    columns: Columns
    examples: tuple[tuple[Any, ...], ...]
    plan: Callable[[Rows, Instansi | None], Plan]
    national: bool = False  # the administrator may import it without an instansi
