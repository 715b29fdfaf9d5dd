"""What changed between two versions of a document's content, in words a reviewer reads.

Competency rows are matched by (group, code), or by (group, name) for rows without a code;
requirement rows by (section, text). A requirement whose text was reworded therefore shows as one
removed and one added row, which is also how a reviewer compares the two printed tables.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Any

from submissions.models import CompetencyGroup, Importance, RequirementSection
from workflow.models import Snapshot

Row = Mapping[str, Any]
RowKey = tuple[str, str, int]


class ChangeKind(StrEnum):
    ADDED = "added"
    REMOVED = "removed"
    LEVEL_CHANGED = "level_changed"
    TEXT_CHANGED = "text_changed"
    IMPORTANCE_CHANGED = "importance_changed"
    SUMMARY_CHANGED = "summary_changed"


@dataclass(frozen=True)
class Change:
    kind: ChangeKind
    group: str  # competency group, requirement section, or "summary"
    label: str  # the competency's name or the requirement's text
    old: Any
    new: Any
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "kind": self.kind.value}


def diff_snapshots(a: Snapshot, b: Snapshot) -> list[Change]:
    return diff_contents(a.content, b.content)


def diff_contents(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[Change]:
    """Every change from `old` to `new`: summary first, then competencies, then requirements."""
    changes = _summary_changes(old.get("summary") or "", new.get("summary") or "")
    changes += _row_changes(old.get("competencies", []), new.get("competencies", []), _CompetencyRows)
    changes += _row_changes(old.get("requirements", []), new.get("requirements", []), _RequirementRows)
    return changes


def _summary_changes(old: str, new: str) -> list[Change]:
    if old.strip() == new.strip():
        return []
    return [
        Change(
            ChangeKind.SUMMARY_CHANGED, "summary", "Ikhtisar jabatan", old, new, "Ikhtisar jabatan diubah."
        )
    ]


def _row_changes(old: Sequence[Row], new: Sequence[Row], rows: type[_Rows]) -> list[Change]:
    old_by_key = dict(_keyed(old, rows))
    new_by_key = dict(_keyed(new, rows))
    changes: list[Change] = []
    for key, row in new_by_key.items():
        if key in old_by_key:
            changes += rows.compare(old_by_key[key], row)
        else:
            changes.append(rows.added(row))
    changes += [rows.removed(row) for key, row in old_by_key.items() if key not in new_by_key]
    return changes


def _keyed(rows: Iterable[Row], kind: type[_Rows]) -> Iterable[tuple[RowKey, Row]]:
    # A second row with the same identity is matched with the second one of the other side.
    seen: Counter[tuple[str, str]] = Counter()
    for row in rows:
        identity = kind.identity(row)
        seen[identity] += 1
        yield (*identity, seen[identity]), row


class _Rows:
    @staticmethod
    def identity(row: Row) -> tuple[str, str]:
        raise NotImplementedError

    @staticmethod
    def added(row: Row) -> Change:
        raise NotImplementedError

    @staticmethod
    def removed(row: Row) -> Change:
        raise NotImplementedError

    @staticmethod
    def compare(old: Row, new: Row) -> list[Change]:
        raise NotImplementedError


def _group_label(group: str) -> str:
    return CompetencyGroup(group).label if group in CompetencyGroup.values else group


def _section_label(section: str) -> str:
    return RequirementSection(section).label if section in RequirementSection.values else section


def _importance_label(importance: str | None) -> str:
    if importance in Importance.values:
        return str(Importance(importance).label)
    return importance or "-"


class _CompetencyRows(_Rows):
    @staticmethod
    def identity(row: Row) -> tuple[str, str]:
        code = (row.get("code") or "").strip()
        return row["group"], code.upper() if code else f"nama:{row['name'].strip().casefold()}"

    @staticmethod
    def added(row: Row) -> Change:
        group = _group_label(row["group"])
        message = f"Kompetensi {group.lower()} {row['name']} (level {row['level']}) ditambahkan."
        return Change(ChangeKind.ADDED, row["group"], row["name"], None, row["level"], message)

    @staticmethod
    def removed(row: Row) -> Change:
        group = _group_label(row["group"])
        message = f"Kompetensi {group.lower()} {row['name']} (level {row['level']}) dihapus."
        return Change(ChangeKind.REMOVED, row["group"], row["name"], row["level"], None, message)

    @staticmethod
    def compare(old: Row, new: Row) -> list[Change]:
        group, name = new["group"], new["name"]
        changes = []
        if old["level"] != new["level"]:
            message = f"Level {name} berubah dari {old['level']} menjadi {new['level']}."
            changes.append(Change(ChangeKind.LEVEL_CHANGED, group, name, old["level"], new["level"], message))
        for field, what in (("name", "Nama"), ("description", "Deskripsi"), ("indicators", "Indikator")):
            if (old.get(field) or "") != (new.get(field) or ""):
                message = f"{what} kompetensi {name} diubah."
                changes.append(
                    Change(ChangeKind.TEXT_CHANGED, group, name, old.get(field), new.get(field), message)
                )
        return changes


class _RequirementRows(_Rows):
    @staticmethod
    def identity(row: Row) -> tuple[str, str]:
        return row["section"], " ".join(row["text"].split()).casefold()

    @staticmethod
    def added(row: Row) -> Change:
        section, importance = _section_label(row["section"]), _importance_label(row.get("importance"))
        message = f'Persyaratan "{section}" ditambahkan: {row["text"]} ({importance}).'
        return Change(ChangeKind.ADDED, row["section"], row["text"], None, row.get("importance"), message)

    @staticmethod
    def removed(row: Row) -> Change:
        section, importance = _section_label(row["section"]), _importance_label(row.get("importance"))
        message = f'Persyaratan "{section}" dihapus: {row["text"]} ({importance}).'
        return Change(ChangeKind.REMOVED, row["section"], row["text"], row.get("importance"), None, message)

    @staticmethod
    def compare(old: Row, new: Row) -> list[Change]:
        if old.get("importance") == new.get("importance"):
            return []
        before, after = _importance_label(old.get("importance")), _importance_label(new.get("importance"))
        message = f'Tingkat pentingnya persyaratan "{new["text"]}" berubah dari {before} menjadi {after}.'
        change = Change(
            ChangeKind.IMPORTANCE_CHANGED,
            new["section"],
            new["text"],
            old.get("importance"),
            new.get("importance"),
            message,
        )
        return [change]
