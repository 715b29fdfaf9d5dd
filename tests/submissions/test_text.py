"""Control characters pasted from Word never reach a Word file: cleaned on input by one function
(API and pages alike), and again when the export reads rows saved before."""

from __future__ import annotations

import io

import docx
import pytest
from django.test import Client

from submissions.exports import export_queryset, render_docx
from submissions.models import Position, Submission, level_text_for
from submissions.text import clean_text
from tests.api.conftest import client_for
from tests.builders import World
from tests.documents import LETTER, document_in
from tests.factories import copy_of, give_rows

PASTED = "Baris satu\x0bbaris dua\x01 dengan\x1b[0m warna\tdan tab\r\nakhir\x7f\x85."


def test_vertical_tabs_become_newlines_and_other_controls_go() -> None:
    assert clean_text(PASTED) == "Baris satu\nbaris dua dengan[0m warna\tdan tab\nakhir\n."


@pytest.mark.parametrize("text", ["Biasa saja.", "Dua\nbaris", "Tab\tdi tengah", "Indonésia ✓ “kutip”"])
def test_ordinary_text_is_left_alone(text: str) -> None:
    assert clean_text(text) == text


def test_the_api_cleans_a_pasted_summary(world: World) -> None:
    draft = document_in(world, "draft")
    client = client_for(world.drafter)
    url = f"/api/v1/submissions/{draft.pk}/"
    etag = client.get(url).headers["ETag"]

    response = client.patch(url, {"summary": "Satu\x0bdua\x01."}, format="json", HTTP_IF_MATCH=etag)

    assert response.status_code == 200, response.content
    assert response.json()["summary"] == "Satu\ndua."


def test_the_api_cleans_a_position_name_and_a_letter_number(world: World) -> None:
    created = client_for(world.organisasi).post(
        "/api/v1/positions/",
        {"name": "Analis\x0bKebijakan\x1b", "opd": world.opd.pk, "kind": "pelaksana"},
        format="json",
    )
    assert created.status_code == 201, created.content
    assert created.json()["name"] == "Analis\nKebijakan"

    consulted = document_in(world, "ministry_consultation")
    agreed = client_for(world.ministry).post(
        f"/api/v1/submissions/{consulted.pk}/transitions/",
        {
            "name": "ministry_agree",
            "letter_number": "B/1\x01/2026",
            "letter_date": LETTER["letter_date"].isoformat(),
        },
        format="json",
    )
    assert agreed.status_code == 200, agreed.content
    assert consulted.log_entries.get(transition="ministry_agree").letter_number == "B/1/2026"


def test_the_web_form_cleans_a_position_name(world: World) -> None:
    client = Client()
    client.force_login(world.organisasi, backend="django.contrib.auth.backends.ModelBackend")
    urusan = world.position.urusan.first()
    data = {"opd": world.opd.pk, "name": "Pranata\x0bKomputer\x01", "kind": "pelaksana"}
    if urusan is not None:
        data["urusan"] = urusan.pk

    client.post("/jabatan/baru/", data)

    assert Position.objects.filter(name="Pranata\nKomputer").exists()


@pytest.mark.django_db
def test_an_approved_standard_saved_with_control_characters_still_exports(world: World) -> None:
    approved = document_in(world, "approved")
    # As older rows hold it: written before input was cleaned, straight to the database.
    Submission.objects.filter(pk=approved.pk).update(summary=PASTED)
    Position.objects.filter(pk=approved.position_id).update(name="Kepala\x0bSeksi\x01")
    pasted = level_text_for(code="M.01", name="Integritas", description="Uraian\x1b\x0bbaru", indicators=[])
    give_rows(approved, competencies=[copy_of(row, text=pasted) for row in approved.competency_rows.all()])

    document = docx.Document(io.BytesIO(render_docx(export_queryset().get(pk=approved.pk))))

    # The form is tables (h12's layout): read their cells as well as the loose paragraphs.
    cells = (cell.text for table in document.tables for row in table.rows for cell in row.cells)
    text = "\n".join([*(paragraph.text for paragraph in document.paragraphs), *cells])
    assert "Baris satu\nbaris dua dengan[0m" in text
    assert "\x01" not in text
    assert "\x1b" not in text


def test_the_export_of_such_a_standard_answers_200_on_the_api(world: World) -> None:
    approved = document_in(world, "approved")
    Submission.objects.filter(pk=approved.pk).update(summary=PASTED)

    response = client_for(world.drafter).get(f"/api/v1/submissions/{approved.pk}/export.docx")

    assert response.status_code == 200
