"""The editor's form: rows the user adds and removes, read back in the order the page shows them.

Each row carries a short random key (`c_key` / `r_key` in document order) so rows can be added by
htmx and removed in the browser without renumbering. What the user typed is always kept, so a
validation error or a concurrent change never loses work.
"""

from __future__ import annotations

import re
import secrets
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.http import QueryDict
from django.utils.translation import gettext as _

from submissions.models import CompetencyGroup, Importance, RequirementSection
from submissions.text import clean_text

KEY = re.compile(r"^[a-z0-9]{1,16}$")
FIELD = re.compile(r"^(competencies|requirements)\[(\d+)\](?:\.(\w+))?$")
GROUP_ORDER = {group: i for i, group in enumerate(CompetencyGroup.values)}
IMPORTANCES = Importance.choices
SECTIONS = RequirementSection.choices
LEVELS = (1, 2, 3, 4, 5)
# The length of a competency's name (submissions.Competency.name); the page counts towards it.
NAME_MAX_LENGTH = 255


def new_key() -> str:
    return secrets.token_hex(4)


@dataclass
class CompetencyInput:
    key: str
    group: str
    code: str = ""
    name: str = ""
    level: str = ""
    description: str = ""
    indicators: str = ""  # one indicator per line
    errors: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    @property
    def fixed(self) -> bool:
        """Managerial and socio-cultural rows are fixed by the dictionary: only the level changes."""
        return self.group != CompetencyGroup.TECHNICAL

    @property
    def from_dictionary(self) -> bool:
        return bool(self.code)

    @property
    def level_number(self) -> int | None:
        return int(self.level) if self.level.isdigit() and int(self.level) in LEVELS else None

    def as_content(self) -> dict[str, Any]:
        return {
            "group": self.group,
            "code": self.code or None,
            "name": self.name,
            "level": self.level_number,
            "description": self.description,
            "indicators": [line.strip() for line in self.indicators.splitlines() if line.strip()],
        }


@dataclass
class RequirementInput:
    key: str
    section: str = ""
    text: str = ""
    importance: str = ""
    errors: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    def as_content(self) -> dict[str, Any]:
        return {"section": self.section, "text": self.text, "importance": self.importance}


@dataclass
class EditorData:
    summary: str = ""
    competencies: list[CompetencyInput] = field(default_factory=list)
    requirements: list[RequirementInput] = field(default_factory=list)
    summary_errors: list[str] = field(default_factory=list)
    competency_errors: list[str] = field(default_factory=list)
    requirement_errors: list[str] = field(default_factory=list)

    def content(self) -> dict[str, Any]:
        return {
            "summary": self.summary,
            "competencies": [row.as_content() for row in self.competencies],
            "requirements": [row.as_content() for row in self.requirements],
        }

    def groups(self) -> list[tuple[str, str, list[CompetencyInput]]]:
        return [
            (letter, str(group.label), [row for row in self.competencies if row.group == group])
            for letter, group in zip("ABC", CompetencyGroup, strict=True)
        ]

    def error_links(self) -> list[tuple[str, str]]:
        """Every problem on the page with the id of the field it concerns, in the page's order."""
        links = [(message, "summary") for message in self.summary_errors]
        links += [(message, "competencies-error") for message in self.competency_errors]
        for row in self.competencies:
            links += [(message, _competency_anchor(row, where)) for where, message in _messages(row)]
        links += [(message, "requirements-error") for message in self.requirement_errors]
        for req in self.requirements:
            links += [(message, _requirement_anchor(req, where)) for where, message in _messages(req)]
        return links

    @property
    def has_errors(self) -> bool:
        rows: list[Any] = [*self.competencies, *self.requirements]
        sections = self.summary_errors or self.competency_errors or self.requirement_errors
        return bool(sections or any(row.errors for row in rows))

    def attach(self, problems: Iterable[Mapping[str, str]]) -> None:
        """Put each problem next to the field it concerns ("competencies[3].level" and so on)."""
        for problem in problems:
            self._attach_one(problem.get("field") or "", problem["message"])

    def _attach_one(self, where: str, message: str) -> None:
        if where == "summary":
            self.summary_errors.append(message)
            return
        match = FIELD.match(where)
        section = self.requirement_errors if where.startswith("requirements") else self.competency_errors
        rows: list[Any] = self.requirements if where.startswith("requirements") else self.competencies
        if match is not None and int(match[2]) < len(rows):
            rows[int(match[2])].errors[match[3] or "row"].append(message)
        else:
            section.append(message)


