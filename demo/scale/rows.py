"""Content rows of a generated document (only with --with-rows): the 9 fixed rows, one technical
row and three requirements, as a complete draft would have them.

Names and descriptions come from the competency dictionary when it is loaded (seed_demo loads it),
otherwise from placeholders, so the generator also works on an empty database.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from submissions.models import (
    CompetencyGroup,
    CompetencyLevel,
    CompetencyRow,
    Importance,
    MinimumLevel,
    Position,
    RequirementRow,
    RequirementSection,
    Submission,
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

    def level_for(self, position: Position) -> int:
        return max(USUAL_LEVEL, self.minimums.get((position.kind, position.rank), 1))

    def entry(self, code: str, level: int) -> Entry:
        placeholder = Entry(None, f"Kompetensi {code}", f"Level {level}", [f"Indikator {code} level {level}"])
        return self.entries.get((code, level)) or placeholder


def rows_for(submission: Submission, dictionary: Dictionary) -> tuple[list[Any], list[Any]]:
    """(competency rows, requirement rows) of one complete document."""
    level = dictionary.level_for(submission.position)
    competencies = [
        _fixed_row(submission, order, code, level, dictionary.entry(code, level))
        for order, code in enumerate((*MANAGERIAL_CODES, *SOCIOCULTURAL_CODES))
    ]
    competencies.append(
        CompetencyRow(
            submission=submission,
            group=CompetencyGroup.TECHNICAL,
            order=len(competencies),
            name="Pengelolaan Layanan Bidang Tugas",
            level=2,
            description="Mampu mengelola layanan sesuai standar.",
            indicators=["Menyusun rencana layanan", "Mengevaluasi mutu layanan"],
        )
    )
    requirements = [
        RequirementRow(submission=submission, section=section, order=order, text=text, importance=importance)
        for order, (section, text, importance) in enumerate(REQUIREMENTS)
    ]
    return competencies, requirements


def _fixed_row(submission: Submission, order: int, code: str, level: int, entry: Entry) -> CompetencyRow:
    group = CompetencyGroup.SOCIOCULTURAL if code in SOCIOCULTURAL_CODES else CompetencyGroup.MANAGERIAL
    return CompetencyRow(
        submission=submission,
        group=group,
        order=order,
        competency_id=entry.competency_id,
        code=code,
        name=entry.name,
        level=level,
        description=entry.description,
        indicators=entry.indicators,
    )
