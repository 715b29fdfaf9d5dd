"""The only way a consultation package changes (issue 11); each is one durable transaction.

Sending and answering fire every item through the single-document machinery
(`workflow.services.transition_refusals` and `apply_transition`): the same transition, rules and
conditions, one log row per item naming the package. Every refusal of every item is collected
before anything is written, so a package with one bad item changes nothing and names the item.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone

from config.memo import read_ahead
from submissions.models import Instansi, Submission
from workflow import deadlines, roles
from workflow.errors import Conflict, InvalidContent, NotFound, NotPermitted, TransitionRefused
from workflow.events import services as events
from workflow.events.models import EventKind
from workflow.letters import has_control_characters, staged_letter
from workflow.machine import TRANSITIONS, Actor, State
from workflow.models import ConsultationPackage, MinistryAnswer, PackageItem
from workflow.packages import announcements
from workflow.packages.models import Outcome
from workflow.rules import CONFLICT, INVALID, Refusal
from workflow.scoping import visible_instansi, visible_packages
from workflow.services import apply_transition, locked_submissions, transition_inputs, transition_refusals

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from workflow.roles import AnyUser

TITLE_MAX = 200
POSITION_CODE_MAX = 50
# Inputs all items share (the one letter), refused once rather than once per item.
SHARED_INPUTS = ("letter_number", "letter_date")
NOTES_MAX = 5_000


@dataclass(frozen=True)
class ItemAnswer:
    """The ministry's answer on one item: agreed (with the kode jabatan it assigned) or returned."""

    submission_id: int
    outcome: str
    position_code: str = ""
    reason_code: str = ""
    notes: str = ""


### Who may act


# Who records the ministry's answer: the same actors as the single document's `ministry_agree`.
ANSWERING_ACTORS = TRANSITIONS["ministry_agree"].actors


def is_organisasi_of(user: AnyUser, instansi_id: int) -> bool:
    return roles.may_act_for_instansi(user, Actor.BAGIAN_ORGANISASI, instansi_id)


def may_answer(user: AnyUser, instansi_id: int) -> bool:
    """Bagian Organisasi of the instansi records the ministry's answer, or a ministry user does."""
    return is_organisasi_of(user, instansi_id) or roles.may_act_for_instansi(
        user, Actor.MINISTRY, instansi_id
    )


def _require_organisasi(user: AnyUser, instansi: Instansi) -> None:
    if not is_organisasi_of(user, instansi.pk):
        raise NotPermitted(
            f"Hanya Bagian Organisasi {instansi.name} yang dapat menyusun dan mengirim paket ini."
        )


### Drafting a package


def create_package(
    *, instansi_id: int, actor: User, title: str, submission_ids: Sequence[int] = ()
) -> ConsultationPackage:
    clean_title = _clean_title(title)
    with transaction.atomic(durable=True):
        instansi = visible_instansi(actor).filter(pk=instansi_id).first()
        if instansi is None:
            raise NotFound("Instansi tidak ditemukan.")
        _require_organisasi(actor, instansi)
        package = ConsultationPackage.objects.create(instansi=instansi, title=clean_title, created_by=actor)
        _add(package, actor, submission_ids)
        return package


def update_package(
    *,
    package_id: int,
    actor: User,
    title: str | None = None,
    add: Sequence[int] = (),
    remove: Sequence[int] = (),
    submission_ids: Sequence[int] | None = None,
) -> ConsultationPackage:
    """Rename a draft package, add or remove items, or (`submission_ids`) replace its whole list."""
    clean_title = _clean_title(title) if title is not None else None
    with transaction.atomic(durable=True):
        package = _locked_draft(package_id, actor)
        if clean_title is not None:
            package.title = clean_title
            package.save(update_fields=["title"])
        current = set(package.items.values_list("submission_id", flat=True))
        if submission_ids is not None:
            wanted = list(dict.fromkeys(submission_ids))
            add, remove = [i for i in wanted if i not in current], [i for i in current if i not in wanted]
        package.items.filter(submission_id__in=list(remove)).delete()
        _add(package, actor, [i for i in dict.fromkeys(add) if i not in current])
        return package


