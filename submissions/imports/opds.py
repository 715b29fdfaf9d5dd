"""Importing the OPDs of an instansi: `nama | singkatan | aktif`, matched by name."""

from __future__ import annotations

from submissions.imports.base import ImportSpec, Plan, Rows, Written, nothing_to_write
from submissions.imports.outcomes import ImportProblem, Outcome, Preview, RowOutcome
from submissions.imports.reading import Columns, normalise, text
from submissions.models import OPD, ImportKind, Instansi

COLUMNS = Columns(
    titles={
        "nama": ("nama", "nama opd", "opd"),
        "singkatan": ("singkatan",),
        "aktif": ("aktif",),
    },
    required=frozenset({"nama"}),
    template="daftar OPD",
)
NAME_LENGTH = OPD._meta.get_field("name").max_length or 200
SHORT_LENGTH = OPD._meta.get_field("short_name").max_length or 40
YES = {"", "ya", "y", "aktif", "1", "true"}
NO = {"tidak", "t", "nonaktif", "0", "false"}


def plan(rows: Rows, instansi: Instansi | None) -> Plan:
    preview = Preview(kind=ImportKind.OPDS)
    if instansi is None:
        preview.problems.append(_no_instansi())
        return Plan(preview, nothing_to_write)
    existing = {normalise(opd.name): opd for opd in OPD.objects.filter(instansi=instansi)}
    seen: dict[str, int] = {}
    new: list[OPD] = []
    changed: list[OPD] = []
    for number, values in rows:
        name = " ".join(text(values.get("nama")).split())
        short_name = text(values.get("singkatan"))
        active_text = normalise(text(values.get("aktif")))
        outcome = RowOutcome(number, name or "(tanpa nama)")
        preview.rows.append(outcome)
        if not name:
            outcome.fail("Nama OPD wajib diisi.")
        elif len(name) > NAME_LENGTH:
            outcome.fail(f"Nama OPD paling panjang {NAME_LENGTH} karakter.")
        if len(short_name) > SHORT_LENGTH:
            outcome.fail(f"Singkatan paling panjang {SHORT_LENGTH} karakter.")
        if active_text not in YES | NO:
            outcome.fail(f"Kolom aktif berisi '{text(values.get('aktif'))}'; isi 'ya' atau 'tidak'.")
        key = normalise(name)
        if name and key in seen:
            outcome.fail(f"OPD {name} sudah ada di baris {seen[key]}.")
        seen.setdefault(key, number)
        if not outcome.ok:
            continue
        active = active_text not in NO
        opd = existing.get(key)
        if opd is None:
            outcome.outcome = Outcome.NEW
            new.append(OPD(instansi=instansi, name=name, short_name=short_name, active=active))
            continue
        notes = _changes(opd, short_name, active)
        if notes:
            outcome.outcome, outcome.notes = Outcome.CHANGED, notes
            opd.short_name, opd.active = short_name, active
            changed.append(opd)

    def write() -> Written:
        OPD.objects.bulk_create(new)
        OPD.objects.bulk_update(changed, ["short_name", "active"])
        return Written()

    return Plan(preview, write)


def _changes(opd: OPD, short_name: str, active: bool) -> list[str]:
    notes = []
    if opd.short_name != short_name:
        notes.append(f"singkatan: '{opd.short_name}' menjadi '{short_name}'")
    if opd.active != active:
        notes.append("diaktifkan kembali" if active else "dinonaktifkan")
    return notes


def _no_instansi() -> ImportProblem:
    return ImportProblem(None, "Daftar OPD selalu diimpor ke satu instansi.")


SPEC = ImportSpec(
    kind=ImportKind.OPDS,
    columns=COLUMNS,
    examples=(
        ("Dinas Kesehatan", "Dinkes", "ya"),
        ("Dinas Pendidikan", "Disdik", "ya"),
    ),
    plan=plan,
)