COMPETENCY_FIELDS = ("level", "description", "indicators")
REQUIREMENT_FIELDS = ("section", "text", "importance")


def _messages(row: CompetencyInput | RequirementInput) -> list[tuple[str, str]]:
    return [(where, message) for where, messages in row.errors.items() for message in messages]


def _competency_anchor(row: CompetencyInput, where: str) -> str:
    # A dictionary row has no name field (the dictionary names it): its problems point at the row.
    if where in COMPETENCY_FIELDS or (where == "name" and not row.from_dictionary):
        return f"c-{row.key}-{where}"
    return f"row-{row.key}"


def _requirement_anchor(row: RequirementInput, where: str) -> str:
    return f"r-{row.key}-{where}" if where in REQUIREMENT_FIELDS else f"req-{row.key}"


def _clean(value: str, limit: int = 10_000) -> str:
    return clean_text(value)[:limit]


def _keys(data: QueryDict, name: str) -> list[str]:
    seen: list[str] = []
    for key in data.getlist(name):
        if KEY.match(key) and key not in seen:
            seen.append(key)
    return seen[:200]


def competency_from(data: QueryDict | Mapping[str, str], key: str) -> CompetencyInput:
    def get(name: str) -> str:
        return _clean(str(data.get(f"c-{key}-{name}", "") or ""))

    group = get("group")
    row = CompetencyInput(
        key=key,
        group=group if group in CompetencyGroup.values else CompetencyGroup.TECHNICAL,
        code=get("code")[:30].strip(),
        name=get("name")[:NAME_MAX_LENGTH],
        level=get("level").strip(),
        description=get("description"),
        indicators=get("indicators"),
    )
    if row.level_number is None:
        row.errors["level"].append(_("Pilih level 1 sampai 5."))
    return row


def parse_editor(data: QueryDict) -> EditorData:
    """Read the editor's POST; rows keep the order of the page, groups in table order."""
    competencies = [competency_from(data, key) for key in _keys(data, "c_key")]
    competencies.sort(key=lambda row: GROUP_ORDER[row.group])
    requirements = [
        RequirementInput(
            key=key,
            section=_clean(data.get(f"r-{key}-section", ""), 40),
            text=_clean(data.get(f"r-{key}-text", "")),
            importance=_clean(data.get(f"r-{key}-importance", ""), 20),
        )
        for key in _keys(data, "r_key")
    ]
    # A row left completely empty (a starter row the user did not need) is not content.
    requirements = [row for row in requirements if row.text.strip() or row.importance]
    return EditorData(
        summary=_clean(data.get("summary", "")), competencies=competencies, requirements=requirements
    )


STARTER_SECTIONS = (RequirementSection.EDUCATION_LEVEL, RequirementSection.FIELD_OF_STUDY)


def editor_from_content(content: Mapping[str, Any]) -> EditorData:
    """The stored document as editor rows; an empty requirements table starts with education rows."""
    competencies = [
        CompetencyInput(
            key=new_key(),
            group=row["group"],
            code=row.get("code") or "",
            name=row.get("name") or "",
            level=str(row.get("level") or ""),
            description=row.get("description") or "",
            indicators="\n".join(row.get("indicators") or []),
        )
        for row in content.get("competencies", [])
    ]
    requirements = [
        RequirementInput(key=new_key(), section=r["section"], text=r["text"], importance=r["importance"])
        for r in content.get("requirements", [])
    ] or [RequirementInput(key=new_key(), section=section) for section in STARTER_SECTIONS]
    return EditorData(
        summary=content.get("summary") or "", competencies=competencies, requirements=requirements
    )
