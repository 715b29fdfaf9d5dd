"""Bad input, as the issue lists it: the preview names each bad row and nothing is committed."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User

from bench.region_files import table
from submissions.imports import preview_import
from submissions.models import OPD, ImportKind, Instansi, Position, PositionKind, Role, RoleAssignment
from tests.factories import UserFactory
from workflow.setup.imports import import_commit, import_upload

BLANK_PEOPLE = ("", "", "", "")


def peta(*rows: tuple[Any, ...]) -> bytes:
    return table(ImportKind.PETA_JABATAN, list(rows))


def position(
    opd: str, name: str, parent: str = "", sub_unit: str = "", kind: str = "Pelaksana"
) -> tuple[Any, ...]:
    return (opd, name, sub_unit, parent, "", "", kind, "", "Kesehatan", 1, 1, "")


def problems(preview: Any) -> list[str]:
    return preview.all_problems()


def test_a_file_that_is_neither_xlsx_nor_csv_is_refused_by_its_content(region: Instansi) -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"

    preview = preview_import(ImportKind.OPDS, png, region)

    assert problems(preview) == [
        "Berkas bukan XLSX atau CSV. Unggah templat yang diisi, disimpan sebagai .xlsx atau .csv."
    ]


def test_a_damaged_xlsx_is_refused_rather_than_raised(region: Instansi) -> None:
    preview = preview_import(ImportKind.OPDS, b"PK\x03\x04 not really a zip", region)

    assert not preview.ok
    assert "bukan XLSX atau CSV" in problems(preview)[0]


def test_the_wrong_template_names_the_missing_columns(region: Instansi) -> None:
    opd_file = table(ImportKind.OPDS, [("Dinas Kesehatan", "Dinkes", "ya")])

    preview = preview_import(ImportKind.PETA_JABATAN, opd_file, region)

    assert problems(preview) == [
        "Baris 1: Berkas ini bukan templat peta jabatan: kolom 'opd', 'jabatan', 'kelompok' "
        "tidak ada di baris judul. "
        "Unduh templatnya dan isi kolom-kolomnya."
    ]


def test_an_unknown_opd_and_an_unknown_urusan_are_named_with_their_rows(
    region: Instansi, dinkes: OPD
) -> None:
    unknown_urusan = (
        "Dinas Kesehatan",
        "Pengadministrasi Umum",
        "",
        "",
        "",
        "",
        "Pelaksana",
        "",
        "Perikanan Laut",
        1,
        1,
        "",
    )

    preview = preview_import(
        ImportKind.PETA_JABATAN, peta(position("Dinas Entah", "Kepala"), unknown_urusan), region
    )

    assert problems(preview) == [
        "Baris 2: OPD 'Dinas Entah' tidak dikenal di instansi ini; impor daftar OPD dulu.",
        "Baris 3: Urusan 'Perikanan Laut' tidak dikenal; gunakan nama urusan pemerintahan yang terdaftar.",
    ]


def test_a_cycle_of_parents_is_named_on_every_row_in_it(region: Instansi, dinkes: OPD) -> None:
    rows = (
        position("Dinas Kesehatan", "Kepala Dinas"),
        position("Dinas Kesehatan", "Sekretaris", parent="Kepala Bidang"),
        position("Dinas Kesehatan", "Kepala Bidang", parent="Sekretaris"),
        position("Dinas Kesehatan", "Diri Sendiri", parent="Diri Sendiri"),
    )

    preview = preview_import(ImportKind.PETA_JABATAN, peta(*rows), region)

    assert problems(preview) == [
        "Baris 3: Atasan membentuk lingkaran: Sekretaris -> Kepala Bidang -> Sekretaris.",
        "Baris 4: Atasan membentuk lingkaran: Kepala Bidang -> Sekretaris -> Kepala Bidang.",
        "Baris 5: Atasan membentuk lingkaran: Diri Sendiri -> Diri Sendiri.",
    ]


def test_a_cycle_through_a_stored_position_is_found_too(region: Instansi, dinkes: OPD) -> None:
    head = Position.objects.create(opd=dinkes, name="Kepala Dinas", kind=PositionKind.JPT_PRATAMA)
    Position.objects.create(opd=dinkes, name="Sekretaris", kind=PositionKind.ADMINISTRATOR, parent=head)

    preview = preview_import(
        ImportKind.PETA_JABATAN,
        peta(position("Dinas Kesehatan", "Kepala Dinas", parent="Sekretaris", kind="JPT Pratama")),
        region,
    )

    assert problems(preview) == [
        "Baris 2: Atasan membentuk lingkaran: Kepala Dinas -> Sekretaris -> Kepala Dinas."
    ]


def test_a_parent_in_another_opd_is_refused(region: Instansi, dinkes: OPD) -> None:
    OPD.objects.create(instansi=region, name="Dinas Pendidikan")
    rows = (
        position("Dinas Pendidikan", "Kepala Dinas Pendidikan"),
        position("Dinas Kesehatan", "Kepala Seksi", parent="Kepala Dinas Pendidikan"),
    )

    preview = preview_import(ImportKind.PETA_JABATAN, peta(*rows), region)

    assert problems(preview) == [
        "Baris 3: Atasan 'Kepala Dinas Pendidikan' berada di OPD lain (Dinas Pendidikan); "
        "atasan harus jabatan di Dinas Kesehatan."
    ]


def test_duplicate_usernames_and_emails_and_roles_outside_the_instansi_are_named(
    region: Instansi, dinkes: OPD, other_region: Instansi
) -> None:
    elsewhere = OPD.objects.create(instansi=other_region, name="Dinas Lain")
    taken = UserFactory.create(username="lama", email="lama@example.go.id")
    RoleAssignment.objects.create(user=taken, role=Role.DRAFTER, opd=elsewhere)
    rows = [
        ("ani", "Ani", "ani@example.go.id", "penyusun", "Dinas Kesehatan", *BLANK_PEOPLE),
        ("ani", "Ani Lain", "ani2@example.go.id", "pemeriksa", "Dinas Kesehatan", *BLANK_PEOPLE),
        ("budi", "Budi", "ani@example.go.id", "penyusun", "Dinas Kesehatan", *BLANK_PEOPLE),
        ("citra", "Citra", "lama@example.go.id", "penyusun", "Dinas Kesehatan", *BLANK_PEOPLE),
        ("dodi", "Dodi", "dodi@example.go.id", "kemenpan", "", *BLANK_PEOPLE),
        ("eko", "Eko", "eko@example.go.id", "penyusun", "Dinas Lain", *BLANK_PEOPLE),
        ("lama", "Lama", "lama@example.go.id", "pemeriksa", "Dinas Kesehatan", *BLANK_PEOPLE),
    ]

    preview = preview_import(ImportKind.PEOPLE, table(ImportKind.PEOPLE, rows), region)

    assert problems(preview) == [
        "Baris 3: Username ani di baris 2 berisi nama atau email lain.",
        "Baris 4: Email ani@example.go.id sudah dipakai username ani di baris 2.",
        "Baris 5: Email lama@example.go.id sudah dipakai pengguna lain (lama).",
        "Baris 6: Peran ini di luar instansi; hanya penyusun, pemeriksa, dan Bagian Organisasi "
        "yang dapat diberikan.",
        "Baris 7: OPD 'Dinas Lain' tidak ada di instansi ini.",
        "Baris 8: Email lama@example.go.id sudah dipakai username citra di baris 5.",
        "Baris 8: Pengguna lama memegang peran di luar instansi ini; tidak diubah dari sini.",
    ]


def test_a_bad_file_commits_nothing_even_when_committed_by_force(
    organisasi: User, region: Instansi, dinkes: OPD
) -> None:
    content = peta(
        position("Dinas Kesehatan", "Kepala Dinas"), position("Dinas Kesehatan", "Staf", parent="Tidak Ada")
    )
    batch, _preview = import_upload(
        actor=organisasi,
        kind=ImportKind.PETA_JABATAN,
        instansi_id=region.pk,
        filename="p.csv",
        content=content,
    )

    _, committed = import_commit(actor=organisasi, batch_id=batch.pk)

    assert problems(committed) == ["Baris 3: Atasan 'Tidak Ada' tidak ditemukan di Dinas Kesehatan."]
    assert not committed.committed
    assert not Position.objects.exists()


def test_a_csv_with_semicolons_imports_like_a_sheet(organisasi: User, region: Instansi) -> None:
    content = b"nama;singkatan;aktif\nDinas Kesehatan;Dinkes;ya\nDinas Sosial;;\n"

    preview = preview_import(ImportKind.OPDS, content, region)

    assert [(row.row, row.outcome) for row in preview.rows] == [(2, "new"), (3, "new")]
