"""Import a competency dictionary from a spreadsheet (.xlsx or .csv), all or nothing.

The first sheet holds a title row and one row per (competency, level):

    kode | nama | kelompok | definisi | level | deskripsi | indikator | urusan | penerbit | nomor peraturan

`kelompok` is manajerial, sosial kultural or teknis; `indikator` holds one indicator per line;
`urusan` (a registered government affair), `penerbit` (the ministry or agency that issued a
technical competency; empty for the instansi's own) and `nomor peraturan` are optional.
Competencies are matched by (instansi, kode) and levels by (competency, level): importing the same
file twice changes nothing, and levels missing from the file are kept. Every row is checked before
anything is written; one bad row means nothing is saved and every problem is reported with its row.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path
from typing import IO, Any

from django.db import IntegrityError, transaction

from submissions.imports.base import ImportSpec, Plan, Rows, Written, nothing_to_write
from submissions.imports.outcomes import ImportProblem, Outcome, Preview, RowOutcome
from submissions.imports.reading import Columns, normalise, read_table, text
from submissions.models import Competency, CompetencyGroup, CompetencyLevel, ImportKind, Instansi, Urusan

Source = str | PathLike[str] | IO[bytes]

COLUMNS = Columns(
    titles={
        "kode": ("kode", "kode kompetensi"),
        "nama": ("nama", "nama kompetensi", "kompetensi"),
        "kelompok": ("kelompok", "kelompok kompetensi", "jenis kompetensi"),
        "definisi": ("definisi", "definisi kompetensi"),
        "level": ("level",),
        "deskripsi": ("deskripsi", "deskripsi level"),
        "indikator": ("indikator", "indikator kompetensi", "indikator perilaku"),
        "urusan": ("urusan", "urusan pemerintahan"),
        "penerbit": ("penerbit", "instansi pembina"),
        "peraturan": ("nomor peraturan", "peraturan", "dasar hukum"),
    },
    required=frozenset({"kode", "nama", "kelompok", "level", "deskripsi", "indikator"}),
    template="kamus kompetensi",
)
GROUPS = {
    "manajerial": CompetencyGroup.MANAGERIAL,
    "sosial kultural": CompetencyGroup.SOCIOCULTURAL,
    "sosiokultural": CompetencyGroup.SOCIOCULTURAL,
    "teknis": CompetencyGroup.TECHNICAL,
    **{group.value: group for group in CompetencyGroup},
}
CODE_LENGTH = Competency._meta.get_field("code").max_length or 30
NAME_LENGTH = Competency._meta.get_field("name").max_length or 255
TEXT_LENGTH = 255
# Export numbers indicators itself ("3.1"); numbering or bullets typed in the sheet would double it.
_LIST_MARKER = re.compile(r"^\s*(?:[-\u2022*]|\d+(?:\.\d+)+\.?|\d+[.)])\s+")


def strip_list_marker(value: str) -> str:
    """An indicator without the bullet or number typed before it ("- ", "3.1 ", "2) ")."""
    return _LIST_MARKER.sub("", value).strip()


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
    urusan_id: int | None = None
    issuer: str = ""
    regulation: str = ""


def import_dictionary(
    source: Source, instansi: Instansi | None = None, *, dry_run: bool = False
) -> ImportResult:
    """Import the sheet into the dictionary of `instansi` (None: the national dictionary).

    With `dry_run` everything is checked and counted inside the transaction, then rolled back.
    """
    try:
        content = _content(source)
    except OSError:
        return ImportResult(problems=[ImportProblem(None, f"Berkas tidak ditemukan: {source}.")])
    table = read_table(content, COLUMNS)
    if table.problems:
        return ImportResult(problems=table.problems)
    entries, problems = parse_rows(table.rows, urusan_ids())
    problems += consistency_problems(entries)
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


def _content(source: Source) -> bytes:
    if isinstance(source, str | PathLike):
        return Path(source).read_bytes()
    return source.read()


def urusan_ids() -> dict[str, int]:
    return {normalise(name): pk for pk, name in Urusan.objects.values_list("pk", "name")}


# The preview ------------------------------------------------------------------------------------


def plan(rows: Rows, instansi: Instansi | None) -> Plan:
    """Every row's outcome against the dictionary of `instansi` (None: national), and its writer."""
    preview = Preview(kind=ImportKind.DICTIONARY)
    entries, problems = parse_rows(rows, urusan_ids())
    problems += consistency_problems(entries)
    by_row: dict[int, list[str]] = {}
    for problem in problems:
        by_row.setdefault(problem.row or 0, []).append(problem.message)
    outcomes = _outcomes(entries, instansi)
    for number, values in rows:
        row = RowOutcome(number, f"{text(values.get('kode'))} level {text(values.get('level'))}")
        for message in by_row.get(number, []):
            row.fail(message)
        if row.ok:
            row.outcome, row.notes = outcomes.get(number, (Outcome.UNCHANGED, []))
        preview.rows.append(row)
    if not preview.ok:
        return Plan(preview, nothing_to_write)

    def write() -> Written:
        write_entries(entries, instansi)
        return Written()

    return Plan(preview, write)


