"""`manage.py export_book`: the effective standards of an instansi or OPD written straight to a file."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from django.core.management import CommandError, call_command

from tests.builders import World
from tests.submissions.exporting import approved


def test_the_command_writes_the_instansis_effective_standards_as_word(world: World, tmp_path: Path) -> None:
    approved(world)
    target = tmp_path / "buku.docx"
    out = io.StringIO()

    call_command("export_book", world.instansi.name, "--format", "docx", "-o", str(target), stdout=out)

    assert "1 standar ditulis" in out.getvalue()
    assert len(docx.Document(str(target)).sections) == 1 + 1  # the front matter, then one standard


def test_an_opd_without_effective_standards_writes_nothing(world: World, tmp_path: Path) -> None:
    approved(world)
    target = tmp_path / "buku.pdf"

    with pytest.raises(CommandError, match="Tidak ada standar yang berlaku"):
        call_command("export_book", world.instansi.name, "--opd", world.other_opd.name, "-o", str(target))

    assert not target.exists()
