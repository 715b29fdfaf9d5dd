"""Acting officials (Plt./Plh.): their powers count only inside the period, and the log says so."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from notifications.models import Notification
from submissions.models import ActingKind, Role, RoleAssignment, TimeZone
from tests.builders import World
from tests.documents import LETTER, complete_draft, document_in, fire
from tests.factories import UserFactory
from workflow import services
from workflow.errors import NotFound, NotPermitted, TransitionRefused
from workflow.machine import State
from workflow.models import TransitionLog

DAY = datetime.timedelta(days=1)


def _acting(
    world: World,
    *,
    role: str = Role.REVIEWER,
    kind: str = ActingKind.PLT,
    acting_for: str = "Kepala Dinas Kesehatan",
    valid_from: datetime.date | None,
    valid_until: datetime.date,
    user: Any = None,
) -> Any:
    user = user or UserFactory.create(username="pejabat.plt")
    scope = {"instansi": world.instansi} if role == Role.BAGIAN_ORGANISASI else {"opd": world.opd}
    RoleAssignment.objects.create(
        user=user,
        role=role,
        acting=kind,
        acting_for=acting_for,
        valid_from=valid_from,
        valid_until=valid_until,
        **scope,
    )
    return user


def _today() -> datetime.date:
    return timezone.localdate()


def _untouched(submission: Any, state: State) -> bool:
    submission.refresh_from_db()
    return (
        submission.state == state
        and not TransitionLog.objects.filter(submission=submission, transition="forward").exists()
    )


def test_a_plt_reviewer_in_office_forwards_and_the_log_says_for_whom(world: World) -> None:
    today = _today()
    plt = _acting(world, valid_from=today - 5 * DAY, valid_until=today + 5 * DAY)
    submission = document_in(world, State.OPD_REVIEW)

    fire(submission, "forward", plt)

    entry = TransitionLog.objects.get(submission=submission, transition="forward")
    assert entry.actor_id == plt.pk
    assert entry.acting_for == "Plt. Kepala Dinas Kesehatan"


def test_a_plh_of_bagian_organisasi_sends_to_the_ministry_as_plh(world: World) -> None:
    today = _today()
    plh = _acting(
        world,
        role=Role.BAGIAN_ORGANISASI,
        kind=ActingKind.PLH,
        acting_for="Kepala Bagian Organisasi",
        valid_from=today,
        valid_until=today + 2 * DAY,
    )
    submission = document_in(world, State.COMPILATION)

    fire(submission, "send_to_ministry", plh, **LETTER)

    entry = TransitionLog.objects.get(submission=submission, transition="send_to_ministry")
    assert entry.acting_for == "Plh. Kepala Bagian Organisasi"


def test_an_appointment_counts_on_its_first_and_last_day(world: World) -> None:
    today = _today()
    plt = _acting(world, valid_from=today, valid_until=today)
    submission = document_in(world, State.OPD_REVIEW)

    fire(submission, "forward", plt)

    submission.refresh_from_db()
    assert submission.state == State.COMPILATION


def test_a_definitive_reviewer_acts_for_no_one(world: World) -> None:
    submission = document_in(world, State.OPD_REVIEW)

    fire(submission, "forward", world.reviewer)

    assert TransitionLog.objects.get(submission=submission, transition="forward").acting_for == ""


@pytest.mark.parametrize(
    ("starts", "ends"),
    [(-10, -1), (1, 10)],
    ids=["ended-yesterday", "starts-tomorrow"],
)
def test_an_appointment_outside_its_period_does_not_even_find_the_document(
    world: World, starts: int, ends: int
) -> None:
    today = _today()
    plt = _acting(world, valid_from=today + starts * DAY, valid_until=today + ends * DAY)
    submission = document_in(world, State.OPD_REVIEW)

    with pytest.raises(NotFound):
        fire(submission, "forward", plt)

    assert _untouched(submission, State.OPD_REVIEW)


def test_an_expired_plt_who_still_drafts_in_the_opd_sees_the_document_but_cannot_forward(
    world: World,
) -> None:
    today = _today()
    plt = _acting(world, valid_from=today - 30 * DAY, valid_until=today - DAY, user=world.second_drafter)
    submission = document_in(world, State.OPD_REVIEW)

    with pytest.raises(TransitionRefused) as refused:
        fire(submission, "forward", plt)

    assert (refused.value.kind, refused.value.code) == ("forbidden", "not_permitted")
    assert _untouched(submission, State.OPD_REVIEW)


def test_an_expired_acting_drafter_can_neither_start_nor_edit_a_draft(world: World) -> None:
    today = _today()
    former = _acting(world, role=Role.DRAFTER, valid_from=today - 9 * DAY, valid_until=today - DAY)
    submission = complete_draft(world)

    with pytest.raises(NotFound):
        services.submission_create_draft(position_id=world.position.pk, actor=former)
    with pytest.raises(NotFound):
        services.submission_update_content(
            submission_id=submission.pk, actor=former, summary="Diubah oleh mantan Plt."
        )


def test_an_acting_reviewer_gets_a_reviewers_powers_not_a_drafters(world: World) -> None:
    today = _today()
    plt = _acting(world, valid_from=today - 9 * DAY, valid_until=today + 9 * DAY)
    submission = complete_draft(world)

    with pytest.raises(NotPermitted):
        services.submission_update_content(
            submission_id=submission.pk, actor=plt, summary="Diubah oleh pemeriksa."
        )


# 16:30 UTC: 23:30 WIB on 10 March, already 01:30 WIT on 11 March.
EVENING_IN_JAKARTA = datetime.datetime(2026, 3, 10, 16, 30, tzinfo=datetime.UTC)


def _in_jayapura(world: World) -> None:
    world.instansi.time_zone = TimeZone.WIT
    world.instansi.save()


def test_a_plt_in_jayapura_is_out_of_office_once_his_last_day_has_ended_there(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    _in_jayapura(world)
    plt = _acting(world, valid_from=datetime.date(2026, 3, 1), valid_until=datetime.date(2026, 3, 10))
    submission = document_in(world, State.OPD_REVIEW)
    monkeypatch.setattr(timezone, "now", lambda: EVENING_IN_JAKARTA)

    with pytest.raises(NotFound):
        fire(submission, "forward", plt)

    assert _untouched(submission, State.OPD_REVIEW)


def test_a_plt_in_jayapura_takes_office_when_his_first_day_begins_there(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    _in_jayapura(world)
    plt = _acting(world, valid_from=datetime.date(2026, 3, 11), valid_until=datetime.date(2026, 3, 20))
    submission = document_in(world, State.OPD_REVIEW)
    monkeypatch.setattr(timezone, "now", lambda: EVENING_IN_JAKARTA)

    fire(submission, "forward", plt)

    submission.refresh_from_db()
    assert submission.state == State.COMPILATION


def test_a_plt_reviewer_in_jayapura_whose_office_ended_there_is_not_told_of_a_submission(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    _in_jayapura(world)
    plt = _acting(world, valid_from=datetime.date(2026, 3, 1), valid_until=datetime.date(2026, 3, 10))
    draft = complete_draft(world)
    monkeypatch.setattr(timezone, "now", lambda: EVENING_IN_JAKARTA)

    fire(draft, "submit", world.drafter)

    assert not Notification.objects.filter(recipient=plt).exists()
    assert Notification.objects.filter(recipient=world.reviewer, kind="submit").exists()
