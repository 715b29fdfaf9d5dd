"""Importing the peta jabatan: every position of every OPD, with its parent and headcount.

A position is matched by (OPD, name, sub-unit). Its parent is named in the same OPD (with the
parent's sub-unit when the name repeats); a parent in another OPD, an unknown one or a cycle of
parents is an error on the rows concerned. Writes are bulk: one insert for the new positions, one
update for the changed ones, and the urusan links in two statements.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from submissions.imports.base import ImportSpec, Plan, Rows, Written, nothing_to_write
from submissions.imports.outcomes import ImportProblem, Outcome, Preview, RowOutcome
from submissions.imports.reading import Columns, normalise, split_list, text, whole_number
from submissions.models import (
    OPD,
    FunctionalRank,
    ImportKind,
    Instansi,
    Position,
    PositionKind,
    Submission,
    Urusan,
)

COLUMNS = Columns(
    titles={
        "opd": ("opd", "nama opd", "unit kerja"),
        "jabatan": ("jabatan", "nama jabatan"),
        "sub_unit": ("sub unit", "subunit", "bidang"),
        "atasan": ("atasan", "jabatan atasan"),
        "sub_unit_atasan": ("sub unit atasan", "subunit atasan"),
        "opd_atasan": ("opd atasan",),
        "kelompok": ("kelompok", "kelompok jabatan", "jenis jabatan"),
        "jenjang": ("jenjang", "jenjang jabatan"),
        "urusan": ("urusan", "urusan pemerintahan"),
        "bezetting": ("bezetting", "pemangku"),
        "kebutuhan": ("kebutuhan", "kebutuhan pegawai"),
        "kode": ("kode", "kode jabatan"),
    },
    required=frozenset({"opd", "jabatan", "kelompok"}),
    template="peta jabatan",
)
NAME_LENGTH = Position._meta.get_field("name").max_length or 255
CODE_LENGTH = Position._meta.get_field("code").max_length or 50
KINDS = {normalise(choice): value for value, label in PositionKind.choices for choice in (value, label)}
RANKS = {normalise(choice): value for value, label in FunctionalRank.choices for choice in (value, label)}
FIELDS = ["kind", "rank", "code", "bezetting", "kebutuhan", "parent", "active"]

Key = tuple[int, str, str]  # (OPD id, normalised name, normalised sub-unit)


@dataclass
class Entry:
    """One valid row: the position it describes and the parent it names."""

    row: RowOutcome
    key: Key
    opd: OPD
    name: str
    sub_unit: str
    kind: str
    rank: str
    code: str
    bezetting: int
    kebutuhan: int
    urusan_ids: frozenset[int]
    parent_name: str
    parent_sub_unit: str | None
    parent_key: Key | None = None
    position: Position | None = None


@dataclass
class World:
    """What the instansi already has, read in a handful of queries."""

    opds: dict[str, OPD]
    urusan: dict[str, int]
    positions: dict[Key, Position]
    urusan_of: dict[int, frozenset[int]]
    with_standard: set[int]
    names: dict[tuple[int, str], list[Key]] = field(default_factory=dict)
    key_of_pk: dict[int, Key] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.key_of_pk = {position.pk: key for key, position in self.positions.items()}


def plan(rows: Rows, instansi: Instansi | None) -> Plan:
    preview = Preview(kind=ImportKind.PETA_JABATAN)
    if instansi is None:
        preview.problems.append(ImportProblem(None, "Peta jabatan selalu diimpor ke satu instansi."))
        return Plan(preview, nothing_to_write)
    world = _world(instansi)
    entries = _entries(rows, world, preview)
    _resolve_parents(entries, world)
    _find_cycles(entries, world)
    new, changed, links = _compare(entries, world)
    if not preview.ok:
        return Plan(preview, nothing_to_write)

    def write() -> Written:
        _write(entries, world, new, changed, links)
        return Written(
            new_position_ids=[e.position.pk for e in new if e.position is not None],
            changed_position_ids=[e.position.pk for e in changed if e.position is not None],
        )

    return Plan(preview, write)


# Reading what exists ------------------------------------------------------------------------------


def _world(instansi: Instansi) -> World:
    opds: dict[str, OPD] = {}
    for opd in OPD.objects.filter(instansi=instansi):
        opds[normalise(opd.name)] = opd
        if opd.short_name:
            opds.setdefault(normalise(opd.short_name), opd)
    positions = {
        (position.opd_id, normalise(position.name), normalise(position.sub_unit)): position
        for position in Position.objects.filter(opd__instansi=instansi).order_by()
    }
    links: dict[int, set[int]] = {}
    through = Position.urusan.through.objects.filter(position__opd__instansi=instansi)
    for position_id, urusan_id in through.values_list("position_id", "urusan_id"):
        links.setdefault(position_id, set()).add(urusan_id)
    with_standard = set(Submission.objects.filter(instansi=instansi).values_list("position_id", flat=True))
    return World(
        opds=opds,
        urusan={normalise(name): pk for pk, name in Urusan.objects.values_list("pk", "name")},
        positions=positions,
        urusan_of={pk: frozenset(ids) for pk, ids in links.items()},
        with_standard=with_standard,
    )


# Checking each row --------------------------------------------------------------------------------


def _entries(rows: Rows, world: World, preview: Preview) -> list[Entry]:
    entries: list[Entry] = []
    seen: dict[Key, int] = {}
    for number, values in rows:
        entry = _entry(number, values, world, preview)
        if entry is None:
            continue
        if entry.key in seen:
            entry.row.fail(f"Jabatan ini sudah ada di baris {seen[entry.key]} (OPD, nama dan sub-unit sama).")
            continue
        seen[entry.key] = number
        entries.append(entry)
    for entry in entries:
        world.names.setdefault((entry.opd.pk, entry.key[1]), []).append(entry.key)
    for key in world.positions:
        if key not in seen:
            world.names.setdefault((key[0], key[1]), []).append(key)
    return entries


def _entry(number: int, values: dict[str, Any], world: World, preview: Preview) -> Entry | None:
    name = " ".join(text(values.get("jabatan")).split())
    sub_unit = " ".join(text(values.get("sub_unit")).split())
    opd_name = text(values.get("opd"))
    outcome = RowOutcome(
        number, " - ".join(part for part in (opd_name, name, sub_unit) if part) or "(kosong)"
    )
    preview.rows.append(outcome)
    opd = world.opds.get(normalise(opd_name))
    if not opd_name:
        outcome.fail("Nama OPD wajib diisi.")
    elif opd is None:
        outcome.fail(f"OPD '{opd_name}' tidak dikenal di instansi ini; impor daftar OPD dulu.")
    elif not opd.active:
        outcome.fail(f"OPD {opd.name} sudah nonaktif.")
    if not name:
        outcome.fail("Nama jabatan wajib diisi.")
    elif len(name) > NAME_LENGTH:
        outcome.fail(f"Nama jabatan paling panjang {NAME_LENGTH} karakter.")
    kind, rank = _kind_and_rank(values, outcome)
    code = text(values.get("kode"))
    if len(code) > CODE_LENGTH:
        outcome.fail(f"Kode jabatan paling panjang {CODE_LENGTH} karakter.")
    counts = {column: whole_number(values.get(column)) for column in ("bezetting", "kebutuhan")}
    for column, count in counts.items():
        if count is None:
            outcome.fail(
                f"{column.capitalize()} harus bilangan bulat 0 atau lebih, "
                f"bukan '{text(values.get(column))}'."
            )
    urusan_ids = _urusan(values, world, outcome)
    parent_name = " ".join(text(values.get("atasan")).split())
    parent_sub_unit = text(values.get("sub_unit_atasan")) if text(values.get("sub_unit_atasan")) else None
    parent_opd = text(values.get("opd_atasan"))
    if parent_opd and opd is not None and world.opds.get(normalise(parent_opd)) != opd:
        outcome.fail(f"Atasan harus berada di OPD yang sama ({opd.name}), bukan di '{parent_opd}'.")
    if not outcome.ok or opd is None:
        return None
    return Entry(
        row=outcome,
        key=(opd.pk, normalise(name), normalise(sub_unit)),
        opd=opd,
        name=name,
        sub_unit=sub_unit,
        kind=kind,
        rank=rank,
        code=code,
        bezetting=counts["bezetting"] or 0,
        kebutuhan=counts["kebutuhan"] or 0,
        urusan_ids=urusan_ids,
        parent_name=parent_name,
        parent_sub_unit=parent_sub_unit,
    )


def _kind_and_rank(values: dict[str, Any], outcome: RowOutcome) -> tuple[str, str]:
    written_kind, written_rank = text(values.get("kelompok")), text(values.get("jenjang"))
    kind = KINDS.get(normalise(written_kind), "")
    rank = RANKS.get(normalise(written_rank), "")
    if not kind:
        known = ", ".join(PositionKind.labels)
        outcome.fail(
            f"Kelompok jabatan '{written_kind or '(kosong)'}' tidak dikenal; isi salah satu: {known}."
        )
    elif kind == PositionKind.FUNGSIONAL and not rank:
        known = ", ".join(FunctionalRank.labels)
        outcome.fail(f"Jabatan fungsional wajib memiliki jenjang ({known}).")
    elif kind != PositionKind.FUNGSIONAL and written_rank:
        outcome.fail("Jenjang hanya diisi untuk jabatan fungsional.")
    return kind, rank if kind == PositionKind.FUNGSIONAL else ""


def _urusan(values: dict[str, Any], world: World, outcome: RowOutcome) -> frozenset[int]:
    ids = set()
    for name in split_list(values.get("urusan")):
        pk = world.urusan.get(normalise(name))
        if pk is None:
            outcome.fail(f"Urusan '{name}' tidak dikenal; gunakan nama urusan pemerintahan yang terdaftar.")
        else:
            ids.add(pk)
    return frozenset(ids)


# Parents ------------------------------------------------------------------------------------------


def _resolve_parents(entries: list[Entry], world: World) -> None:
    opds_by_name: dict[str, set[int]] = {}
    for opd_id, name in world.names:
        opds_by_name.setdefault(name, set()).add(opd_id)
    opd_names = {opd.pk: opd.name for opd in world.opds.values()}
    for entry in entries:
        if not entry.parent_name:
            continue
        wanted = normalise(entry.parent_name)
        candidates = world.names.get((entry.opd.pk, wanted), [])
        if entry.parent_sub_unit is not None:
            candidates = [key for key in candidates if key[2] == normalise(entry.parent_sub_unit)]
        elsewhere = sorted(opds_by_name.get(wanted, set()) - {entry.opd.pk})
        if len(candidates) == 1:
            entry.parent_key = candidates[0]
        elif candidates:
            entry.row.fail(
                f"Atasan '{entry.parent_name}' ada lebih dari satu di {entry.opd.name}; "
                "isi kolom 'sub unit atasan'."
            )
        elif elsewhere:
            entry.row.fail(
                f"Atasan '{entry.parent_name}' berada di OPD lain ({opd_names[elsewhere[0]]}); "
                f"atasan harus jabatan di {entry.opd.name}."
            )
        else:
            entry.row.fail(f"Atasan '{entry.parent_name}' tidak ditemukan di {entry.opd.name}.")


def _find_cycles(entries: list[Entry], world: World) -> None:
    """Follow each row's chain of parents (the file's, else the stored ones); a loop is an error."""
    parent_of: dict[Key, Key | None] = {}
    for key, position in world.positions.items():
        parent_of[key] = world.key_of_pk.get(position.parent_id) if position.parent_id else None
    for entry in entries:
        parent_of[entry.key] = entry.parent_key
    labels = {key: position.name for key, position in world.positions.items()}
    labels.update({entry.key: entry.name for entry in entries})
    for entry in entries:
        if entry.parent_key is None or not entry.row.ok:
            continue
        chain = [entry.key]
        current: Key | None = entry.parent_key
        while current is not None and current not in chain and len(chain) <= len(parent_of):
            chain.append(current)
            current = parent_of.get(current)
        if current == entry.key:
            names = " -> ".join(labels.get(key, key[1]) for key in [*chain, entry.key])
            entry.row.fail(f"Atasan membentuk lingkaran: {names}.")


# Comparing and writing ----------------------------------------------------------------------------


def _compare(entries: list[Entry], world: World) -> tuple[list[Entry], list[Entry], list[Entry]]:
    new, changed, links = [], [], []
    for entry in entries:
        if not entry.row.ok:
            continue
        position = world.positions.get(entry.key)
        if position is None:
            entry.row.outcome = Outcome.NEW
            entry.position = Position(opd=entry.opd, name=entry.name, sub_unit=entry.sub_unit)
            new.append(entry)
            links.append(entry)
            continue
        entry.position = position
        notes = _changes(entry, position, world)
        if position.pk in world.with_standard and position.kind != entry.kind:
            entry.row.fail(
                f"Kelompok jabatan {position.get_kind_display()} tidak dapat diubah karena standarnya "
                "sudah disusun; kelompok baru berlaku melalui versi baru standar."
            )
            continue
        if world.urusan_of.get(position.pk, frozenset()) != entry.urusan_ids:
            notes.append("urusan berubah")
            links.append(entry)
        if notes:
            entry.row.outcome, entry.row.notes = Outcome.CHANGED, notes
            changed.append(entry)
    return new, changed, links


def _changes(entry: Entry, position: Position, world: World) -> list[str]:
    stored_parent = world.key_of_pk.get(position.parent_id) if position.parent_id else None
    pairs: Iterable[tuple[str, Any, Any]] = (
        ("kelompok", position.kind, entry.kind),
        ("jenjang", position.rank, entry.rank),
        ("kode", position.code, entry.code),
        ("bezetting", position.bezetting, entry.bezetting),
        ("kebutuhan", position.kebutuhan, entry.kebutuhan),
    )
    notes = [f"{label}: '{before}' menjadi '{after}'" for label, before, after in pairs if before != after]
    if stored_parent != entry.parent_key:
        notes.append(f"atasan menjadi '{entry.parent_name or '(tidak ada)'}'")
    if not position.active:
        notes.append("diaktifkan kembali")
    return notes


def _write(
    entries: list[Entry], world: World, new: list[Entry], changed: list[Entry], links: list[Entry]
) -> None:
    by_key: dict[Key, Position] = dict(world.positions)
    by_key.update({entry.key: entry.position for entry in entries if entry.position is not None})
    for entry in [*new, *changed]:
        position = entry.position
        assert position is not None
        position.kind, position.rank, position.code = entry.kind, entry.rank, entry.code
        position.bezetting, position.kebutuhan, position.active = entry.bezetting, entry.kebutuhan, True
    # New positions go in level by level, parents first, so each row is inserted with its parent's
    # id and never updated afterwards (Django's bulk_update is slow to build for thousands of rows).
    for level in _levels(new):
        for entry in level:
            assert entry.position is not None
            entry.position.parent = by_key[entry.parent_key] if entry.parent_key else None
        Position.objects.bulk_create([entry.position for entry in level if entry.position], batch_size=1000)
    for entry in changed:
        assert entry.position is not None
        entry.position.parent = by_key[entry.parent_key] if entry.parent_key else None
    Position.objects.bulk_update([e.position for e in changed if e.position], FIELDS, batch_size=500)
    _write_links(links)


def _levels(new: list[Entry]) -> list[list[Entry]]:
    """New positions grouped so that a position comes after the new position above it."""
    pending = {entry.key: entry for entry in new}
    levels: list[list[Entry]] = []
    while pending:
        level = [e for e in pending.values() if e.parent_key is None or e.parent_key not in pending]
        if not level:  # a cycle; the preview refuses those, so this is only a guard
            raise ValueError("Atasan membentuk lingkaran.")
        levels.append(level)
        for entry in level:
            del pending[entry.key]
    return levels


def _write_links(links: list[Entry]) -> None:
    through = Position.urusan.through
    ids = [entry.position.pk for entry in links if entry.position is not None]
    through.objects.filter(position_id__in=ids).delete()
    through.objects.bulk_create(
        [
            through(position_id=entry.position.pk, urusan_id=urusan_id)
            for entry in links
            if entry.position is not None
            for urusan_id in sorted(entry.urusan_ids)
        ],
        batch_size=2000,
    )


SPEC = ImportSpec(
    kind=ImportKind.PETA_JABATAN,
    columns=COLUMNS,
    examples=(
        (
            "Dinas Kesehatan",
            "Kepala Dinas Kesehatan",
            "",
            "",
            "",
            "",
            "JPT Pratama",
            "",
            "Kesehatan",
            1,
            1,
            "",
        ),
        (
            "Dinas Kesehatan",
            "Sekretaris Dinas",
            "Sekretariat",
            "Kepala Dinas Kesehatan",
            "",
            "",
            "Administrator",
            "",
            "Kesehatan",
            1,
            1,
            "",
        ),
        (
            "Dinas Kesehatan",
            "Epidemiolog Kesehatan",
            "Bidang Pencegahan Penyakit",
            "Sekretaris Dinas",
            "Sekretariat",
            "",
            "Fungsional",
            "Ahli Muda",
            "Kesehatan",
            2,
            3,
            "",
        ),
    ),
    plan=plan,
)
