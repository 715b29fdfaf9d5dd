"""The progress board's numbers: time in each stage comes from the transition log's timestamps."""

from __future__ import annotations

import datetime
from unittest import mock

from django.utils import timezone

from tests.builders import valid_content
from tests.documents import document_in
from web.selectors import my_tasks, progress_boards, stage_durations
from workflow import services
from workflow.machine import State
from workflow.models import CalendarDay, DraftingRound

START = datetime.datetime(2026, 11, 2, 9, 0, tzinfo=datetime.UTC)


def at(days: float):
    return mock.patch.object(timezone, "now", return_value=START + datetime.timedelta(days=days))


def test_time_in_each_stage_is_averaged_from_the_log(world) -> None:
    with at(0):
        draft = services.submission_create_draft(position_id=world.position.pk, actor=world.drafter)
        services.submission_update_content(submission_id=draft.pk, actor=world.drafter, **valid_content())
    with at(2):
        services.submission_fire_transition(submission_id=draft.pk, name="submit", actor=world.drafter)
    with at(3.5):
        services.submission_fire_transition(submission_id=draft.pk, name="forward", actor=world.reviewer)

    # Monday to Wednesday, then Wednesday to Friday (Thursday 21:00 UTC is Friday in Jakarta).
    assert stage_durations(world.instansi.pk) == [("Draf", 2.0, 1), ("Reviu OPD", 2.0, 1)]
    assert stage_durations(world.other_instansi_opd.instansi_id) == []


def test_time_in_each_stage_counts_working_days_not_weekends_or_holidays(world) -> None:
    # Friday 6 November 2026; the stage ends on Tuesday 10 November, and Monday 9 is a holiday.
    CalendarDay.objects.create(
        date=datetime.date(2026, 11, 9),
        instansi=world.instansi,
        is_working_day=False,
        description="Hari jadi",
    )
    with at(4):
        draft = services.submission_create_draft(position_id=world.position.pk, actor=world.drafter)
        services.submission_update_content(submission_id=draft.pk, actor=world.drafter, **valid_content())
    with at(8):
        services.submission_fire_transition(submission_id=draft.pk, name="submit", actor=world.drafter)

    assert stage_durations(world.instansi.pk) == [("Draf", 1.0, 1)]


def test_tasks_are_ordered_by_the_nearest_deadline(world) -> None:
    from tests.factories import PositionFactory

    second = PositionFactory.create(opd=world.opd, name="Pengelola Data", kind="pelaksana")
    with at(0):
        later = services.submission_create_draft(position_id=world.position.pk, actor=world.drafter)
    with at(-5):
        sooner = services.submission_create_draft(position_id=second.pk, actor=world.drafter)

    assert [s.pk for s in my_tasks(world.drafter)] == [sooner.pk, later.pk]
    assert my_tasks(world.outsider) == []


def test_days_left_in_a_drafting_round_count_from_the_instansi_date(world) -> None:
    # 16:30 UTC on 22 November is already 23 November in Jayapura (WIT, UTC+9).
    world.instansi.time_zone = "Asia/Jayapura"
    world.instansi.save(update_fields=["time_zone"])
    DraftingRound.objects.create(
        instansi=world.instansi,
        name="Penyusunan SKJ 2026",
        deadline=datetime.date(2026, 11, 30),
        opened_at=datetime.date(2026, 11, 1),
    )
    with mock.patch.object(
        timezone, "now", return_value=datetime.datetime(2026, 11, 22, 16, 30, tzinfo=datetime.UTC)
    ):
        board = progress_boards(world.organisasi)[0]

    assert board.days_left == 7


def test_the_board_shows_the_round_that_caps_deadlines_not_one_announced_for_later(world) -> None:
    for name, opened, deadline in (
        ("Penyusunan SKJ 2026", datetime.date(2026, 11, 1), datetime.date(2027, 1, 29)),
        ("Penyusunan SKJ susulan", datetime.date(2026, 12, 1), datetime.date(2026, 12, 20)),
    ):
        DraftingRound.objects.create(instansi=world.instansi, name=name, deadline=deadline, opened_at=opened)
    with at(20):
        board = progress_boards(world.organisasi)[0]

    assert (board.round_name, board.deadline) == ("Penyusunan SKJ 2026", datetime.date(2027, 1, 29))


def test_a_position_with_a_revision_under_way_counts_once_as_done(world) -> None:
    approved = document_in(world, State.APPROVED)
    revision = services.submission_start_revision(
        position_id=world.position.pk,
        actor=world.drafter,
        reason="Peraturan baru",
        legal_basis="Permen 1/2026",
    )
    services.submission_update_content(submission_id=revision.pk, actor=world.drafter, **valid_content())
    services.submission_fire_transition(submission_id=revision.pk, name="submit", actor=world.drafter)
    services.submission_fire_transition(submission_id=revision.pk, name="forward", actor=world.reviewer)

    row = {opd.name: opd for opd in progress_boards(world.organisasi)[0].opds}["Dinas Kesehatan"]

    assert approved.pk != revision.pk
    assert (row.done, row.positions, row.percent) == (1, 1, 100)
