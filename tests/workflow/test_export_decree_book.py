"""`manage.py export_decree_book`: a decree's lampiran written straight to a file, for administrators."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from django.core.management import CommandError, call_command

from tests.builders import World
from tests.submissions.exporting import DECREE_NUMBER, approved, enact


def test_the_command_writes_the_decrees_book_as_word(world: World, tmp_path: Path) -> None:
    enact(world, approved(world))
    target = tmp_path / "lampiran.docx"

    call_command(
        "export_decree_book", DECREE_NUMBER, "--format", "docx", "-o", str(target), stdout=io.StringIO()
    )

    document = docx.Document(str(target))
    assert document.tables[0].rows[1].cells[3].text == DECREE_NUMBER
    assert len(document.sections) == 1 + 1


def test_an_unknown_decree_number_writes_nothing(world: World, tmp_path: Path) -> None:
    target = tmp_path / "lampiran.pdf"

    with pytest.raises(CommandError, match="tidak ditemukan"):
        call_command("export_decree_book", "999/TIDAK/ADA", "-o", str(target))

    assert not target.exists()