def _locked_package(package_id: int, actor: AnyUser) -> ConsultationPackage:
    package = (
        visible_packages(actor)
        .select_for_update(of=("self",))
        .select_related("instansi")
        .filter(pk=package_id)
        .first()
    )
    if package is None:
        raise NotFound("Paket konsultasi tidak ditemukan.")
    return package


def _locked_draft(package_id: int, actor: User) -> ConsultationPackage:
    package = _locked_package(package_id, actor)
    _require_organisasi(actor, package.instansi)
    if not package.is_draft:
        raise Conflict("Paket ini sudah dikirim; isinya tidak dapat diubah lagi.", code="package_sent")
    return package


def _add(package: ConsultationPackage, actor: User, submission_ids: Sequence[int]) -> None:
    """Add standards in `compilation` of the package's instansi that are in no other open package."""
    if not submission_ids:
        return
    found = locked_submissions(submission_ids, actor)
    busy = dict(
        PackageItem.objects.filter(submission_id__in=list(found), outcome=Outcome.PENDING)
        .exclude(package=package)
        .values_list("submission_id", "package__title")
    )
    refusals = []
    for index, submission_id in enumerate(submission_ids):
        refusals += _addition_refusals(package, found.get(submission_id), submission_id, busy, index)
    if refusals:
        raise TransitionRefused.from_refusals(
            refusals, f"Paket belum dapat diubah: {len(refusals)} dokumen tidak dapat dimasukkan."
        )
    PackageItem.objects.bulk_create([PackageItem(package=package, submission_id=i) for i in submission_ids])


def _addition_refusals(
    package: ConsultationPackage,
    submission: Submission | None,
    submission_id: int,
    busy: dict[int, str],
    index: int,
) -> list[Refusal]:
    where = f"submissions[{index}]"
    if submission is None:
        return [Refusal("not_found", f"Dokumen #{submission_id} tidak ditemukan.", INVALID, where)]
    name = item_name(submission)
    if submission.position.opd.instansi_id != package.instansi_id:
        return [Refusal("other_instansi", f"{name} milik instansi lain.", INVALID, where)]
    refusals = []
    if submission.state != State.COMPILATION:
        state = State(submission.state).label
        refusals.append(
            Refusal(
                "not_in_compilation",
                f"{name} berstatus '{state}', bukan verifikasi dan kompilasi.",
                INVALID,
                where,
            )
        )
    if submission.pk in busy:
        refusals.append(
            Refusal(
                "in_open_package", f"{name} sudah ada dalam paket '{busy[submission.pk]}'.", INVALID, where
            )
        )
    return refusals


def item_name(submission: Submission) -> str:
    return f"SKJ {submission.position.name} ({submission.position.opd.name})"


def _clean_title(title: Any) -> str:
    text = title.strip() if isinstance(title, str) else ""
    if not text or len(text) > TITLE_MAX or has_control_characters(text):
        message = f"Isi judul paket (paling banyak {TITLE_MAX} karakter, tanpa karakter kendali)."
        raise InvalidContent(
            message,
            code="title_invalid",
            errors=[{"code": "title_invalid", "message": message, "field": "title"}],
        )
    return text


### Sending


