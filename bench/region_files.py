"""Spreadsheets of a realistic region, for the import tests and the import benchmark.

A kabupaten of `opds` OPDs, each with a head, a secretary, heads of division (kabid) and under
them section heads, executors and functional positions: every position but the head has a parent
in its own OPD. Files are built with tablib, as Bagian Organisasi would fill the templates.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import tablib

from submissions.imports import KINDS
from submissions.models import ImportKind

URUSAN = ("Kesehatan", "Pendidikan", "Perhubungan", "Kesekretariatan", "Pekerjaan Umum")


def opd_names(opds: int) -> list[str]:
    return [f"Dinas Urusan {number:02d}" for number in range(1, opds + 1)]


def table(kind: str, rows: list[tuple[Any, ...]], file_format: str = "xlsx") -> bytes:
    dataset = tablib.Dataset(*rows, headers=KINDS[kind].columns.header())
    exported = dataset.export(file_format)
    return exported.encode("utf-8") if isinstance(exported, str) else bytes(exported)


def opd_rows(opds: int) -> list[tuple[Any, ...]]:
    return [(name, f"D{number:02d}", "ya") for number, name in enumerate(opd_names(opds), start=1)]


def peta_rows(opds: int, per_opd: int) -> list[tuple[Any, ...]]:
    """`per_opd` positions per OPD (at least 3), parents always before their children."""
    rows: list[tuple[Any, ...]] = []
    for number, opd in enumerate(opd_names(opds)):
        urusan = URUSAN[number % len(URUSAN)]
        rows += list(_opd_positions(opd, urusan, per_opd))
    return rows


def _opd_positions(opd: str, urusan: str, per_opd: int) -> Iterator[tuple[Any, ...]]:
    # (opd, jabatan, sub unit, atasan, sub unit atasan, opd atasan, kelompok, jenjang, urusan, B, K, kode)
    head = f"Kepala {opd}"
    yield (opd, head, "", "", "", "", "JPT Pratama", "", urusan, 1, 1, "")
    yield (opd, "Sekretaris", "Sekretariat", head, "", "", "Administrator", "", "Kesekretariatan", 1, 1, "")
    divisions = max(1, (per_opd - 2) // 8)
    made = 2
    for division in range(1, divisions + 1):
        if made >= per_opd:
            return
        unit = f"Bidang {division}"
        yield (opd, f"Kepala Bidang {division}", unit, head, "", "", "Administrator", "", urusan, 1, 1, "")
        made += 1
        below = 0
        while made < per_opd and (below < 7 or division == divisions):
            below += 1
            kind, rank = [("Pengawas", ""), ("Pelaksana", ""), ("Fungsional", "Ahli Muda")][below % 3]
            name = f"{kind} {unit} nomor {below}"
            yield (
                opd,
                name,
                unit,
                f"Kepala Bidang {division}",
                unit,
                "",
                kind,
                rank,
                urusan,
                below % 4,
                2,
                "",
            )
            made += 1


BLANK4 = ("", "", "", "")


def people_rows(opds: int, users: int) -> list[tuple[Any, ...]]:
    """Drafters and reviewers spread over the OPDs, one Bagian Organisasi, each with one role."""
    names = opd_names(opds)
    rows: list[tuple[Any, ...]] = [
        (
            "organisasi.kepala",
            "Kepala Bagian Organisasi",
            "organisasi@pemda.example",
            "bagian organisasi",
            "",
            *BLANK4,
        )
    ]
    for number in range(1, users):
        role = "pemeriksa" if number % 3 == 0 else "penyusun"
        opd = names[number % len(names)]
        username = f"pegawai{number:04d}"
        rows.append((username, f"Pegawai {number}", f"{username}@pemda.example", role, opd, "", "", "", ""))
    return rows


def dictionary_rows(competencies: int) -> list[tuple[Any, ...]]:
    rows: list[tuple[Any, ...]] = []
    for number in range(1, competencies + 1):
        urusan = URUSAN[number % len(URUSAN)]
        for level in range(1, 6):
            rows.append(
                (
                    f"T.{number:03d}",
                    f"Kompetensi Teknis {number}",
                    "teknis",
                    f"Definisi kompetensi teknis {number}." if level == 1 else "",
                    level,
                    f"Deskripsi level {level} kompetensi {number}.",
                    "\n".join(f"{level}.{item} Indikator {item}" for item in range(1, 4)),
                    urusan,
                    f"Kementerian {urusan}",
                    f"Permen {number}/2024",
                )
            )
    return rows


KIND_OF = {
    "opds": ImportKind.OPDS,
    "peta": ImportKind.PETA_JABATAN,
    "people": ImportKind.PEOPLE,
    "dictionary": ImportKind.DICTIONARY,
}
