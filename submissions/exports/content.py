"""What an exported standard says, arranged in the order of PermenPAN-RB 38/2017's form (DOMAIN.md).

This module decides the words, the numbering and the marks; the renderers (`docx_standard`, `pdf`)
only draw a `StandardView`. Keeping the two apart is what makes the Word file and the PDF agree,
and lets the arrangement be tested without opening either.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import prefetch_related_objects

from submissions.exports.text import printable
from submissions.header import Header, header_of
from submissions.imports import strip_list_marker
from submissions.models import (
    CONTENT_ROWS,
    CompetencyGroup,
    CompetencyRow,
    PositionKind,
    RequirementRow,
    RequirementSection,
    Submission,
)
from submissions.models.positions import FunctionalRank
from workflow.machine import State

EMPTY = "-"
TITLE = "STANDAR KOMPETENSI JABATAN"
MONTHS = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
# The kelompok as the form writes it out (DOMAIN.md "Who is who"; PositionKind's labels are short).
KELOMPOK = {
    PositionKind.JPT_UTAMA: "Jabatan Pimpinan Tinggi Utama",
    PositionKind.JPT_MADYA: "Jabatan Pimpinan Tinggi Madya",
    PositionKind.JPT_PRATAMA: "Jabatan Pimpinan Tinggi Pratama",
    PositionKind.ADMINISTRATOR: "Jabatan Administrator",
    PositionKind.PENGAWAS: "Jabatan Pengawas",
    PositionKind.PELAKSANA: "Jabatan Pelaksana",
    PositionKind.FUNGSIONAL: "Jabatan Fungsional",
}
GROUPS = (
    (CompetencyGroup.MANAGERIAL, "A. Manajerial"),
    (CompetencyGroup.SOCIOCULTURAL, "B. Sosial Kultural"),
    (CompetencyGroup.TECHNICAL, "C. Teknis"),
)
# (section title, [(item label, requirement section)]); a section without items is its own single row.
REQUIREMENT_LAYOUT: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    (
        "A. Pendidikan",
        (
            ("1. Jenjang", RequirementSection.EDUCATION_LEVEL),
            ("2. Bidang Ilmu", RequirementSection.FIELD_OF_STUDY),
        ),
    ),
    (
        "B. Pelatihan",
        (
            ("1. Manajerial", RequirementSection.TRAINING_MANAGERIAL),
            ("2. Teknis", RequirementSection.TRAINING_TECHNICAL),
            ("3. Fungsional", RequirementSection.TRAINING_FUNCTIONAL),
        ),
    ),
    ("C. Pengalaman Kerja", (("", RequirementSection.EXPERIENCE),)),
    ("D. Pangkat", (("", RequirementSection.RANK),)),
    ("E. Indikator Kinerja Jabatan", (("", RequirementSection.PERFORMANCE_INDICATOR),)),
)
# Marks across the page of what is not the standard in force.
MARKS = {State.APPROVED: "", State.SUPERSEDED: "DIGANTIKAN"}
DRAFT_MARK = "DRAF"
RELATIONS = ("position__opd__instansi", "position__urusan", *CONTENT_ROWS)


@dataclass(frozen=True)
class Indicator:
    number: str  # "3.1"
    text: str


@dataclass(frozen=True)
class CompetencyLine:
    number: int
    name: str
    level: int
    description: str
    indicators: tuple[Indicator, ...]


@dataclass(frozen=True)
class CompetencyGroupBlock:
    title: str
    lines: tuple[CompetencyLine, ...]


@dataclass(frozen=True)
class RequirementItem:
    label: str
    texts: tuple[tuple[str, str], ...]  # (uraian, importance), or empty when nothing is filled in


@dataclass(frozen=True)
class RequirementBlock:
    title: str
    items: tuple[RequirementItem, ...]

    @property
    def is_flat(self) -> bool:
        """C, D and E have no numbered items: the title labels the rows directly."""
        return len(self.items) == 1 and not self.items[0].label


@dataclass(frozen=True)
class Verification:
    """What a printed copy carries so that anyone can check it (see `submissions.exports.verification`)."""

    code: str
    url: str
    sha256: str


@dataclass(frozen=True)
class StandardView:
    name: str
    unit: str  # the OPD: used by a book's table of contents, never printed in the form itself
    header: tuple[tuple[str, str], ...]
    banner: str
    summary: str
    competencies: tuple[CompetencyGroupBlock, ...]
    requirements: tuple[RequirementBlock, ...]
    mark: str  # "DRAF", "DIGANTIKAN", or "" for the standard in force
    footer: str  # version and state of what is not enacted; "" for an enacted standard
    verification: Verification | None = None
    title: str = TITLE


def load(submission: Submission) -> Submission:
    """Fetch what the export reads in a fixed number of queries.

    With the position, OPD, instansi and the two sets already joined (see `export_queryset`), that
    is three: urusan, competency rows, requirement rows. Relations already fetched are not fetched
    again (a document fetched without the sets reads them too, a query each).
    """
    prefetch_related_objects([submission], *RELATIONS)
    return submission


def standard_view(submission: Submission, verification: Verification | None = None) -> StandardView:
    """The words of the export; an approved or superseded version reads its frozen header."""
    header = header_of(submission)
    kelompok = kelompok_label(header)
    return StandardView(
        name=printable(header.position_name),
        unit=printable(header.opd_name),
        header=header_lines(header, kelompok),
        banner=kelompok.upper(),
        summary=printable(submission.summary).strip() or EMPTY,
        competencies=competency_blocks(submission.competency_rows.all()),
        requirements=requirement_blocks(submission.requirement_rows.all()),
        mark=MARKS.get(submission.state, DRAFT_MARK),
        footer=footer_line(submission, ZoneInfo(submission.position.opd.instansi.time_zone)),
        verification=verification,
    )


def kelompok_label(header: Header) -> str:
    label = KELOMPOK[PositionKind(header.kind)] if header.kind in PositionKind.values else header.kind
    if header.rank in FunctionalRank.values:
        return f"{label} {FunctionalRank(header.rank).label}"
    return label


def header_lines(header: Header, kelompok: str) -> tuple[tuple[str, str], ...]:
    urusan = sorted(printable(name) for name in header.urusan)
    return (
        ("NAMA JABATAN", printable(header.position_name)),
        ("KELOMPOK JABATAN", kelompok),
        ("URUSAN PEMERINTAHAN", ", ".join(urusan) or EMPTY),
        # Blank, not a dash: the ministry writes the code in once it assigns one.
        ("KODE JABATAN", printable(header.code).strip()),
    )


def competency_blocks(rows: Iterable[CompetencyRow]) -> tuple[CompetencyGroupBlock, ...]:
    by_group: dict[str, list[CompetencyRow]] = {group: [] for group, _ in GROUPS}
    for row in sorted(rows, key=lambda row: (row.order, row.pk or 0)):
        by_group.setdefault(row.group, []).append(row)
    blocks = []
    number = 0
    for group, title in GROUPS:
        lines = []
        for row in by_group[group]:
            number += 1
            lines.append(competency_line(number, row))
        blocks.append(CompetencyGroupBlock(title, tuple(lines)))
    return tuple(blocks)


def competency_line(number: int, row: CompetencyRow) -> CompetencyLine:
    return CompetencyLine(
        number=number,
        name=printable(row.name),
        level=row.level,
        description=printable(row.description).strip() or EMPTY,
        indicators=tuple(
            Indicator(f"{row.level}.{index}", text)
            for index, text in enumerate(indicator_texts(row.indicators or []), start=1)
        ),
    )


def indicator_texts(indicators: Sequence[object]) -> list[str]:
    # Numbered by the form; numbering typed into the dictionary ("3.1", "2.", "-") would double it.
    return [text for text in (strip_list_marker(printable(item)) for item in indicators) if text]


def numbered_indicators(level: int, indicators: Sequence[object]) -> tuple[str, ...]:
    """Indicators as one line each ("3.1 text"), as the document page shows them."""
    texts = indicator_texts(indicators)
    return tuple(f"{level}.{index} {text}" for index, text in enumerate(texts, start=1))


def requirement_blocks(rows: Iterable[RequirementRow]) -> tuple[RequirementBlock, ...]:
    by_section: dict[str, list[tuple[str, str]]] = {}
    for row in sorted(rows, key=lambda row: (row.order, row.pk or 0)):
        by_section.setdefault(row.section, []).append((printable(row.text), row.importance))
    return tuple(
        RequirementBlock(
            title,
            tuple(RequirementItem(label, tuple(by_section.get(section, ()))) for label, section in items),
        )
        for title, items in REQUIREMENT_LAYOUT
    )


def footer_line(submission: Submission, zone: ZoneInfo) -> str:
    """What is not the standard in force says which version it is and its state; a superseded one
    also when it was approved and by which decree. The standard in force carries none: the
    lampiran of its decree is the legal text, and a status line there would be read as part of it."""
    if submission.state == State.APPROVED:
        return ""
    parts = [f"Versi {submission.version}", f"Status: {submission.get_state_display()}"]
    if submission.approved_at is not None:
        parts.append(f"Disetujui {indonesian_date(submission.approved_at.astimezone(zone).date())}")
    decree = enacting_decree(submission)
    if decree is not None:
        number = printable(decree.number)
        parts.append(f"{decree.get_kind_display()} nomor {number} tanggal {indonesian_date(decree.date)}")
    return " | ".join(parts)


def enacting_decree(submission: Submission) -> Any:
    """The decree that enacted this version, if any (workflow.Enactment, reached by its relation:
    submissions does not import workflow, DESIGN.md section 1)."""
    enactment = getattr(submission, "enactment", None)
    return enactment.decree if enactment is not None else None


def indonesian_date(day: datetime.date) -> str:
    # Not Django's date filter: its month names follow the active language, which a worker may not set.
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"
