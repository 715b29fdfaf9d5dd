"""Recording an enactment decree: the only way a version becomes enacted (issue 11).

One durable transaction locks the versions, checks every one (approved, of the decree's instansi,
not enacted yet), writes the decree, one Enactment per version and one log row per version (the
document's history shows the enactment), or refuses naming each bad version and writes nothing.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from config.memo import read_ahead
from submissions.models import Instansi, Submission
from workflow.decrees.models import DecreeKind, HeadOfRegion
from workflow.errors import InvalidContent, NotFound, NotPermitted, TransitionRefused
from workflow.events import services as events
from workflow.letters import clean_letter_number, has_control_characters, letter_date_refusal, staged_letter
from workflow.machine import State
from workflow.models import Decree, Enactment, TransitionLog
from workflow.packages.services import is_organisasi_of, item_name
from workflow.rules import INVALID, Refusal
from workflow.scoping import visible_instansi
from workflow.services import locked_submissions

if TYPE_CHECKING:
    from django.contrib.auth.models import User

ENACT = "enact"  # the log's name for an enactment (not a state change: approved stays approved)


@dataclass(frozen=True)
class DecreeInput:
    kind: str
    head: str
    number: str
    date: datetime.date
    title: str
    signatory_name: str = ""
    signatory_office: str = ""


def record_decree(
    *,
    instansi_id: int,
    actor: User,
    decree: DecreeInput,
    submission_ids: Sequence[int],
    letter_file: IO[bytes] | None = None,
    letter_name: str = "",
) -> Decree:
    number = clean_letter_number(decree.number, field="number")
    _check_texts(decree)
    if not submission_ids:
        raise InvalidContent(
            "Pilih paling sedikit satu standar yang ditetapkan.", code="submissions_required"
        )
    ids = list(dict.fromkeys(submission_ids))
    read_ahead()  # the memos' versions, before the locks (config/memo.py)
    with staged_letter(letter_file, original_name=letter_name) as staged, transaction.atomic(durable=True):
        instansi = visible_instansi(actor).filter(pk=instansi_id).first()
        if instansi is None:
            raise NotFound("Instansi tidak ditemukan.")
        if not is_organisasi_of(actor, instansi.pk):
            raise NotPermitted(
                f"Hanya Bagian Organisasi {instansi.name} yang dapat mencatat keputusan penetapan."
            )
        today = timezone.now().astimezone(ZoneInfo(instansi.time_zone)).date()
        documents = locked_submissions(ids, actor)
        _refuse_any(instansi, documents, ids, decree.date, today)
        if Decree.objects.filter(
            instansi=instansi, kind=decree.kind, head=decree.head, number=number, date=decree.date
        ).exists():
            raise InvalidContent(
                "Keputusan dengan jenis, nomor dan tanggal ini sudah dicatat.", code="decree_exists"
            )
        record = Decree.objects.create(
            instansi=instansi,
            kind=decree.kind,
            head=decree.head,
            number=number,
            date=decree.date,
            title=decree.title.strip(),
            signatory_name=decree.signatory_name.strip(),
            signatory_office=decree.signatory_office.strip(),
            letter=staged.row(uploaded_by=actor) if staged else None,
            recorded_by=actor,
        )
        Enactment.objects.bulk_create([Enactment(decree=record, submission_id=i) for i in ids])
        logs = TransitionLog.objects.bulk_create([_log(documents[i], record, actor) for i in ids])
        events.record_decree(
            decree_id=record.pk, instansi_id=instansi.pk, actor=actor, submission_ids=ids, number=number
        )
        events.record_transitions(zip(logs, [documents[i] for i in ids], strict=True), actor=actor)
        return record


def _log(submission: Submission, decree: Decree, actor: User) -> TransitionLog:
    return TransitionLog(
        submission=submission,
        transition=ENACT,
        from_state=submission.state,
        to_state=submission.state,
        actor=actor,
        comment=f"Ditetapkan dengan {decree.label} tentang {decree.title}.",
        letter_number=decree.number,
        letter_date=decree.date,
        decree=decree,
        round=submission.round,
    )


def _check_texts(decree: DecreeInput) -> None:
    errors = []
    if decree.kind not in DecreeKind.values:
        errors.append(("kind", "Jenis keputusan harus keputusan atau peraturan."))
    if decree.head not in HeadOfRegion.values:
        errors.append(("head", "Kepala daerah harus bupati, wali kota, atau gubernur."))
    for field, value, limit in (
        ("title", decree.title, 500),
        ("signatory_name", decree.signatory_name, 200),
        ("signatory_office", decree.signatory_office, 200),
    ):
        text = (value or "").strip()
        if (field == "title" and not text) or len(text) > limit or has_control_characters(text):
            errors.append(
                (
                    field,
                    f"Isian ini wajib berupa teks tanpa karakter kendali, paling banyak {limit} karakter.",
                )
            )
    if not isinstance(decree.date, datetime.date):
        errors.append(("date", "Isi tanggal keputusan."))
    if errors:
        raise InvalidContent(
            "Keputusan belum dapat dicatat; periksa kolom yang ditandai.",
            errors=[
                {"code": f"{field}_invalid", "message": message, "field": field} for field, message in errors
            ],
        )


def _refuse_any(
    instansi: Instansi,
    documents: dict[int, Submission],
    ids: Sequence[int],
    day: datetime.date,
    today: datetime.date,
) -> None:
    refusals: list[Refusal] = []
    date_refusal = letter_date_refusal(day, today=today, field="date")
    if date_refusal:
        refusals.append(date_refusal)
    enacted = set(
        Enactment.objects.filter(submission_id__in=list(documents)).values_list("submission_id", flat=True)
    )
    for index, submission_id in enumerate(ids):
        where = f"submissions[{index}]"
        document = documents.get(submission_id)
        if document is None:
            refusals.append(
                Refusal("not_found", f"Dokumen #{submission_id} tidak ditemukan.", INVALID, where)
            )
        elif document.position.opd.instansi_id != instansi.pk:
            refusals.append(
                Refusal("other_instansi", f"{item_name(document)} milik instansi lain.", INVALID, where)
            )
        elif document.state != State.APPROVED:
            label = State(document.state).label
            refusals.append(
                Refusal(
                    "not_approved",
                    f"{item_name(document)} berstatus '{label}', belum disetujui.",
                    INVALID,
                    where,
                )
            )
        elif document.pk in enacted:
            refusals.append(
                Refusal("already_enacted", f"{item_name(document)} sudah ditetapkan.", INVALID, where)
            )
    if refusals:
        raise TransitionRefused.from_refusals(
            refusals, f"Keputusan belum dapat dicatat: {refusals[0].message}"
        )
