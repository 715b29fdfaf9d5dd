"""Helpers of the export tests: documents driven to a state, and the produced files opened again."""

from __future__ import annotations

import datetime
import io
from typing import Any

import docx
from django.utils import timezone
from docx.document import Document
from docx.table import Table
from pypdf import PdfReader

from submissions.exports import export_queryset, render_docx, render_pdf
from submissions.models import Position, Submission
from tests.builders import World, valid_content
from workflow import services
from workflow.decrees.services import DecreeInput, record_decree
from workflow.models import Decree

CHECK = "\u2713"
LETTER: dict[str, Any] = {"letter_number": "B/77/M.SM.01.00/2026", "letter_date": timezone.localdate()}
DECREE_NUMBER = "188.45/12/401.012/2026"
DECREE_DATE = datetime.date(2026, 11, 20)


def actors(world: World, position: Position) -> tuple[Any, Any]:
    """The drafter and reviewer of the position's OPD."""
    if position.opd_id == world.other_opd.pk:
        return world.other_drafter, world.other_reviewer
    return world.drafter, world.reviewer


def drafted(world: World, position: Position | None = None, **content: Any) -> Submission:
    drafter, _ = actors(world, position or world.position)
    submission = services.submission_create_draft(position_id=(position or world.position).pk, actor=drafter)
    return services.submission_update_content(
        submission_id=submission.pk, actor=drafter, **{**valid_content(), **content}
    )


def compiled(world: World, position: Position | None = None) -> Submission:
    """A standard its OPD has submitted and forwarded: in Bagian Organisasi's compilation."""
    submission = drafted(world, position)
    drafter, reviewer = actors(world, position or world.position)
    services.submission_fire_transition(submission_id=submission.pk, name="submit", actor=drafter)
    return services.submission_fire_transition(submission_id=submission.pk, name="forward", actor=reviewer)


def approved(world: World, position: Position | None = None, **content: Any) -> Submission:
    submission = drafted(world, position, **content)
    drafter, reviewer = actors(world, position or world.position)
    steps: tuple[tuple[str, Any, dict[str, Any]], ...] = (
        ("submit", drafter, {}),
        ("forward", reviewer, {}),
        # Bagian Organisasi records both letters: its own sending the standard and the ministry's answer.
        ("send_to_ministry", world.organisasi, LETTER),
        ("ministry_agree", world.organisasi, LETTER),
    )
    for name, actor, inputs in steps:
        services.submission_fire_transition(submission_id=submission.pk, name=name, actor=actor, **inputs)
    return Submission.objects.get(pk=submission.pk)


def enact(world: World, *submissions: Submission, number: str = DECREE_NUMBER, **signatory: str) -> Decree:
    """Record the wali kota's decree enacting these approved versions, as Bagian Organisasi does."""
    return record_decree(
        instansi_id=world.instansi.pk,
        actor=world.organisasi,
        decree=DecreeInput(
            kind="keputusan",
            head="wali_kota",
            number=number,
            date=DECREE_DATE,
            title="Standar Kompetensi Jabatan",
            **signatory,
        ),
        submission_ids=[submission.pk for submission in submissions],
    )


def opened(submission: Submission, **options: Any) -> Document:
    fresh = export_queryset().get(pk=submission.pk)
    return docx.Document(io.BytesIO(render_docx(fresh, **options)))


def pdf_of(submission: Submission, **options: Any) -> PdfReader:
    fresh = export_queryset().get(pk=submission.pk)
    return PdfReader(io.BytesIO(render_pdf(fresh, **options)))


def pdf_text(reader: PdfReader) -> str:
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def texts(table: Table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def header(document: Document) -> dict[str, str]:
    return {row[0]: row[2] for row in texts(document.tables[0])}


def body(document: Document) -> list[list[str]]:
    return texts(document.tables[1])


def row_starting(rows: list[list[str]], first: str) -> list[str]:
    return next(row for row in rows if row[0] == first)


def rows_between(rows: list[list[str]], start: str, end: str) -> list[list[str]]:
    first = rows.index(row_starting(rows, start))
    last = rows.index(row_starting(rows, end))
    return rows[first + 1 : last]
