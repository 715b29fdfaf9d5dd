"""Letters of the consultation and the enactment: plausible numbers and dates, and their PDF files.

A PDF is accepted by what it contains, never by its name: it must start with the PDF magic bytes,
parse with pypdf and hold at least one page, and be at most `LETTER_MAX_BYTES` large. It is stored
through Django's storage API (local files by default, S3-compatible storage through
django-storages when configured) under a generated name; the uploader's file name is kept only
as a label.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils import timezone
from pypdf import PdfReader
from pypdf.errors import PyPdfError

from workflow.errors import InvalidContent
from workflow.inputs import LETTER_NUMBER_MAX_LENGTH
from workflow.models import Letter, letter_path
from workflow.rules import INVALID, Refusal

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from submissions.models import Submission
    from workflow.machine import Step

PDF_MAGIC = b"%PDF-"
LETTER_NUMBER_MAX = LETTER_NUMBER_MAX_LENGTH  # the one limit of a letter number (workflow.inputs)


### Numbers and dates

# What a letter's date may not precede, per transition that carries a letter.
NOT_BEFORE_WHAT = {
    "send_to_ministry": "tanggal dokumen masuk tahap verifikasi dan kompilasi",
    "ministry_agree": "tanggal dokumen dikirim ke KemenPAN-RB",
    "ministry_return": "tanggal dokumen dikirim ke KemenPAN-RB",
}


def has_control_characters(text: str) -> bool:
    return any(unicodedata.category(char).startswith("C") for char in text)


def clean_letter_number(value: Any, *, field: str = "letter_number") -> str:
    """A required letter number, trimmed; empty, overlong or with control characters is refused."""
    text = value.strip() if isinstance(value, str) else ""
    if not text:
        _refuse(f"{field}_required", "Isi nomor surat.", field)
    if len(text) > LETTER_NUMBER_MAX:
        _refuse(f"{field}_invalid", f"Nomor surat paling banyak {LETTER_NUMBER_MAX} karakter.", field)
    if has_control_characters(text):
        _refuse(f"{field}_invalid", "Nomor surat tidak boleh berisi karakter kendali.", field)
    return text


def letter_date_refusal(
    value: datetime.date,
    *,
    today: datetime.date,
    not_before: datetime.date | None = None,
    not_before_what: str = "",
    field: str = "letter_date",
) -> Refusal | None:
    """A date in the future, or before the step it answers (e.g. the document reaching the ministry)."""
    if value > today:
        return Refusal(
            f"{field}_in_future",
            f"Tanggal surat ({value:%d-%m-%Y}) tidak boleh sesudah hari ini ({today:%d-%m-%Y}).",
            INVALID,
            field,
        )
    if not_before is not None and value < not_before:
        return Refusal(
            f"{field}_too_early",
            f"Tanggal surat ({value:%d-%m-%Y}) tidak boleh sebelum {not_before_what} "
            f"({not_before:%d-%m-%Y}).",
            INVALID,
            field,
        )
    return None


def letter_refusals(submission: Submission, spec: Step, inputs: dict[str, Any]) -> list[Refusal]:
    """A transition's letter must be plausible: no control characters, dated neither ahead nor too early.

    Missing or malformed inputs are the rules' business (`input_refusals`); this adds what only
    the document's own dates can tell.
    """
    if spec.name not in NOT_BEFORE_WHAT:
        return []
    refusals = []
    number = inputs.get("letter_number")
    if isinstance(number, str) and has_control_characters(number.strip()):
        refusals.append(
            Refusal(
                "letter_number_invalid",
                "Nomor surat tidak boleh berisi karakter kendali.",
                INVALID,
                "letter_number",
            )
        )
    day = inputs.get("letter_date")
    if isinstance(day, datetime.date):
        zone = ZoneInfo(submission.position.opd.instansi.time_zone)
        entered = submission.stage_entered_at
        refusal = letter_date_refusal(
            day,
            today=timezone.now().astimezone(zone).date(),
            not_before=entered.astimezone(zone).date() if entered else None,
            not_before_what=NOT_BEFORE_WHAT[spec.name],
        )
        refusals += [refusal] if refusal else []
    return refusals


### Files


def max_letter_bytes() -> int:
    return int(settings.LETTER_MAX_BYTES)


def read_pdf(upload: IO[bytes], *, field: str = "letter_file") -> bytes:
    """The bytes of an uploaded PDF, or InvalidContent saying in words what is wrong with it."""
    limit = max_letter_bytes()
    data = upload.read(limit + 1)
    megabytes = f"{limit / (1024 * 1024):g} MB"
    if len(data) > limit:
        _refuse(f"{field}_too_large", f"Berkas surat terlalu besar; paling besar {megabytes}.", field)
    if not data.startswith(PDF_MAGIC):
        _refuse(f"{field}_not_pdf", "Berkas surat harus berupa PDF (apa pun nama berkasnya).", field)
    try:
        pages = len(PdfReader(io.BytesIO(data)).pages)
    except (PyPdfError, ValueError, TypeError, KeyError, IndexError, AttributeError, RecursionError):
        pages = 0
    if pages < 1:
        _refuse(f"{field}_not_pdf", "Berkas surat bukan PDF yang dapat dibaca.", field)
    return data


def _refuse(code: str, message: str, field: str) -> None:
    raise InvalidContent(message, code=code, errors=[{"code": code, "message": message, "field": field}])


@dataclass
class StagedLetter:
    """A checked PDF already in storage, whose row is written inside the action's transaction."""

    name: str
    data: bytes
    original_name: str

    def row(self, *, uploaded_by: User) -> Letter:
        letter = Letter(
            original_name=_safe_label(self.original_name),
            size=len(self.data),
            sha256=hashlib.sha256(self.data).hexdigest(),
            uploaded_by=uploaded_by,
        )
        letter.file.name = self.name
        letter.save()
        return letter


@contextmanager
def staged_letter(upload: IO[bytes] | None, *, original_name: str = "") -> Iterator[StagedLetter | None]:
    """Check and store an upload before the transaction; remove the file again if the action fails.

    Storage may be a network service (S3): writing it before the transaction keeps that I/O out
    of the locks, and removing it on failure means a refused action stores nothing.
    """
    if upload is None:
        yield None
        return
    data = read_pdf(upload)
    storage = Letter._meta.get_field("file").storage
    name = storage.save(letter_path(None, original_name), ContentFile(data))
    try:
        yield StagedLetter(name=name, data=data, original_name=original_name)
    except BaseException:
        storage.delete(name)
        raise


def _safe_label(name: str) -> str:
    printable = "".join(char for char in name or "" if not unicodedata.category(char).startswith("C"))
    return printable.strip()[:255]
