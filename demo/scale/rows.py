"""Content rows of a generated document (only with --with-rows): the 9 fixed rows, one technical
row and three requirements, as a complete draft would have them.

Names and descriptions come from the competency dictionary when it is loaded (seed_demo loads it),
otherwise from placeholders, so the generator also works on an empty database. The rows are stored
as sets (submissions.models.content_sets) through the ORM before the load, one competency set per
level and one requirement set: a generated document is then two set ids in its own row. That is
the most sharing a deployment can have; bench/RESULTS.md says what each further distinct list costs.
"""

from __future__ import annotations

from dataclasses import dataclass

from demo.scale.plans import PositionPlan
from submissions.models import (
    CompetencyGroup,
    CompetencyLevel,
    CompetencyRow,
    CompetencySet,
    Importance,
    MinimumLevel,
    RequirementRow,
    RequirementSection,
    RequirementSet,
    Wording,
    level_texts,
    stored_set,
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
        # Every set now, never while documents are written: they are generated inside a COPY, and a
        # query on the connection that streams it would wait forever.
        self.competency_sets = {level: _competency_set(level, self) for level in range(1, 6)}
        self.requirement_set = _requirement_set()

    def level_for(self, kind: str, rank: str) -> int:
        return max(USUAL_LEVEL, self.minimums.get((kind, rank), 1))

    def sets_for(self, plan: PositionPlan) -> tuple[int, int]:
        """The ids of the competency set and the requirement set of a document of `plan`."""
        return self.competency_sets[self.level_for(plan.kind, plan.rank)], self.requirement_set

    def entry(self, code: str, level: int) -> Entry:
        placeholder = Entry(None, f"Kompetensi {code}", f"Level {level}", [f"Indikator {code} level {level}"])
        return self.entries.get((code, level)) or placeholder


_TECHNICAL_LEVEL = 2
_TECHNICAL = Wording(
    "",
    "Pengelolaan Layanan Bidang Tugas",
    "Mampu mengelola layanan sesuai standar.",
    ("Menyusun rencana layanan", "Mengevaluasi mutu layanan"),
)
_FIXED_CODES = (*MANAGERIAL_CODES, *SOCIOCULTURAL_CODES)


def _competency_set(level: int, dictionary: Dictionary) -> int:
    """The id of the stored set of a complete document's competency rows at `level`."""
    entries = [(code, dictionary.entry(code, level)) for code in _FIXED_CODES]
    wordings = [Wording(code, e.name, e.description, tuple(e.indicators)) for code, e in entries]
    texts = level_texts([*wordings, _TECHNICAL])
    rows = [
        CompetencyRow(
            group=CompetencyGroup.SOCIOCULTURAL
            if code in SOCIOCULTURAL_CODES
            else CompetencyGroup.MANAGERIAL,
            competency_id=entry.competency_id,
            level=level,
            text=texts[wording.digest],
        )
        for (code, entry), wording in zip(entries, wordings, strict=True)
    ]
    technical = texts[_TECHNICAL.digest]
    rows.append(CompetencyRow(group=CompetencyGroup.TECHNICAL, level=_TECHNICAL_LEVEL, text=technical))
    stored = stored_set(CompetencySet, rows)
    assert stored is not None
    return stored.pk


def _requirement_set() -> int:
    rows = [
        RequirementRow(section=section, text=text, importance=importance)
        for section, text, importance in REQUIREMENTS
    ]
    stored = stored_set(RequirementSet, rows)
    assert stored is not None
    return stored.pk
