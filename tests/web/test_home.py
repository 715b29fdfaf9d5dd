"""Home: what awaits my action, and the progress board for Bagian Organisasi."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.documents import document_in
from workflow.machine import State


@pytest.mark.django_db
def test_the_home_page_asks_an_anonymous_visitor_to_log_in() -> None:
    response = Client().get("/")

    assert response.status_code == 302
    assert response["Location"].startswith("/masuk/")


def test_a_drafter_finds_his_draft_among_his_tasks(world, as_user, draft) -> None:
    response = as_user(world.drafter).get("/")

    assert response.status_code == 200
    assert [s.pk for s in response.context["tasks"]] == [draft.pk]


def test_a_drafter_of_another_opd_has_no_task_for_that_draft(world, as_user, draft) -> None:
    response = as_user(world.other_drafter).get("/")

    assert response.context["tasks"] == []
    assert world.position.name not in response.content.decode()


def test_a_submitted_document_becomes_the_reviewers_task_and_leaves_the_drafters(
    world, as_user, submitted
) -> None:
    assert [s.pk for s in as_user(world.reviewer).get("/").context["tasks"]] == [submitted.pk]
    assert as_user(world.drafter).get("/").context["tasks"] == []


def test_bagian_organisasi_sees_a_progress_board_of_its_own_instansi_only(world, as_user, submitted) -> None:
    boards = as_user(world.organisasi).get("/").context["boards"]

    assert [board.instansi for board in boards] == [world.instansi.name]
    rows = {opd.name: opd for opd in boards[0].opds}
    assert rows["Dinas Kesehatan"].counts["opd_review"] == 1
    assert as_user(world.drafter).get("/").context["boards"] == []
    assert as_user(world.other_organisasi).get("/").context["boards"][0].opds[0].counts["opd_review"] == 0


def test_the_ministry_sees_the_instansi_beside_the_opd_of_each_task(world, as_user) -> None:
    document = document_in(world, State.MINISTRY_CONSULTATION)

    html = as_user(world.ministry).get("/").content.decode()
    own = as_user(world.organisasi).get("/").content.decode()

    instansi = document.position.opd.instansi.name
    assert f'<span class="muted small">{instansi}</span>' in html
    assert f'<span class="muted small">{instansi}</span>' not in own
