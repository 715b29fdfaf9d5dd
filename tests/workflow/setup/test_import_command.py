"""`manage.py import_data` runs the pages' import: same checks, same outcome, invitations included."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from bench.region_files import table
from submissions.models import OPD, ImportKind, Instansi


def test_the_command_imports_and_a_second_run_changes_nothing(tmp_path: Path, region: Instansi) -> None:
    path = tmp_path / "opd.xlsx"
    path.write_bytes(table(ImportKind.OPDS, [("Dinas Kesehatan", "Dinkes", "ya"), ("Dinas Sosial", "", "")]))

    call_command("import_data", "opds", str(path), "--instansi", region.name)
    call_command("import_data", "opds", str(path), "--instansi", region.name)

    assert OPD.objects.filter(instansi=region).count() == 2


def test_the_command_names_each_bad_row_and_saves_nothing(tmp_path: Path, region: Instansi) -> None:
    path = tmp_path / "peta.csv"
    path.write_bytes(b"opd,jabatan,kelompok\nDinas Entah,Staf,pelaksana\n")

    with pytest.raises(CommandError, match="Tidak ada yang disimpan"):
        call_command("import_data", "peta_jabatan", str(path), "--instansi", region.name)
