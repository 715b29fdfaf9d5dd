"""Importing a competency dictionary from a spreadsheet: upsert, idempotent, all or nothing."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from submissions.imports import import_dictionary
from submissions.models import Competency, CompetencyGroup, CompetencyLevel, Instansi, InstansiKind

TITLES = ("kode", "nama", "kelompok", "definisi", "level", "deskripsi", "indikator")
DEFINITION = "Kemampuan menyusun dan mengawasi pengelolaan air minum."
GOOD_ROWS: list[tuple[Any, ...]] = [
    (
        "T.AM.01",
        "Pengelolaan Air Minum",
        "teknis",
        DEFINITION,
        1,
        "Mengenali sistem.",
        "Membaca peta\nMencatat",
    ),
    (
        "T.AM.01",
        "Pengelolaan Air Minum",
        "Teknis",
        "",
        2,
        "Mengoperasikan sistem.",
        "2.1 Mengukur\n2.2 Menguji",
    ),
    ("T.AM.02", "Kualitas Air", "teknis", "", 3, "Menganalisis mutu air.", "- Mengambil sampel\n\n- Menilai"),
]


def workbook(path: Path, rows: list[tuple[Any, ...]], titles: tuple[str, ...] = TITLES) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(titles)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


@pytest.fixture
def instansi(db: None) -> Instansi:
    return Instansi.objects.create(name="Pemerintah Kota Madiun", kind=InstansiKind.KOTA)


def dictionary_of(instansi: Instansi | None) -> dict[tuple[str, int], tuple[str, list[str]]]:
    levels = CompetencyLevel.objects.filter(competency__instansi=instansi).select_related("competency")
    return {(level.competency.code, level.level): (level.description, level.indicators) for level in levels}


def test_a_sheet_fills_the_instansi_dictionary_with_levels_and_one_indicator_per_line(
    tmp_path: Path, instansi: Instansi
) -> None:
    result = import_dictionary(workbook(tmp_path / "kamus.xlsx", GOOD_ROWS), instansi)

    assert result.ok
    assert (result.competencies_created, result.levels_created) == (2, 3)
    water = Competency.objects.get(instansi=instansi, code="T.AM.01")
    assert (water.name, water.group, water.definition) == (
        "Pengelolaan Air Minum",
        CompetencyGroup.TECHNICAL,
        DEFINITION,
    )
    assert dictionary_of(instansi) == {
        ("T.AM.01", 1): ("Mengenali sistem.", ["Membaca peta", "Mencatat"]),
        ("T.AM.01", 2): ("Mengoperasikan sistem.", ["Mengukur", "Menguji"]),
        ("T.AM.02", 3): ("Menganalisis mutu air.", ["Mengambil sampel", "Menilai"]),
    }


def test_importing_the_same_file_again_changes_nothing(tmp_path: Path, instansi: Instansi) -> None:
    path = workbook(tmp_path / "kamus.xlsx", GOOD_ROWS)
    import_dictionary(path, instansi)
    before = dictionary_of(instansi)

    again = import_dictionary(path, instansi)

    assert again.ok
    counts = (
        again.competencies_created,
        again.competencies_updated,
        again.levels_created,
        again.levels_updated,
    )
    assert counts == (0, 0, 0, 0)
    assert again.levels_unchanged == 3
    assert dictionary_of(instansi) == before
    assert Competency.objects.filter(instansi=instansi).count() == 2


def test_a_changed_sheet_updates_matching_entries_and_keeps_levels_it_does_not_mention(
    tmp_path: Path, instansi: Instansi
) -> None:
    import_dictionary(workbook(tmp_path / "lama.xlsx", GOOD_ROWS), instansi)
    changed = [
        ("T.AM.01", "Pengelolaan Air Minum", "teknis", "", 2, "Mengoperasikan dan merawat.", "Merawat")
    ]

    result = import_dictionary(workbook(tmp_path / "baru.xlsx", changed), instansi)

    assert (result.levels_updated, result.competencies_updated) == (1, 0)
    assert dictionary_of(instansi)[("T.AM.01", 2)] == ("Mengoperasikan dan merawat.", ["Merawat"])
    assert ("T.AM.01", 1) in dictionary_of(instansi)
    # The definition given before stays when the new sheet leaves it empty.
    assert Competency.objects.get(instansi=instansi, code="T.AM.01").definition == DEFINITION


def test_without_an_instansi_the_national_dictionary_takes_the_official_texts(
    tmp_path: Path, instansi: Instansi
) -> None:
    official = [("M.01", "Integritas", "manajerial", "Konsisten berperilaku.", 1, "Teks resmi.", "Jujur")]

    result = import_dictionary(workbook(tmp_path / "nasional.xlsx", official))

    assert result.ok
    assert dictionary_of(None) == {("M.01", 1): ("Teks resmi.", ["Jujur"])}
    assert not Competency.objects.filter(instansi=instansi).exists()


def test_a_bad_file_reports_each_problem_with_its_row_and_writes_nothing(
    tmp_path: Path, instansi: Instansi
) -> None:
    rows = [
        GOOD_ROWS[0],
        ("T.AM.01", "Pengelolaan Air Minum", "teknis", "", 7, "Terlalu tinggi.", "Indikator"),
        ("T.AM.03", "Sanitasi", "lingkungan", "", 1, "Deskripsi.", "Indikator"),
        ("T.AM.04", None, "teknis", "", 1, "Deskripsi.", "Indikator"),
    ]

    result = import_dictionary(workbook(tmp_path / "salah.xlsx", rows), instansi)

    assert not result.ok
    assert [(problem.row, problem.column) for problem in result.problems] == [
        (3, "level"),
        (4, "kelompok"),
        (5, "nama"),
    ]
    assert (
        str(result.problems[0]) == "Baris 3, kolom level: Level harus bilangan bulat 1 sampai 5, bukan '7'."
    )
    assert "lingkungan" in result.problems[1].message
    assert result.problems[2].message == "Nama kompetensi wajib diisi."
    assert not Competency.objects.filter(instansi=instansi).exists()
    assert "tidak ada yang disimpan" in result.summary


def test_a_level_given_twice_and_a_code_with_two_names_are_both_reported(
    tmp_path: Path, instansi: Instansi
) -> None:
    rows = [*GOOD_ROWS, GOOD_ROWS[0], ("T.AM.02", "Mutu Air", "teknis", "", 4, "Deskripsi.", "Indikator")]

    result = import_dictionary(workbook(tmp_path / "ganda.xlsx", rows), instansi)

    messages = [str(problem) for problem in result.problems]
    assert messages == [
        "Baris 5, kolom level: Kode T.AM.01 level 1 sudah ada di baris 2.",
        "Baris 6, kolom nama: Kode T.AM.02 di baris 4 berisi nama yang berbeda; samakan isinya.",
    ]
    assert not CompetencyLevel.objects.exists()


def test_a_missing_column_title_is_reported_on_the_first_row(tmp_path: Path, instansi: Instansi) -> None:
    titles = ("kode", "nama", "kelompok", "definisi", "deskripsi", "indikator")

    result = import_dictionary(workbook(tmp_path / "judul.xlsx", [], titles), instansi)

    assert [str(problem) for problem in result.problems] == [
        "Baris 1: Berkas ini bukan templat kamus kompetensi: kolom 'level' tidak ada di baris judul. "
        "Unduh templatnya dan isi kolom-kolomnya."
    ]


def test_columns_are_found_by_their_titles_in_any_order_and_case(tmp_path: Path, instansi: Instansi) -> None:
    titles = ("Level", "Kode Kompetensi", "Nama Kompetensi", "Kelompok", "Deskripsi", "Indikator Perilaku")
    rows = [(3, "T.AM.05", "Perpipaan", "TEKNIS", "Merancang jaringan.", "Menggambar\nMenghitung")]

    result = import_dictionary(workbook(tmp_path / "urutan.xlsx", rows, titles), instansi)

    assert result.ok
    assert dictionary_of(instansi) == {("T.AM.05", 3): ("Merancang jaringan.", ["Menggambar", "Menghitung"])}


def test_something_that_is_not_a_spreadsheet_is_reported_rather_than_raised(instansi: Instansi) -> None:
    result = import_dictionary(io.BytesIO(b"%PDF-1.7\n\x00\x01\xff binary"), instansi)

    assert [str(problem) for problem in result.problems] == [
        "Berkas bukan XLSX atau CSV. Unggah templat yang diisi, disimpan sebagai .xlsx atau .csv."
    ]


def test_a_csv_with_semicolons_reads_like_a_sheet(instansi: Instansi) -> None:
    content = "kode;nama;kelompok;level;deskripsi;indikator\nT.1;Perpipaan;teknis;2;Merancang.;Menggambar\n"

    result = import_dictionary(io.BytesIO(content.encode()), instansi)

    assert result.ok
    assert dictionary_of(instansi) == {("T.1", 2): ("Merancang.", ["Menggambar"])}


def test_a_dry_run_counts_what_would_change_and_saves_nothing(tmp_path: Path, instansi: Instansi) -> None:
    result = import_dictionary(workbook(tmp_path / "kamus.xlsx", GOOD_ROWS), instansi, dry_run=True)

    assert (result.competencies_created, result.levels_created) == (2, 3)
    assert not Competency.objects.filter(instansi=instansi).exists()


def test_the_command_imports_into_the_named_instansi(tmp_path: Path, instansi: Instansi) -> None:
    out = io.StringIO()

    call_command(
        "import_dictionary", str(workbook(tmp_path / "k.xlsx", GOOD_ROWS)), instansi=instansi.name, stdout=out
    )

    assert "Pemerintah Kota Madiun: Impor selesai: 2 kompetensi baru" in out.getvalue()
    assert Competency.objects.filter(instansi=instansi).count() == 2


def test_the_command_lists_every_problem_and_fails(tmp_path: Path, instansi: Instansi) -> None:
    rows = [("T.AM.01", "", "teknis", "", 9, "Deskripsi.", "Indikator")]
    err = io.StringIO()

    with pytest.raises(CommandError, match="2 masalah"):
        call_command("import_dictionary", str(workbook(tmp_path / "k.xlsx", rows)), stderr=err)

    assert err.getvalue().splitlines() == [
        "Baris 2, kolom nama: Nama kompetensi wajib diisi.",
        "Baris 2, kolom level: Level harus bilangan bulat 1 sampai 5, bukan '9'.",
    ]


def test_the_command_refuses_an_unknown_instansi(tmp_path: Path, instansi: Instansi) -> None:
    path = workbook(tmp_path / "k.xlsx", GOOD_ROWS)

    with pytest.raises(CommandError, match="Instansi 'Pemerintah Kota Entah' tidak ditemukan"):
        call_command("import_dictionary", str(path), instansi="Pemerintah Kota Entah")

    assert not Competency.objects.exists()
