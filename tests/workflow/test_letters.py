"""Letters: PDFs by content and size, numbers trimmed and clean, dates neither ahead nor too early."""

from __future__ import annotations

import datetime
import io

import pytest
from django.utils import timezone

from tests.builders import World
from tests.documents import LETTER, document_in, fire
from tests.letters import pdf_bytes
from workflow.errors import InvalidContent, TransitionRefused
from workflow.letters import clean_letter_number, read_pdf
from workflow.machine import State
from workflow.models import TransitionLog


def test_a_real_pdf_is_read_whatever_it_is_called() -> None:
    assert read_pdf(io.BytesIO(pdf_bytes())).startswith(b"%PDF-")


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"Bukan PDF sama sekali", "letter_file_not_pdf"),
        (b"%PDF-1.7\nsampah", "letter_file_not_pdf"),
        (b"\x89PNG\r\n\x1a\n", "letter_file_not_pdf"),
    ],
    ids=["text", "pdf header without a body", "png"],
)
def test_what_only_pretends_to_be_a_pdf_is_refused(data: bytes, code: str) -> None:
    with pytest.raises(InvalidContent) as refused:
        read_pdf(io.BytesIO(data))
    assert refused.value.errors[0]["code"] == code


def test_a_pdf_over_the_size_setting_is_refused_with_the_limit_named(settings: object) -> None:
    settings.LETTER_MAX_BYTES = 1024 * 1024  # type: ignore[attr-defined]
    with pytest.raises(InvalidContent) as refused:
        read_pdf(io.BytesIO(b"%PDF-" + b"0" * (1024 * 1024)))
    assert refused.value.errors[0]["code"] == "letter_file_too_large"
    assert "1 MB" in refused.value.message


def test_a_letter_number_is_trimmed_and_control_characters_are_refused() -> None:
    assert clean_letter_number("  800/1/2026 \n") == "800/1/2026"
    with pytest.raises(InvalidContent):
        clean_letter_number("800/1\x07/2026")


@pytest.mark.django_db
def test_a_ministry_letter_dated_in_the_future_or_before_the_document_reached_it_is_refused(
    world: World,
) -> None:
    consulted = document_in(world, State.MINISTRY_CONSULTATION)
    today = LETTER["letter_date"]
    for day, code in (
        (today + datetime.timedelta(days=1), "letter_date_in_future"),
        (today - datetime.timedelta(days=3), "letter_date_too_early"),
    ):
        with pytest.raises(TransitionRefused) as refused:
            fire(consulted, "ministry_agree", world.ministry, letter_number="B/1/2026", letter_date=day)
        assert [e["code"] for e in refused.value.errors] == [code]
        assert f"{day:%d-%m-%Y}" in refused.value.errors[0]["message"]


@pytest.mark.django_db
def test_the_single_send_to_the_ministry_asks_for_the_cover_letter_and_trims_its_number(world: World) -> None:
    compiled = document_in(world, State.COMPILATION)
    with pytest.raises(TransitionRefused) as refused:
        fire(compiled, "send_to_ministry", world.organisasi)
    assert {e["code"] for e in refused.value.errors} == {"letter_number_required", "letter_date_required"}
    with pytest.raises(TransitionRefused):
        fire(compiled, "send_to_ministry", world.organisasi, letter_number="800\x00/1", letter_date=today())

    fire(compiled, "send_to_ministry", world.organisasi, letter_number="  800/9/2026  ", letter_date=today())
    assert TransitionLog.objects.filter(submission=compiled).latest("id").letter_number == "800/9/2026"


def today() -> datetime.date:
    return timezone.localdate()
