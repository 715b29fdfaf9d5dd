"""Who hears of what: the recipient table of workflow events (issue 4).

The workflow services call these inside their transaction; this module decides the recipients and
what each must do next, and hands `notifications.services` the event, which writes the outbox rows.
Recipients are the role assignments active today; nobody is told of his own action.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from django.utils import dateformat, timezone, translation

from notifications.rendering import EMAIL_LANGUAGE
from notifications.services import Recipient, record_notifications
from submissions.models import TimeZone
from workflow import roles
from workflow.machine import Actor, State
from workflow.models import ReasonCode

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from submissions.models import Submission
    from workflow.models import TransitionLog


@dataclass(frozen=True)
class Rule:
    audience: Actor  # everyone who is that actor of the document (workflow.roles)
    next_step: str


INFO_ONLY = "Untuk diketahui; tidak ada tindakan yang perlu Anda lakukan."
FIX_AND_RESUBMIT = "Perbaiki dokumen sesuai alasan dan catatan di atas, lalu ajukan kembali untuk direviu."
SEE_DRAFTERS_FIX = "Pastikan penyusun memperbaiki dokumen; setelah diajukan kembali, Anda akan mereviunya."

# The recipient table. A user in two audiences hears once, as the first rule that names him.
TRANSITION_RULES: dict[str, tuple[Rule, ...]] = {
    "submit": (
        Rule(
            Actor.OPD_REVIEWER,
            "Reviu dokumen, lalu teruskan ke Bagian Organisasi atau kembalikan ke penyusun dengan alasan.",
        ),
    ),
    "withdraw": (Rule(Actor.OPD_REVIEWER, "Tidak perlu mereviu dokumen ini sampai diajukan kembali."),),
    "return_to_drafter": (Rule(Actor.OPD_DRAFTER, FIX_AND_RESUBMIT),),
    "forward": (
        Rule(
            Actor.BAGIAN_ORGANISASI,
            "Verifikasi dan kompilasi dokumen, lalu kirim ke KemenPAN-RB "
            "atau kembalikan ke OPD dengan alasan.",
        ),
        Rule(Actor.SUBMITTER, INFO_ONLY),
    ),
    "return_to_opd": (
        Rule(Actor.OPD_DRAFTER, FIX_AND_RESUBMIT),
        Rule(Actor.OPD_REVIEWER, SEE_DRAFTERS_FIX),
    ),
    "send_to_ministry": (
        Rule(
            Actor.MINISTRY,
            "Berikan tanggapan KemenPAN-RB atas dokumen ini: setujui atau kembalikan dengan catatan.",
        ),
        Rule(Actor.OPD_DRAFTER, INFO_ONLY),
        Rule(Actor.OPD_REVIEWER, INFO_ONLY),
    ),
    "ministry_agree": (
        Rule(
            Actor.BAGIAN_ORGANISASI,
            "Proses penetapan SKJ dengan keputusan PPK, lalu catat nomor dan tanggal keputusannya.",
        ),
        Rule(Actor.OPD_DRAFTER, INFO_ONLY),
        Rule(Actor.OPD_REVIEWER, INFO_ONLY),
    ),
    "ministry_return": (
        Rule(Actor.OPD_DRAFTER, FIX_AND_RESUBMIT),
        Rule(Actor.OPD_REVIEWER, SEE_DRAFTERS_FIX),
        Rule(
            Actor.BAGIAN_ORGANISASI,
            "Pantau perbaikan dokumen oleh OPD sesuai catatan KemenPAN-RB.",
        ),
    ),
}

REVISION_RULES = (
    Rule(
        Actor.BAGIAN_ORGANISASI,
        "Pantau penyusunan versi baru; versi yang disetujui tetap berlaku sampai versi baru disetujui.",
    ),
)


def announce_transition(*, submission: Submission, log: TransitionLog) -> None:
    """Write the notification rows for a committed-to-be transition."""
    rules = TRANSITION_RULES.get(log.transition)
    if not rules:
        return
    record_notifications(
        kind=log.transition,
        event_key=f"transition:{log.pk}",
        recipients=recipients_for(submission, rules),
        submission=submission,
        actor=log.actor,
        context={**document_context(submission), **_log_context(log)},
    )


def announce_revision_started(*, submission: Submission, actor: User) -> None:
    """Tell Bagian Organisasi that a new version of an approved standard was started."""
    record_notifications(
        kind="revision_started",
        event_key=f"revision:{submission.pk}",
        recipients=recipients_for(submission, REVISION_RULES),
        submission=submission,
        actor=actor,
        context={
            **document_context(submission),
            "actor_name": _name(actor),
            "comment": submission.revision_reason,
        },
    )


def recipients_for(submission: Submission, rules: Sequence[Rule]) -> list[Recipient]:
    """Resolve the rules to users active today, first rule first; one query for all roles."""
    people = _people_by_audience(submission, {rule.audience for rule in rules})
    recipients: list[Recipient] = []
    for rule in rules:
        for user in people.get(rule.audience, []):
            # The ministry works for every instansi: its subjects name the instansi beside the OPD.
            context = {"next_step": rule.next_step, "nationwide": rule.audience == Actor.MINISTRY}
            recipients.append(Recipient(user=user, context=context))
    return recipients


def _people_by_audience(submission: Submission, audiences: set[Actor]) -> dict[Actor, list[Any]]:
    opd, submitter = submission.position.opd, submission.submitted_by_id
    actors = {audience: _stand_in(audience, submission) for audience in audiences}
    assignments = roles.holders_in_force(actors.values(), opd, submitter, timezone.now())
    people: dict[Actor, list[Any]] = {}
    for assignment in assignments:
        for audience, actor in actors.items():
            if roles.holds(assignment, actor, opd, submitter):
                people.setdefault(audience, []).append(assignment.user)
    return people


def _stand_in(audience: Actor, submission: Submission) -> Actor:
    # Without a recorded submitter every drafter of the OPD stands in for "the drafter who submitted".
    if audience == Actor.SUBMITTER and submission.submitted_by_id is None:
        return Actor.OPD_DRAFTER
    return audience


def document_context(submission: Submission) -> dict[str, object]:
    """What the templates show about the document (names, not objects: rendering does no queries)."""
    opd = submission.position.opd
    return {
        "position_name": submission.position.name,
        "opd_name": opd.name,
        "instansi_name": opd.instansi.name,
        "version": submission.version,
        "round": submission.round,
        "state_label": State(submission.state).label,
        **_due_labels(submission),
    }


def _due_labels(submission: Submission) -> dict[str, str]:
    """The deadline in the instansi's own time zone (WIB, WITA or WIT), in Indonesian words."""
    if submission.due_at is None:
        return {}
    zone = submission.position.opd.instansi.time_zone
    local = submission.due_at.astimezone(ZoneInfo(zone))
    zone_name = TimeZone(zone).label.split()[0]
    with translation.override(EMAIL_LANGUAGE):  # day and month names of the email, not of the page
        return {
            "due_label": f"{dateformat.format(local, 'l, j F Y H:i')} {zone_name}",
            "due_day_label": dateformat.format(local, "l, j F Y"),
        }


