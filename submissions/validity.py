"""Is a standard complete and valid? (DESIGN.md section 2, "Complete and valid" for `submit`.)

One function gives every problem at once, each with a stable code (for the API and tests), an
Indonesian message a drafter understands, and the field it concerns (for the editor). The checks
run on plain content (the shape of the API's document JSON), so the editor and the API can show
problems before anything is saved; `Submission.validity_problems` runs them on a stored document.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from submissions.models.dictionary import CompetencyGroup, MinimumLevel
from submissions.models.positions import Position, PositionKind
from submissions.models.requirements import Importance, RequirementSection

# The national dictionary's fixed rows of every standard (DOMAIN.md).
MANAGERIAL_CODES = ("M.01", "M.02", "M.03", "M.04", "M.05", "M.06", "M.07", "M.08")
SOCIOCULTURAL_CODES = ("SK.01",)

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    code: str
    message: str
    field: str = ""
    severity: str = ERROR

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def as_dict(self) -> dict[str, str]:
        return {
            "code": self.code,
            "message": self.message,
            "field": self.field,
            "severity": self.severity,
        }


@dataclass
class Content:
    """What the checks read: the document's writable parts, as the API's JSON has them."""

    summary: str = ""
    competencies: Sequence[Mapping[str, Any]] = field(default_factory=list)
    requirements: Sequence[Mapping[str, Any]] = field(default_factory=list)


@dataclass(frozen=True)
class MinimumRule:
    level: int
    blocking: bool


def minimum_rule_for(position: Position) -> MinimumRule | None:
    """The position's minimum level, remembered on the instance (a check may run twice per request)."""
    rank = position.rank if position.kind == PositionKind.FUNGSIONAL else ""
    key = (position.kind, rank)
    cached: tuple[tuple[str, str], MinimumRule | None] | None = position.__dict__.get("_minimum_rule")
    if cached is not None and cached[0] == key:
        return cached[1]
    row = MinimumLevel.objects.filter(kind=position.kind, rank=rank).first()
    rule = MinimumRule(row.level, row.blocking) if row else None
    position.__dict__["_minimum_rule"] = (key, rule)
    return rule


def content_problems(content: Content, minimum: MinimumRule | None) -> list[Problem]:
    problems: list[Problem] = []
    if not (content.summary or "").strip():
        problems.append(Problem("summary_missing", "Ikhtisar jabatan belum diisi.", "summary"))
    problems += _fixed_group_problems(
        content.competencies, CompetencyGroup.MANAGERIAL, MANAGERIAL_CODES, "manajerial"
    )
    problems += _fixed_group_problems(
        content.competencies, CompetencyGroup.SOCIOCULTURAL, SOCIOCULTURAL_CODES, "sosial kultural"
    )
    if not any(row.get("group") == CompetencyGroup.TECHNICAL for row in content.competencies):
        problems.append(
            Problem(
                "technical_missing",
                "Tambahkan paling sedikit satu kompetensi teknis.",
                "competencies",
            )
        )
    for index, row in enumerate(content.competencies):
        problems += _row_problems(index, row, minimum)
    problems += _requirement_problems(content.requirements)
    return problems


def _fixed_group_problems(
    rows: Iterable[Mapping[str, Any]], group: str, codes: Sequence[str], label: str
) -> list[Problem]:
    present = Counter(row.get("code") for row in rows if row.get("group") == group)
    problems = [
        Problem(
            f"{_group_key(group)}_missing",
            f"Kompetensi {label} {code} belum dicantumkan.",
            "competencies",
        )
        for code in codes
        if present[code] == 0
    ]
    problems += [
        Problem(
            f"{_group_key(group)}_duplicate",
            f"Kompetensi {label} {code} tercantum {count} kali; cantumkan sekali saja.",
            "competencies",
        )
        for code, count in present.items()
        if code in codes and count > 1
    ]
    problems += [
        Problem(
            f"{_group_key(group)}_unexpected",
            f"Kompetensi {label} hanya boleh berisi {', '.join(codes)}; "
            f"'{code or 'tanpa kode'}' bukan salah satunya.",
            "competencies",
        )
        for code in present
        if code not in codes
    ]
    return problems


def _group_key(group: str) -> str:
    return "managerial" if group == CompetencyGroup.MANAGERIAL else "sociocultural"


def _row_problems(index: int, row: Mapping[str, Any], minimum: MinimumRule | None) -> list[Problem]:
    where = f"competencies[{index}]"
    name = (row.get("name") or "").strip()
    label = name or f"baris {index + 1}"
    problems: list[Problem] = []
    if not name:
        problems.append(
            Problem(
                "competency_name_missing", f"Nama kompetensi baris {index + 1} belum diisi.", f"{where}.name"
            )
        )
    level = row.get("level")
    if not isinstance(level, int) or isinstance(level, bool) or not 1 <= level <= 5:
        problems.append(
            Problem("level_out_of_range", f"Level {label} harus antara 1 dan 5.", f"{where}.level")
        )
    elif minimum and row.get("group") != CompetencyGroup.TECHNICAL and level < minimum.level:
        problems.append(
            Problem(
                "level_below_minimum",
                f"Level {label} ({level}) di bawah level minimum {minimum.level} untuk kelompok jabatan ini.",
                f"{where}.level",
                ERROR if minimum.blocking else WARNING,
            )
        )
    if not (row.get("description") or "").strip():
        problems.append(
            Problem(
                "competency_description_missing",
                f"Deskripsi level untuk {label} belum diisi.",
                f"{where}.description",
            )
        )
    indicators = [text for text in row.get("indicators") or [] if str(text).strip()]
    if not indicators:
        problems.append(
            Problem(
                "competency_indicators_missing",
                f"Indikator kompetensi untuk {label} belum diisi.",
                f"{where}.indicators",
            )
        )
    return problems


def _requirement_problems(rows: Sequence[Mapping[str, Any]]) -> list[Problem]:
    problems: list[Problem] = []
    if not any(
        row.get("section") == RequirementSection.EDUCATION_LEVEL and (row.get("text") or "").strip()
        for row in rows
    ):
        problems.append(
            Problem(
                "education_level_missing",
                "Jenjang pendidikan pada persyaratan jabatan belum diisi.",
                "requirements",
            )
        )
    for index, row in enumerate(rows):
        where = f"requirements[{index}]"
        if row.get("section") not in RequirementSection.values:
            problems.append(
                Problem(
                    "requirement_section_invalid",
                    f"Jenis persyaratan baris {index + 1} tidak dikenal.",
                    f"{where}.section",
                )
            )
        if not (row.get("text") or "").strip():
            problems.append(
                Problem(
                    "requirement_text_missing",
                    f"Uraian persyaratan baris {index + 1} belum diisi.",
                    f"{where}.text",
                )
            )
        if row.get("importance") not in Importance.values:
            problems.append(
                Problem(
                    "requirement_importance_invalid",
                    f"Pilih tepat satu tingkat pentingnya (Mutlak, Penting, atau Perlu) "
                    f"untuk persyaratan baris {index + 1}.",
                    f"{where}.importance",
                )
            )
    return problems
