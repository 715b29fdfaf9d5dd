"""Who hears of a package, in one message per recipient that lists the package's items.

The recipients of each item are those of the single-document transition (`workflow.announcements`
table); a person concerned by many items hears once, with the items that concern him (the
ministry and Bagian Organisasi: all of them; an OPD: its own).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from notifications.context import document_url, site_link
from notifications.services import Recipient, record_notifications
from workflow.announcements import TRANSITION_RULES, Rule, recipients_for
from workflow.machine import Actor, State

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from submissions.models import Submission
    from workflow.models import ConsultationPackage, MinistryAnswer

FOLLOW_UP = (
    Rule(
        Actor.BAGIAN_ORGANISASI,
        "Tindak lanjuti paket ini dengan KemenPAN-RB, lalu catat jawabannya per dokumen di Alur SKJ.",
    ),
)


def announce_sent(*, package: ConsultationPackage, documents: Sequence[Submission], actor: User) -> None:
    _announce(
        package,
        kind="package_sent",
        event_key=f"package:{package.pk}:sent",
        groups=[(documents, TRANSITION_RULES["send_to_ministry"])],
        actor=actor,
        context={"letter_number": package.cover_letter_number, "letter_date": package.cover_letter_date},
    )


def announce_answered(
    *, package: ConsultationPackage, answer: MinistryAnswer, documents: Sequence[Submission], actor: User
) -> None:
    agreed = [d for d in documents if d.state == State.APPROVED]
    returned = [d for d in documents if d.state != State.APPROVED]
    _announce(
        package,
        kind="package_answered",
        event_key=f"package-answer:{answer.pk}",
        groups=[
            (agreed, TRANSITION_RULES["ministry_agree"]),
            (returned, TRANSITION_RULES["ministry_return"]),
        ],
        actor=actor,
        context={
            "letter_number": answer.letter_number,
            "letter_date": answer.letter_date,
            "agreed_count": len(agreed),
            "returned_count": len(returned),
        },
    )


def announce_follow_up(
    *, package: ConsultationPackage, documents: Sequence[Submission], event_key: str
) -> None:
    _announce(
        package, kind="package_follow_up", event_key=event_key, groups=[(documents, FOLLOW_UP)], actor=None
    )


def _announce(
    package: ConsultationPackage,
    *,
    kind: str,
    event_key: str,
    groups: Iterable[tuple[Sequence[Submission], Sequence[Rule]]],
    actor: User | None,
    context: dict[str, object] | None = None,
) -> None:
    people: dict[Any, dict[str, Any]] = {}
    for documents, rules in groups:
        for opd_documents in _by_opd(documents):
            # One recipient query per OPD, not per item: the item's OPD decides who hears of it.
            for recipient in recipients_for(opd_documents[0], rules):
                entry = people.setdefault(
                    recipient.user.pk,
                    {"user": recipient.user, "steps": [], "items": {}, "nationwide": False},
                )
                entry["nationwide"] |= bool(recipient.context.get("nationwide"))
                step = str(recipient.context["next_step"])
                if step not in entry["steps"]:
                    entry["steps"].append(step)
                for document in opd_documents:
                    entry["items"].setdefault(document.pk, _item(document))
    recipients = [
        Recipient(
            user=entry["user"],
            context={
                "next_step": " ".join(entry["steps"]),
                "items": list(entry["items"].values()),
                "nationwide": entry["nationwide"],
            },
        )
        for entry in people.values()
    ]
    record_notifications(
        kind=kind,
        event_key=event_key,
        recipients=recipients,
        actor=actor,
        context={**package_context(package), **(context or {}), "actor_name": _name(actor) if actor else ""},
    )


def _by_opd(documents: Sequence[Submission]) -> list[list[Submission]]:
    groups: dict[int, list[Submission]] = {}
    for document in documents:
        groups.setdefault(document.position.opd_id, []).append(document)
    return list(groups.values())


def _item(document: Submission) -> dict[str, object]:
    return {
        "position_name": document.position.name,
        "opd_name": document.position.opd.name,
        "version": document.version,
        "state_label": State(document.state).label,
        "url": document_url(document.pk),
    }


def package_context(package: ConsultationPackage) -> dict[str, object]:
    return {
        "package_title": package.title,
        "instansi_name": package.instansi.name,
        "package_url": package_url(package.pk),
    }


def package_url(package_id: int) -> str:
    return site_link("web:package", package_id=package_id)


def _name(user: Any) -> str:
    full = user.get_full_name() if hasattr(user, "get_full_name") else ""
    return str(full or user.get_username())