def _log_context(log: TransitionLog) -> dict[str, object]:
    return {
        "actor_name": _name(log.actor) if log.actor else "",
        "acting_for": log.acting_for,
        "comment": log.comment,
        "reason_label": _reason_label(log.reason_code),
        "letter_number": log.letter_number,
        "letter_date": log.letter_date,
    }


def _reason_label(code: str) -> str:
    if not code:
        return ""
    label = ReasonCode.objects.filter(code=code).values_list("label", flat=True).first()
    return label or code


def _name(user: Any) -> str:
    full = user.get_full_name() if hasattr(user, "get_full_name") else ""
    return str(full or user.get_username())


### Reminders and escalations (the sweep in workflow.reminders decides when)

ACT_BEFORE_DEADLINE = {
    State.DRAFT: Rule(Actor.OPD_DRAFTER, "Lengkapi dokumen dan ajukan untuk direviu sebelum tenggat."),
    State.OPD_REVIEW: Rule(
        Actor.OPD_REVIEWER, "Reviu dokumen, lalu teruskan atau kembalikan sebelum tenggat."
    ),
    State.COMPILATION: Rule(
        Actor.BAGIAN_ORGANISASI, "Selesaikan verifikasi dan kompilasi dokumen sebelum tenggat."
    ),
    State.MINISTRY_CONSULTATION: Rule(
        Actor.BAGIAN_ORGANISASI,
        "Tindak lanjuti konsultasi dengan KemenPAN-RB, lalu catat jawabannya di Alur SKJ.",
    ),
}
ESCALATE_TO = {
    State.DRAFT: Rule(
        Actor.OPD_REVIEWER, "Minta penyusun segera melengkapi dan mengajukan dokumen yang terlambat ini."
    ),
    State.OPD_REVIEW: Rule(
        Actor.BAGIAN_ORGANISASI, "Koordinasikan dengan pemeriksa OPD agar reviu segera diselesaikan."
    ),
    State.COMPILATION: Rule(
        Actor.BAGIAN_ORGANISASI, "Segera selesaikan verifikasi dan kompilasi dokumen yang terlambat ini."
    ),
    State.MINISTRY_CONSULTATION: Rule(
        Actor.BAGIAN_ORGANISASI,
        "Segera tindak lanjuti jawaban KemenPAN-RB dan catat hasilnya di Alur SKJ.",
    ),
}


def announce_deadline(
    *, submission: Submission, kind: str, event_key: str, context: dict[str, object]
) -> None:
    """A reminder ("reminder") or an escalation ("escalation") for the document's current stage."""
    table = ESCALATE_TO if kind == "escalation" else ACT_BEFORE_DEADLINE
    rule = table.get(State(submission.state))
    if rule is None:
        return
    record_notifications(
        kind=kind,
        event_key=event_key,
        recipients=recipients_for(submission, [rule]),
        submission=submission,
        context={
            **document_context(submission),
            "follow_up": submission.state == State.MINISTRY_CONSULTATION,
            **context,
        },
    )
