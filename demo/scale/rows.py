"""Content rows of a generated document (only with --with-rows): the 9 fixed rows, one technical
row and three requirements, as a complete draft would have them.

Names and descriptions come from the competency dictionary when it is loaded (seed_demo loads it),
otherwise from placeholders, so the generator also works on an empty database. Each distinct text is
stored once (submissions.models.texts), before the rows: a row is its position and a text id.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from demo.scale.plans import PositionPlan
from submissions.models import (
    CompetencyGroup,
    CompetencyLevel,
    Importance,
    MinimumLevel,
    RequirementSection,
    Wording,
    level_texts,
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
        # Every level's template (and so its texts) now, never while rows are written: the rows are
        # generated inside a COPY, and a query on the connection that streams it would wait forever.
        self._templates = {level: _competency_template(level, self) for level in range(1, 6)}

    def level_for(self, kind: str, rank: str) -> int:
        return max(USUAL_LEVEL, self.minimums.get((kind, rank), 1))

    def rows_at(self, level: int) -> list[tuple[Any, ...]]:
        # Encoded once per level: a million documents share a handful of these templates.
        return self._templates[level]

    def entry(self, code: str, level: int) -> Entry:
        placeholder = Entry(None, f"Kompetensi {code}", f"Level {level}", [f"Indikator {code} level {level}"])
        return self.entries.get((code, level)) or placeholder


COMPETENCY_COLUMNS = (
    "submission_id",
    "group",
    "order",
    "competency_id",
    "level",
    "text_id",
)
REQUIREMENT_COLUMNS = ("submission_id", "section", "order", "text", "importance")
_TECHNICAL_LEVEL = 2
_TECHNICAL = Wording(
    "",
    "Pengelolaan Layanan Bidang Tugas",
    "Mampu mengelola layanan sesuai standar.",
    ("Menyusun rencana layanan", "Mengevaluasi mutu layanan"),
)
_FIXED_CODES = (*MANAGERIAL_CODES, *SOCIOCULTURAL_CODES)


def competency_rows(submission_id: int, plan: PositionPlan, dictionary: Dictionary) -> list[tuple[Any, ...]]:
    """The competency rows of one complete document (values in COMPETENCY_COLUMNS order)."""
    template = dictionary.rows_at(dictionary.level_for(plan.kind, plan.rank))
    return [(submission_id, *row) for row in template]


def _competency_template(level: int, dictionary: Dictionary) -> list[tuple[Any, ...]]:
    """The rows of a document at `level` without their submission id; the same for every document.

    Its texts are stored here (found or inserted through the ORM, once per level), so the COPY of
    millions of rows only writes their ids.
    """
    entries = [(code, dictionary.entry(code, level)) for code in _FIXED_CODES]
    wordings = [Wording(code, e.name, e.description, tuple(e.indicators)) for code, e in entries]
    texts = level_texts([*wordings, _TECHNICAL])
    rows: list[tuple[Any, ...]] = []
    for order, ((code, entry), wording) in enumerate(zip(entries, wordings, strict=True)):
        group = CompetencyGroup.SOCIOCULTURAL if code in SOCIOCULTURAL_CODES else CompetencyGroup.MANAGERIAL
        rows.append((str(group), order, entry.competency_id, level, texts[wording.digest].pk))
    technical = texts[_TECHNICAL.digest].pk
    rows.append((str(CompetencyGroup.TECHNICAL), len(rows), None, _TECHNICAL_LEVEL, technical))
    return rows


def requirement_rows(submission_id: int) -> list[tuple[Any, ...]]:
    """The requirement rows of one complete document (values in REQUIREMENT_COLUMNS order)."""
    return [
        (submission_id, str(section), order, text, str(importance))
        for order, (section, text, importance) in enumerate(REQUIREMENTS)
    ]
