"""Shaping a document for its page in the official layout (DOMAIN.md "One standard").

II. the competency table: groups A Manajerial, B Sosial kultural, C Teknis, numbered continuously,
indicators numbered by level (3.1, 3.2, ...). III. the requirements grouped A-E, with a mark under
Mutlak, Penting or Perlu.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from submissions.exports.content import numbered_indicators
from submissions.models import CompetencyGroup, RequirementSection, Submission
from workflow.diff import Change, diff_contents

GROUPS = (
    ("A", CompetencyGroup.MANAGERIAL),
    ("B", CompetencyGroup.SOCIOCULTURAL),
    ("C", CompetencyGroup.TECHNICAL),
)
RS = RequirementSection
REQUIREMENT_LAYOUT: tuple[tuple[str, str, tuple[tuple[str, str], ...]], ...] = (
    ("A", "Pendidikan", ((RS.EDUCATION_LEVEL, "1. Jenjang"), (RS.FIELD_OF_STUDY, "2. Bidang ilmu"))),
    (
        "B",
        "Pelatihan",
        (
            (RS.TRAINING_MANAGERIAL, "1. Manajerial"),
            (RS.TRAINING_TECHNICAL, "2. Teknis"),
            (RS.TRAINING_FUNCTIONAL, "3. Fungsional"),
        ),
    ),
    ("C", "Pengalaman kerja", ((RS.EXPERIENCE, ""),)),
    ("D", "Pangkat", ((RS.RANK, ""),)),
    ("E", "Indikator kinerja jabatan", ((RS.PERFORMANCE_INDICATOR, ""),)),
)


@dataclass
class CompetencyLine:
    number: int
    code: str
    name: str
    level: int
    description: str
    indicators: list[str]


@dataclass
class CompetencyGroupBlock:
    letter: str
    label: str
    rows: list[CompetencyLine] = field(default_factory=list)


def competency_groups(rows: Sequence[Mapping[str, Any]]) -> list[CompetencyGroupBlock]:
    blocks = []
    number = 0
    for letter, group in GROUPS:
        block = CompetencyGroupBlock(letter=letter, label=str(group.label))
        for row in rows:
            if row.get("group") != group:
                continue
            number += 1
            level = row.get("level") or 0
            block.rows.append(
                CompetencyLine(
                    number=number,
                    code=row.get("code") or "",
                    name=row.get("name") or "",
                    level=level,
                    description=row.get("description") or "",
                    indicators=list(numbered_indicators(level, row.get("indicators") or [])),
                )
            )
        blocks.append(block)
    return blocks


@dataclass
class RequirementLine:
    label: str
    texts: list[tuple[str, str]]  # (text, importance)


@dataclass
class RequirementBlock:
    letter: str
    label: str
    lines: list[RequirementLine]


def requirement_blocks(rows: Sequence[Mapping[str, Any]]) -> list[RequirementBlock]:
    blocks = []
    for letter, label, sections in REQUIREMENT_LAYOUT:
        lines = [
            RequirementLine(
                label=line_label,
                texts=[
                    (r.get("text") or "", r.get("importance") or "") for r in rows if r.get("section") == s
                ],
            )
            for s, line_label in sections
        ]
        blocks.append(RequirementBlock(letter=letter, label=label, lines=lines))
    return blocks


@dataclass
class RoundDiff:
    title: str
    changes: list[Change]


def round_diff(submission: Submission, current: Mapping[str, Any]) -> RoundDiff | None:
    """In a draft after a send-back: what changed since it was last submitted; otherwise the
    latest submitted round against the one before it."""
    snapshots = list(submission.snapshots.order_by("taken_at", "id"))
    if submission.state == "draft" and snapshots:
        last = snapshots[-1]
        title = _("Perubahan sejak diajukan pada putaran %(round)s") % {"round": last.round}
        return RoundDiff(title, diff_contents(last.content, current))
    if len(snapshots) >= 2:
        before, after = snapshots[-2], snapshots[-1]
        title = _("Perubahan putaran %(new)s dibanding putaran %(old)s") % {
            "new": after.round,
            "old": before.round,
        }
        return RoundDiff(title, diff_contents(before.content, after.content))
    return None
