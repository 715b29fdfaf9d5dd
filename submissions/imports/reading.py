"""Reading an uploaded table (XLSX or CSV, told apart by content) with tablib, row numbers kept.

Columns are found by their titles in the first row (any order, any case, with aliases), so a sheet
someone rearranged still reads; a sheet missing a required title is the wrong template.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import tablib
from tablib.core import InvalidDimensions

from submissions.imports.outcomes import ImportProblem

MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 20_000
XLSX_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # the old binary .xls
NOT_A_TABLE = "Berkas bukan XLSX atau CSV. Unggah templat yang diisi, disimpan sebagai .xlsx atau .csv."


@dataclass(frozen=True)
class Columns:
    """The titles a kind of import understands: canonical name -> accepted titles."""

    titles: Mapping[str, tuple[str, ...]]
    required: frozenset[str]
    template: str  # the kind's name in messages, e.g. "peta jabatan"

    def header(self) -> list[str]:
        return [aliases[0] for aliases in self.titles.values()]


@dataclass
class Table:
    rows: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)


def read_table(content: bytes, columns: Columns) -> Table:
    """The non-empty data rows as (row number, {column: value}), or the problems of the file."""
    if len(content) > MAX_BYTES:
        return Table(
            problems=[ImportProblem(None, "Berkas lebih besar dari 10 MB; bagi menjadi beberapa berkas.")]
        )
    try:
        records = _records(content)
    except _Unreadable as error:
        return Table(problems=[ImportProblem(None, str(error))])
    if not records:
        return Table(problems=[ImportProblem(None, "Berkas kosong.")])
    positions, problems = header_positions(records[0], columns)
    if problems:
        return Table(problems=problems)
    table = Table()
    for number, cells in enumerate(records[1:], start=2):
        if any(text(cell) for cell in cells):
            table.rows.append((number, {name: _cell(cells, index) for name, index in positions.items()}))
    if not table.rows:
        table.problems.append(ImportProblem(None, "Berkas tidak berisi baris data di bawah baris judul."))
    elif len(table.rows) > MAX_ROWS:
        table.problems.append(ImportProblem(None, f"Paling banyak {MAX_ROWS} baris per berkas."))
    return table


class _Unreadable(Exception):
    pass


def _records(content: bytes) -> list[Sequence[Any]]:
    dataset = tablib.Dataset()
    try:
        if content.startswith(XLSX_MAGIC):
            dataset.load(io.BytesIO(content), format="xlsx", headers=False)
        elif content.startswith(OLE_MAGIC):
            raise _Unreadable("Format .xls lama tidak didukung; simpan ulang sebagai .xlsx atau .csv.")
        else:
            text_content = _decode(content)
            dataset.load(text_content, format="csv", headers=False, delimiter=_delimiter(text_content))
    except _Unreadable:
        raise
    except InvalidDimensions as error:
        raise _Unreadable("Ada baris yang berisi lebih banyak kolom daripada baris judul.") from error
    except Exception as error:  # openpyxl and csv raise many kinds for a damaged file
        raise _Unreadable(NOT_A_TABLE) from error
    return [tuple(row) for row in dataset]


def _decode(content: bytes) -> str:
    if b"\x00" in content:
        raise _Unreadable(NOT_A_TABLE)
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise _Unreadable(
            "Berkas CSV harus bersandi UTF-8 (di Excel: Simpan sebagai > CSV UTF-8)."
        ) from error


def _delimiter(content: str) -> str:
    """Spreadsheets set to Indonesian write CSV with semicolons."""
    first_line = content.split("\n", 1)[0]
    return ";" if first_line.count(";") > first_line.count(",") else ","


def header_positions(titles: Sequence[Any], columns: Columns) -> tuple[dict[str, int], list[ImportProblem]]:
    found: dict[str, int] = {}
    for column, title in enumerate(titles):
        found.setdefault(normalise(text(title)), column)
    positions: dict[str, int] = {}
    missing: list[str] = []
    for name, aliases in columns.titles.items():
        index: int | None = next((found[alias] for alias in aliases if alias in found), None)
        if index is not None:
            positions[name] = index
        elif name in columns.required:
            missing.append(aliases[0])
    if missing:
        listed = ", ".join(f"'{title}'" for title in missing)
        message = (
            f"Berkas ini bukan templat {columns.template}: kolom {listed} tidak ada di baris judul. "
            "Unduh templatnya dan isi kolom-kolomnya."
        )
        return {}, [ImportProblem(1, message)]
    return positions, []


def _cell(cells: Sequence[Any], index: int) -> Any:
    return cells[index] if index < len(cells) else None


def text(value: Any) -> str:
    """A cell as trimmed text; whole numbers Excel stored as floats lose their '.0'."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def normalise(value: str) -> str:
    """For matching titles and names: lower case, single spaces, '-' and '_' as spaces."""
    return " ".join(value.lower().replace("-", " ").replace("_", " ").split())


def split_list(value: Any) -> list[str]:
    """A cell holding several names, separated by semicolons or line breaks."""
    parts = text(value).replace("\n", ";").split(";")
    return [" ".join(part.split()) for part in parts if part.strip()]


def whole_number(value: Any) -> int | None:
    """A count of people: a whole number 0 or more (blank is 0); None when it is not one."""
    written = text(value)
    if not written:
        return 0
    return int(written) if written.isdigit() and len(written) <= 6 else None
