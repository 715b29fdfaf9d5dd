"""What an import would do with each row: new, changed, unchanged, or an error with its reason."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum


class Outcome(StrEnum):
    NEW = "new"
    CHANGED = "changed"
    UNCHANGED = "unchanged"
    ERROR = "error"

    @property
    def label(self) -> str:
        return OUTCOME_LABELS[self]


OUTCOME_LABELS = {
    Outcome.NEW: "baru",
    Outcome.CHANGED: "berubah",
    Outcome.UNCHANGED: "tidak berubah",
    Outcome.ERROR: "salah",
}


@dataclass(frozen=True)
class ImportProblem:
    row: int | None  # the spreadsheet's row number (the title row is 1); None for the file itself
    message: str
    column: str = ""

    def __str__(self) -> str:
        if self.row is None:
            return self.message
        column = f", kolom {self.column}" if self.column else ""
        return f"Baris {self.row}{column}: {self.message}"


@dataclass
class RowOutcome:
    """One data row of the file and what committing it would do."""

    row: int
    label: str
    outcome: Outcome = Outcome.UNCHANGED
    notes: list[str] = field(default_factory=list)  # the changes, or the reasons of an error

    def fail(self, message: str) -> None:
        self.outcome = Outcome.ERROR
        self.notes.append(message)

    @property
    def ok(self) -> bool:
        return self.outcome != Outcome.ERROR

    def as_dict(self) -> dict[str, object]:
        return {
            "row": self.row,
            "label": self.label,
            "outcome": self.outcome.value,
            "outcome_label": self.outcome.label,
            "notes": list(self.notes),
        }


@dataclass
class Preview:
    """Every row's outcome plus the problems of the file as a whole; `ok` means it may be committed."""

    kind: str
    rows: list[RowOutcome] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)
    committed: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems and all(row.ok for row in self.rows)

    @property
    def errors(self) -> list[RowOutcome]:
        return [row for row in self.rows if not row.ok]

    @property
    def counts(self) -> dict[str, int]:
        counted = Counter(row.outcome for row in self.rows)
        return {outcome.value: counted.get(outcome, 0) for outcome in Outcome}

    @property
    def summary(self) -> str:
        counts = self.counts
        if not self.ok:
            bad = counts[Outcome.ERROR] + len(self.problems)
            return f"Tidak ada yang disimpan: {bad} masalah ditemukan. Perbaiki berkas lalu unggah lagi."
        verb = "Tersimpan" if self.committed else "Akan disimpan"
        return (
            f"{verb}: {counts[Outcome.NEW]} baru, {counts[Outcome.CHANGED]} berubah, "
            f"{counts[Outcome.UNCHANGED]} tidak berubah."
        )

    def all_problems(self) -> list[str]:
        """Every reason, each with its row number, for a command's output or an API error list."""
        lines = [str(problem) for problem in self.problems]
        for row in self.errors:
            lines += [f"Baris {row.row}: {note}" for note in row.notes]
        return lines

    def as_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "ok": self.ok,
            "committed": self.committed,
            "summary": self.summary,
            "counts": self.counts,
            "problems": [str(problem) for problem in self.problems],
            "rows": [row.as_dict() for row in self.rows],
        }