def send_package(
    *,
    package_id: int,
    actor: User,
    letter_number: str,
    letter_date: datetime.date | None,
    letter_file: IO[bytes] | None = None,
    letter_name: str = "",
) -> ConsultationPackage:
    """Every item to `ministry_consultation` under one cover letter, in one transaction."""
    inputs = transition_inputs(letter_number=letter_number, letter_date=letter_date)
    read_ahead()  # the memos' versions, before the locks (config/memo.py)
    with staged_letter(letter_file, original_name=letter_name) as staged, transaction.atomic(durable=True):
        package = _locked_draft(package_id, actor)
        items = list(package.items.order_by("submission_id"))
        if not items:
            raise InvalidContent(
                "Paket masih kosong; tambahkan dokumen terlebih dahulu.", code="package_empty"
            )
        documents = locked_submissions([item.submission_id for item in items], actor)
        _refuse_any(
            [
                (documents.get(item.submission_id), item.submission_id, "send_to_ministry", inputs)
                for item in items
            ],
            actor,
            "Paket belum dapat dikirim",
        )
        for item in items:
            apply_transition(
                documents[item.submission_id], actor, "send_to_ministry", inputs, package=package
            )
        now = timezone.now()
        package.sent_at, package.sent_by = now, actor
        package.cover_letter_number, package.cover_letter_date = inputs["letter_number"], letter_date
        package.cover_letter = staged.row(uploaded_by=actor) if staged else None
        package.due_at = deadlines.due_at_for(package.instansi, State.MINISTRY_CONSULTATION, now)
        package.next_reminder_at = package.due_at
        package.save()
        announcements.announce_sent(
            package=package, documents=[documents[i.submission_id] for i in items], actor=actor
        )
        events.record_package(
            EventKind.PACKAGE_SENT,
            package_id=package.pk,
            instansi_id=package.instansi_id,
            actor=actor,
            items=[{"submission": item.submission_id} for item in items],
            letter_number=package.cover_letter_number,
        )
        return package


def _refuse_any(
    attempts: Sequence[tuple[Submission | None, int, str, dict[str, Any]]], actor: User, summary: str
) -> None:
    """Check every item before any changes; raise once, naming each item, if any is refused."""
    refusals: list[Refusal] = []
    seen_inputs: set[tuple[str, str]] = set()
    for index, (submission, submission_id, name, inputs) in enumerate(attempts):
        where = f"items[{index}]"
        if submission is None:
            refusals.append(
                Refusal("not_found", f"Dokumen #{submission_id} tidak ditemukan.", CONFLICT, where)
            )
            continue
        for refusal in transition_refusals(submission, actor, name, inputs):
            if refusal.field in SHARED_INPUTS:  # about the one letter: say it once, not per item
                key = (refusal.code, refusal.field)
                if key not in seen_inputs:
                    seen_inputs.add(key)
                    refusals.append(refusal)
                continue
            message = f"{item_name(submission)}: {refusal.message}"
            field = f"{where}.{refusal.field}" if refusal.field else where
            refusals.append(Refusal(refusal.code, message, refusal.kind, field))
    if refusals:
        # Conflicts (wrong state, answered already) decide the status: 409 before 400.
        refusals.sort(key=lambda r: r.kind != CONFLICT)
        raise TransitionRefused.from_refusals(refusals, f"{summary}: {refusals[0].message}")


### The ministry's answer


def record_answer(
    *,
    package_id: int,
    actor: User,
    letter_number: str,
    letter_date: datetime.date | None,
    answers: Sequence[ItemAnswer],
    letter_file: IO[bytes] | None = None,
    letter_name: str = "",
) -> MinistryAnswer:
    """The ministry's answer letter on some or all pending items: agreed or returned, each."""
    if not answers:
        raise InvalidContent("Pilih paling sedikit satu dokumen yang dijawab.", code="answers_required")
    if letter_date is None:
        raise InvalidContent(
            "Isi tanggal surat.",
            code="letter_date_required",
            errors=[
                {"code": "letter_date_required", "message": "Isi tanggal surat.", "field": "letter_date"}
            ],
        )
    letter = transition_inputs(letter_number=letter_number, letter_date=letter_date)
    read_ahead()  # the memos' versions, before the locks (config/memo.py)
    with staged_letter(letter_file, original_name=letter_name) as staged, transaction.atomic(durable=True):
        package = _locked_package(package_id, actor)
        if not may_answer(actor, package.instansi_id):
            raise NotPermitted(
                f"Hanya Bagian Organisasi {package.instansi.name} atau KemenPAN-RB "
                "yang dapat mencatat jawaban."
            )
        if package.is_draft:
            raise Conflict("Paket ini belum dikirim ke KemenPAN-RB.", code="package_not_sent")
        items = {
            item.submission_id: item
            for item in package.items.filter(submission_id__in=[a.submission_id for a in answers])
        }
        _refuse_unknown_or_answered(answers, items)
        documents = locked_submissions(sorted(items), actor)
        attempts = [
            (documents.get(a.submission_id), a.submission_id, _transition_of(a), _answer_inputs(letter, a))
            for a in answers
        ]
        _refuse_any(attempts, actor, "Jawaban belum dapat dicatat")
        answer = MinistryAnswer.objects.create(
            package=package,
            letter_number=letter["letter_number"],
            letter_date=letter_date,
            letter=staged.row(uploaded_by=actor) if staged else None,
            recorded_by=actor,
        )
        for (document, _, name, inputs), given in zip(attempts, answers, strict=True):
            assert document is not None
            apply_transition(
                document, actor, name, inputs, package=package, position_code=given.position_code.strip()
            )
            _close_item(items[given.submission_id], given, answer)
        if not package.items.filter(outcome=Outcome.PENDING).exists():
            ConsultationPackage.objects.filter(pk=package.pk).update(next_reminder_at=None)
        announcements.announce_answered(
            package=package,
            answer=answer,
            documents=[documents[a.submission_id] for a in answers],
            actor=actor,
        )
        events.record_package(
            EventKind.PACKAGE_ANSWERED,
            package_id=package.pk,
            instansi_id=package.instansi_id,
            actor=actor,
            items=[{"submission": a.submission_id, "outcome": a.outcome} for a in answers],
            letter_number=answer.letter_number,
        )
        return answer