def _outcomes(
    entries: Sequence[LevelEntry], instansi: Instansi | None
) -> dict[int, tuple[Outcome, list[str]]]:
    codes = {entry.code for entry in entries}
    competencies = {c.code: c for c in Competency.objects.filter(instansi=instansi, code__in=codes)}
    levels = {
        (level.competency_id, level.level): level
        for level in CompetencyLevel.objects.filter(competency__in=competencies.values())
    }
    result: dict[int, tuple[Outcome, list[str]]] = {}
    for entry in entries:
        competency = competencies.get(entry.code)
        level = levels.get((competency.pk, entry.level)) if competency else None
        if competency is None or level is None:
            result[entry.row] = (Outcome.NEW, [])
            continue
        notes = []
        if _competency_values(entry, competency.definition) != _stored_values(competency):
            notes.append("data kompetensi berubah (nama, kelompok, definisi, urusan, atau penerbit)")
        if (level.description, level.indicators) != (entry.description, list(entry.indicators)):
            notes.append("deskripsi atau indikator berubah")
        result[entry.row] = (Outcome.CHANGED, notes) if notes else (Outcome.UNCHANGED, [])
    return result


def _competency_values(entry: LevelEntry, stored_definition: str) -> dict[str, Any]:
    return {
        "name": entry.name,
        "group": entry.group,
        # A sheet without definitions keeps the ones already stored.
        "definition": entry.definition or stored_definition,
        "urusan_id": entry.urusan_id,
        "issuer": entry.issuer,
        "regulation": entry.regulation,
    }


def _stored_values(competency: Competency) -> dict[str, Any]:
    return {name: getattr(competency, name) for name in COMPETENCY_FIELDS}


COMPETENCY_FIELDS = ["name", "group", "definition", "urusan_id", "issuer", "regulation"]


# Checking -----------------------------------------------------------------------------------------


def parse_rows(
    rows: Iterable[tuple[int, dict[str, Any]]], urusan: dict[str, int]
) -> tuple[list[LevelEntry], list[ImportProblem]]:
    entries: list[LevelEntry] = []
    problems: list[ImportProblem] = []
    for number, values in rows:
        entry, row_problems = parse_row(number, values, urusan)
        problems += row_problems
        if entry is not None:
            entries.append(entry)
    return entries, problems


def parse_row(
    number: int, values: dict[str, Any], urusan: dict[str, int]
) -> tuple[LevelEntry | None, list[ImportProblem]]:
    code, name = text(values.get("kode")), text(values.get("nama"))
    group = GROUPS.get(normalise(text(values.get("kelompok"))))
    level = _level(values.get("level"))
    description = text(values.get("deskripsi"))
    indicators = split_indicators(text(values.get("indikator")))
    problems = [
        ImportProblem(number, message, column)
        for column, message in _row_messages(values, code, name, group, level, description, indicators)
    ]
    urusan_name = " ".join(text(values.get("urusan")).split())
    urusan_id = urusan.get(normalise(urusan_name)) if urusan_name else None
    if urusan_name and urusan_id is None:
        message = f"Urusan '{urusan_name}' tidak dikenal; gunakan nama urusan pemerintahan yang terdaftar."
        problems.append(ImportProblem(number, message, "urusan"))
    issuer, regulation = text(values.get("penerbit")), text(values.get("peraturan"))
    for column, value in (("penerbit", issuer), ("nomor peraturan", regulation)):
        if len(value) > TEXT_LENGTH:
            problems.append(ImportProblem(number, f"Paling panjang {TEXT_LENGTH} karakter.", column))
    if problems or group is None or level is None:
        return None, problems
    definition = text(values.get("definisi"))
    return (
        LevelEntry(
            number,
            code,
            name,
            group,
            definition,
            level,
            description,
            indicators,
            urusan_id,
            issuer,
            regulation,
        ),
        [],
    )


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
        written = text(values.get("kelompok")) or "(kosong)"
        yield "kelompok", f"Kelompok '{written}' tidak dikenal; isi manajerial, sosial kultural, atau teknis."
    if level is None:
        written = text(values.get("level")) or "(kosong)"
        yield "level", f"Level harus bilangan bulat 1 sampai 5, bukan '{written}'."
    if not description:
        yield "deskripsi", "Deskripsi level wajib diisi."
    if not indicators:
        yield "indikator", "Indikator wajib diisi, satu indikator per baris di dalam sel."


def _level(value: Any) -> int | None:
    written = text(value)
    return int(written) if re.fullmatch(r"[1-5]", written) else None


def split_indicators(value: str) -> tuple[str, ...]:
    lines = (strip_list_marker(line) for line in value.splitlines())
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
        ("urusan", earlier.urusan_id, entry.urusan_id),
        ("penerbit", earlier.issuer, entry.issuer),
        ("nomor peraturan", earlier.regulation, entry.regulation),
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
        competency = existing.get(code)
        values = _competency_values(entry, competency.definition if competency else "")
        if competency is None:
            new.append(Competency(code=code, instansi=instansi, **values))
        elif _assign(competency, values):
            changed.append(competency)
    Competency.objects.bulk_create(new)
    Competency.objects.bulk_update(changed, COMPETENCY_FIELDS)
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


SPEC = ImportSpec(
    kind=ImportKind.DICTIONARY,
    columns=COLUMNS,
    examples=tuple(
        (
            "T.KES.01",
            "Surveilans Kesehatan",
            "teknis",
            "Kemampuan mengumpulkan dan menganalisis data penyakit." if level == 1 else "",
            level,
            f"Deskripsi level {level}.",
            f"{level}.1 Indikator pertama\n{level}.2 Indikator kedua\n{level}.3 Indikator ketiga",
            "Kesehatan",
            "Kementerian Kesehatan",
            "",
        )
        for level in range(1, 6)
    ),
    plan=plan,
    national=True,
)
