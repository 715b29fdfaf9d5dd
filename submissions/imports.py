"""Import a competency dictionary from a spreadsheet (.xlsx), all or nothing.

The first sheet holds a title row and one row per (competency, level):

    kode | nama | kelompok | definisi | level | deskripsi | indikator

`kelompok` is manajerial, sosial kultural or teknis; `indikator` holds one indicator per line.
Competencies are matched by (instansi, kode) and levels by (competency, level): importing the same
file twice changes nothing, and levels missing from the file are kept. Every row is checked before
anything is written; one bad row means nothing is saved and every problem is reported with its row.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from os import PathLike
from typing import IO, Any
from zipfile import BadZipFile

from django.db import IntegrityError, transaction
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from submissions.models import Competency, CompetencyGroup, CompetencyLevel, Instansi

Source = str | PathLike[str] | IO[bytes]

# Accepted titles per column, lower case with single spaces.
COLUMNS = {
    "kode": ("kode", "kode kompetensi"),
    "nama": ("nama", "nama kompetensi", "kompetensi"),
    "kelompok": ("kelompok", "kelompok kompetensi", "jenis kompetensi"),
    "definisi": ("definisi", "definisi kompetensi"),
    "level": ("level",),
    "deskripsi": ("deskripsi", "deskripsi level"),
    "indikator": ("indikator", "indikator kompetensi", "indikator perilaku"),
}
OPTIONAL_COLUMNS = {"definisi"}
GROUPS = {
    "manajerial": CompetencyGroup.MANAGERIAL,
    "sosial kultural": CompetencyGroup.SOCIOCULTURAL,
    "sosiokultural": CompetencyGroup.SOCIOCULTURAL,
    "teknis": CompetencyGroup.TECHNICAL,
    **{group.value: group for group in CompetencyGroup},
}
CODE_LENGTH = Competency._meta.get_field("code").max_length or 30
NAME_LENGTH = Competency._meta.get_field("name").max_length or 255
# Export numbers indicators itself ("3.1"); numbering or bullets typed in the sheet would double it.
_LIST_MARKER = re.compile(r"^\s*(?:[-\u2022*]|\d+(?:\.\d+)+\.?|\d+[.)])\s+")


def strip_list_marker(text: str) -> str:
    """An indicator without the bullet or number typed before it ("- ", "3.1 ", "2) ")."""
    return _LIST_MARKER.sub("", text).strip()


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
class ImportResult:
    problems: list[ImportProblem] = field(default_factory=list)
    competencies_created: int = 0
    competencies_updated: int = 0
    levels_created: int = 0
    levels_updated: int = 0
    levels_unchanged: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def summary(self) -> str:
        if not self.ok:
            return f"Impor dibatalkan: {len(self.problems)} masalah ditemukan; tidak ada yang disimpan."
        return (
            f"Impor selesai: {self.competencies_created} kompetensi baru, "
            f"{self.competencies_updated} kompetensi diperbarui; {self.levels_created} level baru, "
            f"{self.levels_updated} level diperbarui, {self.levels_unchanged} level tidak berubah."
        )


@dataclass(frozen=True)
class LevelEntry:
    """One valid row of the sheet."""

    row: int
    code: str
    name: str
    group: str
    definition: str
    level: int
    description: str
    indicators: tuple[str, ...]


def import_dictionary(
    source: Source, instansi: Instansi | None = None, *, dry_run: bool = False
) -> ImportResult:
    """Import the sheet into the dictionary of `instansi` (None: the national dictionary).

    With `dry_run` everything is checked and counted inside the transaction, then rolled back.
    """
    rows, problems = read_rows(source)
    entries, row_problems = parse_rows(rows)
    problems += row_problems + consistency_problems(entries)
    if problems:
        return ImportResult(problems=sorted(problems, key=lambda problem: problem.row or 0))
    try:
        with transaction.atomic(durable=True):
            result = write_entries(entries, instansi)
            transaction.set_rollback(dry_run)
    except IntegrityError:
        # Another import of the same dictionary committed the same codes first.
        return ImportResult(
            problems=[ImportProblem(None, "Kamus sedang diubah oleh proses lain; ulangi impor.")]
        )
    return result


# Reading ------------------------------------------------------------------------------------------


def read_rows(source: Source) -> tuple[list[tuple[int, dict[str, Any]]], list[ImportProblem]]:
    """The non-empty rows of the first sheet as (row number, {column: value})."""
    try:
        workbook = load_workbook(source, read_only=True, data_only=True)
    except FileNotFoundError:
        return [], [ImportProblem(None, f"Berkas tidak ditemukan: {source}.")]
    except (InvalidFileException, BadZipFile, KeyError, OSError, ValueError):
        return [], [ImportProblem(None, "Berkas tidak dapat dibaca sebagai spreadsheet Excel (.xlsx).")]
    try:
        return _sheet_rows(workbook.worksheets[0].iter_rows(values_only=True))
    finally:
        workbook.close()


def _sheet_rows(
    values: Iterator[Sequence[Any]],
) -> tuple[list[tuple[int, dict[str, Any]]], list[ImportProblem]]:
    positions, problems = header_positions(next(values, ()))
    if problems:
        return [], problems
    rows = []
    for number, cells in enumerate(values, start=2):
        if any(_text(cell) for cell in cells):
            rows.append((number, {name: _cell(cells, index) for name, index in positions.items()}))
    if not rows:
        problems.append(ImportProblem(None, "Spreadsheet tidak berisi baris data di bawah baris judul."))
    return rows, problems


def header_positions(titles: Sequence[Any]) -> tuple[dict[str, int], list[ImportProblem]]:
    found = {_normalise(_text(title)): index for index, title in enumerate(titles) if _text(title)}
    positions: dict[str, int] = {}
    problems = []
    for name, aliases in COLUMNS.items():
        index = next((found[alias] for alias in aliases if alias in found), None)
        if index is not None:
            positions[name] = index
        elif name not in OPTIONAL_COLUMNS:
            problems.append(ImportProblem(1, f"Kolom '{name}' tidak ada di baris judul.", name))
    return positions, problems


def _cell(cells: Sequence[Any], index: int) -> Any:
    return cells[index] if index < len(cells) else None


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _normalise(text: str) -> str:
    return " ".join(text.lower().replace("-", " ").replace("_", " ").split())


# Checking -----------------------------------------------------------------------------------------


def parse_rows(rows: Iterable[tuple[int, dict[str, Any]]]) -> tuple[list[LevelEntry], list[ImportProblem]]:
    entries: list[LevelEntry] = []
    problems: list[ImportProblem] = []
    for number, values in rows:
        entry, row_problems = parse_row(number, values)
        problems += row_problems
        if entry is not None:
            entries.append(entry)
    return entries, problems


def parse_row(number: int, values: dict[str, Any]) -> tuple[LevelEntry | None, list[ImportProblem]]:
    code, name = _text(values.get("kode")), _text(values.get("nama"))
    group = GROUPS.get(_normalise(_text(values.get("kelompok"))))
    level = _level(values.get("level"))
    description = _text(values.get("deskripsi"))
    indicators = split_indicators(_text(values.get("indikator")))
    problems = [
        ImportProblem(number, message, column)
        for column, message in _row_messages(values, code, name, group, level, description, indicators)
    ]
    if problems or group is None or level is None:
        return None, problems
    definition = _text(values.get("definisi"))
    return LevelEntry(number, code, name, group, definition, level, description, indicators), []


def _row_messages(
    values: dict[str, Any],
    code: str,
    name: str,
    group: str | None,
    level: int | None,
    description: str,
    indicators: tuple[str, ...],
) -> Iterator[tuple[str, str]]:
    if not code:
        yield "kode", "Kode kompetensi wajib diisi."
    elif len(code) > CODE_LENGTH:
        yield "kode", f"Kode kompetensi paling panjang {CODE_LENGTH} karakter."
    if not name:
        yield "nama", "Nama kompetensi wajib diisi."
    elif len(name) > NAME_LENGTH:
        yield "nama", f"Nama kompetensi paling panjang {NAME_LENGTH} karakter."
    if group is None:
        written = _text(values.get("kelompok")) or "(kosong)"
        yield "kelompok", f"Kelompok '{written}' tidak dikenal; isi manajerial, sosial kultural, atau teknis."
    if level is None:
        written = _text(values.get("level")) or "(kosong)"
        yield "level", f"Level harus bilangan bulat 1 sampai 5, bukan '{written}'."
    if not description:
        yield "deskripsi", "Deskripsi level wajib diisi."
    if not indicators:
        yield "indikator", "Indikator wajib diisi, satu indikator per baris di dalam sel."


def _level(value: Any) -> int | None:
    text = _text(value)
    return int(text) if re.fullmatch(r"[1-5]", text) else None


def split_indicators(text: str) -> tuple[str, ...]:
    lines = (strip_list_marker(line) for line in text.splitlines())
    return tuple(line for line in lines if line)


def consistency_problems(entries: Sequence[LevelEntry]) -> list[ImportProblem]:
    """Rows of one code must agree on name, group and definition, and name each level once."""
    first: dict[str, LevelEntry] = {}
    seen_levels: dict[tuple[str, int], int] = {}
    problems = []
    for entry in entries:
        key = (entry.code, entry.level)
        if key in seen_levels:
            message = f"Kode {entry.code} level {entry.level} sudah ada di baris {seen_levels[key]}."
            problems.append(ImportProblem(entry.row, message, "level"))
        seen_levels.setdefault(key, entry.row)
        earlier = first.setdefault(entry.code, entry)
        problems += _disagreements(earlier, entry)
    return problems


def _disagreements(earlier: LevelEntry, entry: LevelEntry) -> list[ImportProblem]:
    pairs = (
        ("nama", earlier.name, entry.name),
        ("kelompok", earlier.group, entry.group),
        ("definisi", earlier.definition, entry.definition),
    )
    return [
        ImportProblem(
            entry.row,
            f"Kode {entry.code} di baris {earlier.row} berisi {column} yang berbeda; samakan isinya.",
            column,
        )
        for column, before, now in pairs
        if before != now and not (column == "definisi" and not now)
    ]


# Writing ------------------------------------------------------------------------------------------


def write_entries(entries: Sequence[LevelEntry], instansi: Instansi | None) -> ImportResult:
    result = ImportResult()
    competencies = _upsert_competencies(entries, instansi, result)
    _upsert_levels(entries, competencies, result)
    return result


def _upsert_competencies(
    entries: Sequence[LevelEntry], instansi: Instansi | None, result: ImportResult
) -> dict[str, Competency]:
    wanted: dict[str, LevelEntry] = {}
    for entry in entries:
        # Rows of a code agree (see consistency_problems); the definition may be given on one only.
        current = wanted.get(entry.code)
        if current is None or (entry.definition and not current.definition):
            wanted[entry.code] = entry
    existing = {
        competency.code: competency
        for competency in Competency.objects.select_for_update().filter(instansi=instansi, code__in=wanted)
    }
    new, changed = [], []
    for code, entry in wanted.items():
        values = {"name": entry.name, "group": entry.group}
        if entry.definition:  # a sheet without definitions keeps the ones already stored
            values["definition"] = entry.definition
        competency = existing.get(code)
        if competency is None:
            new.append(Competency(code=code, instansi=instansi, **values))
        elif _assign(competency, values):
            changed.append(competency)
    Competency.objects.bulk_create(new)
    Competency.objects.bulk_update(changed, ["name", "group", "definition"])
    result.competencies_created, result.competencies_updated = len(new), len(changed)
    return {**existing, **{competency.code: competency for competency in new}}


def _upsert_levels(
    entries: Sequence[LevelEntry], competencies: dict[str, Competency], result: ImportResult
) -> None:
    existing = {
        (level.competency_id, level.level): level
        for level in CompetencyLevel.objects.filter(competency__in=competencies.values())
    }
    new, changed = [], []
    for entry in entries:
        competency = competencies[entry.code]
        values = {"description": entry.description, "indicators": list(entry.indicators)}
        level = existing.get((competency.pk, entry.level))
        if level is None:
            new.append(CompetencyLevel(competency=competency, level=entry.level, **values))
        elif _assign(level, values):
            changed.append(level)
    CompetencyLevel.objects.bulk_create(new)
    CompetencyLevel.objects.bulk_update(changed, ["description", "indicators"])
    result.levels_created, result.levels_updated = len(new), len(changed)
    result.levels_unchanged = len(entries) - len(new) - len(changed)


def _assign(instance: Any, values: dict[str, Any]) -> bool:
    """Set the values that differ; True when anything changed."""
    changed = {name: value for name, value in values.items() if getattr(instance, name) != value}
    for name, value in changed.items():
        setattr(instance, name, value)
    return bool(changed)
