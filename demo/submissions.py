"""Demo documents in every state, each with a realistic history made through the workflow services.

Each OPD that has a drafter and a reviewer gets one story per position: a list of steps played
by the people of DESIGN.md section 5. A position that already has a document is left alone, so a
second run changes nothing.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.utils import timezone

from demo import world
from demo.documents import demo_content
from submissions.models import OPD, Position, Role, Submission
from workflow import comments, services
from workflow.models import CommentAnchor
from workflow.packages import services as packages

# Steps: "fill" and "edit" change the content, "revise" starts version n+1, the rest are transitions.
STORIES: tuple[tuple[str, ...], ...] = (
    ("fill", "submit", "forward", "send_to_ministry", "ministry_agree"),
    (
        *("fill", "submit", "forward", "send_to_ministry", "ministry_agree"),
        *("revise", "edit", "submit", "forward", "send_to_ministry", "ministry_agree"),
    ),
    # Sent the way Bagian Organisasi normally consults: in a package, under one cover letter.
    ("fill", "submit", "forward", "package"),
    ("fill", "submit", "forward", "overdue"),
    ("fill", "submit", "near_deadline"),
    ("fill", "submit", "return_to_drafter", "edit", "submit", "forward"),
    ("fill",),
    ("fill", "submit", "forward", "send_to_ministry", "ministry_return"),
    ("fill", "submit", "forward", "comment", "return_to_opd"),
)
# Days the demo pretends have passed, so the lists show a late document and one due very soon.
OVERDUE_BY = datetime.timedelta(days=4)
NEAR_IN = datetime.timedelta(hours=20)
ROW_COMMENT = (
    "M.01",
    "Level integritas untuk jabatan ini sebaiknya 3 sesuai standar minimum kelompok jabatannya.",
)

SEND_BACKS = {
    "return_to_drafter": (
        "wording",
        "Ikhtisar jabatan perlu menyebut hasil kerja yang dapat diukur; mohon diperbaiki.",
    ),
    "return_to_opd": (
        "technical_competency",
        "Kompetensi teknis belum mencerminkan tugas pokok jabatan; sesuaikan dengan peta jabatan.",
    ),
    "ministry_return": (
        "requirements",
        "Indikator kinerja jabatan agar diselaraskan dengan peta jabatan terbaru.",
    ),
}
EDIT_NOTE = " Hasil kerja dilaporkan setiap triwulan kepada atasan langsung."
PACKAGE_TITLE = "Konsultasi SKJ {opd} tahap 1"
REVISION_REASON = "Penyesuaian dengan PermenPAN-RB Nomor 1 Tahun 2023 tentang Jabatan Fungsional."
REVISION_LEGAL_BASIS = "PermenPAN-RB Nomor 38 Tahun 2017; PermenPAN-RB Nomor 1 Tahun 2023."


@dataclass(frozen=True)
class Cast:
    opd: OPD
    drafter: User
    reviewer: User
    organisasi: User
    ministry: User

    def actor_of(self, step: str) -> User:
        if step in ("return_to_drafter", "forward"):
            return self.reviewer
        if step in ("return_to_opd", "send_to_ministry"):
            return self.organisasi
        if step in ("ministry_agree", "ministry_return"):
            return self.ministry
        return self.drafter


def load_demo_submissions() -> int:
    """Play the stories of every staffed OPD; return how many documents were created."""
    created = 0
    for cast in _casts():
        positions = Position.objects.filter(opd=cast.opd).order_by("id")
        for position, story in zip(positions, STORIES, strict=False):
            if position.submissions.exists():
                continue
            created += _play(position, story, cast)
    return created


def _casts() -> Iterator[Cast]:
    users = {
        user.username: user for user in User.objects.filter(username__in=[u.username for u in world.USERS])
    }
    ministry = next(u for u in world.USERS if u.role == Role.MINISTRY)
    for opd in world.OPDS:
        staff = [u for u in world.USERS if u.instansi == opd.instansi and u.opd == opd.name]
        drafters = [u for u in staff if u.role == Role.DRAFTER]
        reviewers = [u for u in staff if u.role == Role.REVIEWER]
        organisasi = [
            u for u in world.USERS if u.role == Role.BAGIAN_ORGANISASI and u.instansi == opd.instansi
        ]
        if drafters and reviewers and organisasi:
            yield Cast(
                opd=OPD.objects.get(instansi__name=opd.instansi, name=opd.name),
                drafter=users[drafters[0].username],
                reviewer=users[reviewers[0].username],
                organisasi=users[organisasi[0].username],
                ministry=users[ministry.username],
            )


def _play(position: Position, story: tuple[str, ...], cast: Cast) -> int:
    submission = services.submission_create_draft(position_id=position.pk, actor=cast.drafter)
    versions = 1
    for step in story:
        if step == "revise":
            submission = services.submission_start_revision(
                position_id=position.pk,
                actor=cast.drafter,
                reason=REVISION_REASON,
                legal_basis=REVISION_LEGAL_BASIS,
            )
            versions += 1
        elif step == "comment":
            comments.add_comment(
                submission_id=submission.pk,
                actor=cast.organisasi,
                anchor=CommentAnchor.COMPETENCY,
                anchor_key=ROW_COMMENT[0],
                body=ROW_COMMENT[1],
            )
        elif step == "package":
            _send_in_package(submission, cast)
        elif step in ("overdue", "near_deadline"):
            # The demo's stand-in for time passing: only the deadline moves, never the state.
            due = timezone.now() - OVERDUE_BY if step == "overdue" else timezone.now() + NEAR_IN
            Submission.objects.filter(pk=submission.pk).update(due_at=due)
        elif step in ("fill", "edit"):
            submission = _write(submission, cast, edit=step == "edit")
        else:
            submission = _fire(submission, step, cast)
    return versions


def _send_in_package(submission: Submission, cast: Cast) -> None:
    package = packages.create_package(
        instansi_id=cast.opd.instansi_id,
        actor=cast.organisasi,
        title=PACKAGE_TITLE.format(opd=cast.opd.short_name or cast.opd.name),
        submission_ids=[submission.pk],
    )
    packages.send_package(
        package_id=package.pk,
        actor=cast.organisasi,
        letter_number=f"800/{100 + package.pk}/Org/{timezone.localdate().year}",
        letter_date=timezone.localdate(),
    )


def _write(submission: Submission, cast: Cast, *, edit: bool) -> Submission:
    content = demo_content(submission.position, cast.opd.short_name)
    if edit:
        content["summary"] += EDIT_NOTE
    return services.submission_update_content(submission_id=submission.pk, actor=cast.drafter, **content)


def _fire(submission: Submission, name: str, cast: Cast) -> Submission:
    reason_code, comment = SEND_BACKS.get(name, ("", ""))
    letter = name.startswith("ministry_") or name == "send_to_ministry"
    return services.submission_fire_transition(
        submission_id=submission.pk,
        name=name,
        actor=cast.actor_of(name),
        comment=comment,
        reason_code=reason_code,
        letter_number=f"B/{400 + submission.pk}/M.SM.01.00/{timezone.localdate().year}" if letter else "",
        letter_date=timezone.localdate() if letter else None,
    )