def _transition_of(answer: ItemAnswer) -> str:
    return "ministry_agree" if answer.outcome == Outcome.AGREED else "ministry_return"


def _answer_inputs(letter: dict[str, Any], answer: ItemAnswer) -> dict[str, Any]:
    if answer.outcome == Outcome.AGREED:
        return letter
    return {**letter, "reason_code": answer.reason_code, "comment": answer.notes}


def _refuse_unknown_or_answered(answers: Sequence[ItemAnswer], items: dict[int, PackageItem]) -> None:
    refusals = []
    seen: set[int] = set()
    for index, given in enumerate(answers):
        where = f"answers[{index}]"
        item = items.get(given.submission_id)
        if item is None:
            refusals.append(
                Refusal(
                    "not_in_package",
                    f"Dokumen #{given.submission_id} tidak ada dalam paket ini.",
                    INVALID,
                    where,
                )
            )
        elif item.outcome != Outcome.PENDING or given.submission_id in seen:
            refusals.append(
                Refusal("already_answered", f"Dokumen #{given.submission_id} sudah dijawab.", CONFLICT, where)
            )
        refusals += _answer_field_refusals(given, where)
        seen.add(given.submission_id)
    if refusals:
        refusals.sort(key=lambda r: r.kind != CONFLICT)
        raise TransitionRefused.from_refusals(refusals, f"Jawaban belum dapat dicatat: {refusals[0].message}")


def _answer_field_refusals(given: ItemAnswer, where: str) -> list[Refusal]:
    refusals = []
    if given.outcome not in (Outcome.AGREED, Outcome.RETURNED):
        refusals.append(
            Refusal("outcome_invalid", "Hasil harus 'agreed' atau 'returned'.", INVALID, f"{where}.outcome")
        )
    code = given.position_code.strip()
    if len(code) > POSITION_CODE_MAX or has_control_characters(code):
        message = f"Kode jabatan paling banyak {POSITION_CODE_MAX} karakter, tanpa karakter kendali."
        refusals.append(Refusal("position_code_invalid", message, INVALID, f"{where}.position_code"))
    if given.outcome == Outcome.RETURNED and code:
        refusals.append(
            Refusal(
                "position_code_unexpected",
                "Kode jabatan hanya untuk dokumen yang disetujui.",
                INVALID,
                f"{where}.position_code",
            )
        )
    return refusals


def _close_item(item: PackageItem, given: ItemAnswer, answer: MinistryAnswer) -> None:
    item.outcome = given.outcome
    item.answer = answer
    item.position_code = given.position_code.strip()
    item.reason_code = given.reason_code
    item.notes = given.notes
    item.save(update_fields=["outcome", "answer", "position_code", "reason_code", "notes"])
