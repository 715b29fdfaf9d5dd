"""Plain records the demo data is written in; the loaders turn them into rows."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LevelText:
    description: str
    indicators: tuple[str, ...]


@dataclass(frozen=True)
class CompetencyText:
    code: str
    name: str
    group: str
    definition: str
    levels: tuple[LevelText, ...]  # levels 1..5 in order
