"""Content rows of a generated document (only with --with-rows): the 9 fixed rows, one technical
row and three requirements, as a complete draft would have them.

Names and descriptions come from the competency dictionary when it is loaded (seed_demo loads it),
otherwise from placeholders, so the generator also works on an empty database.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from demo.scale.plans import PositionPlan
from demo.scale.tables import JsonText
from submissions.models import (
    CompetencyGroup,
    CompetencyLevel,
    Importance,
    MinimumLevel,
    RequirementSection,
)
from submissions.validity import MANAGERIAL_CODES, SOCIOCULTURAL_CODES

USUAL_LEVEL = 3  # the fixed rows' level unless the position's minimum is higher
REQUIREMENTS = (
    (RequirementSection.EDUCATION_LEVEL, "S-1/D-IV", Importance.MUTLAK),
    (RequirementSection.TRAINING_TECHNICAL, "Pelatihan teknis bidang tugas", Importance.PENTING),
    (RequirementSection.EXPERIENCE, "Pengalaman di bidang tugas 2 tahun", Importance.PERLU),
)


@dataclass(frozen=True)
class Entry:
    competency_id: int | None
    name: str
    description: str
    indicators: list[str]


class Dictionary:
    """The fixed competencies of the national dictionary and the minimum level per kind of position."""

    def __init__(self) -> None:
        codes = (*MANAGERIAL_CODES, *SOCIOCULTURAL_CODES)
        self.entries = {
            (level.competency.code, level.level): Entry(
                level.competency_id, level.competency.name, level.description, level.indicators
            )
            for level in CompetencyLevel.objects.filter(
                competency__code__in=codes, competency__instansi__isnull=True
            ).select_related("competency")
        }
        self.minimums = {(m.kind, m.rank): m.level for m in MinimumLevel.objects.all()}
        self._templates: dict[int, list[tuple[Any, ...]]] = {}

    def level_for(self, kind: str, rank: str) -> int:
        return max(USUAL_LEVEL, self.minimums.get((kind, rank), 1))

    def rows_at(self, level: int) -> list[tuple[Any, ...]]:
        # Encoded once per level: a million documents share a handful of these templates.
        if level not in self._templates:
            self._templates[level] = _competency_template(level, self)
        return self._templates[level]

    def entry(self, code: str, level: int) -> Entry:
        placeholder = Entry(None, f"Kompetensi {code}", f"Level {level}", [f"Indikator {code} level {level}"])
        return self.entries.get((code, level)) or placeholder


COMPETENCY_COLUMNS = (
    "submission_id",
    "group",
    "order",
    "competency_id",
    "code",
    "name",
    "level",
    "description",
    "indicators",
)
REQUIREMENT_COLUMNS = ("submission_id", "section", "order", "text", "importance")
_TECHNICAL = (
    str(CompetencyGroup.TECHNICAL),
    None,
    "",
    "Pengelolaan Layanan Bidang Tugas",
    2,
    "Mampu mengelola layanan sesuai standar.",
    ["Menyusun rencana layanan", "Mengevaluasi mutu layanan"],
)
_FIXED_CODES = (*MANAGERIAL_CODES, *SOCIOCULTURAL_CODES)


def competency_rows(submission_id: int, plan: PositionPlan, dictionary: Dictionary) -> list[tuple[Any, ...]]:
    """The competency rows of one complete document (values in COMPETENCY_COLUMNS order)."""
    template = dictionary.rows_at(dictionary.level_for(plan.kind, plan.rank))
    return [(submission_id, *row) for row in template]


def _competency_template(level: int, dictionary: Dictionary) -> list[tuple[Any, ...]]:
    """The rows of a document at `level` without their submission id; the same for every document."""
    rows: list[tuple[Any, ...]] = []
    for order, code in enumerate(_FIXED_CODES):
        entry = dictionary.entry(code, level)
        group = CompetencyGroup.SOCIOCULTURAL if code in SOCIOCULTURAL_CODES else CompetencyGroup.MANAGERIAL
        rows.append(
            (
                str(group),
                order,
                entry.competency_id,
                code,
                entry.name,
                level,
                entry.description,
                JsonText(json.dumps(entry.indicators)),
            )
        )
    technical = (*_TECHNICAL[:-1], JsonText(json.dumps(_TECHNICAL[-1])))
    rows.append((technical[0], len(rows), *technical[1:]))
    return rows


def requirement_rows(submission_id: int) -> list[tuple[Any, ...]]:
    """The requirement rows of one complete document (values in REQUIREMENT_COLUMNS order)."""
    return [
        (submission_id, str(section), order, text, str(importance))
        for order, (section, text, importance) in enumerate(REQUIREMENTS)
    ]
