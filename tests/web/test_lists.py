"""The lists for hundreds of positions: filters, sorting, links, batch actions, search, deadlines."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from submissions.models import Position, PositionKind, Submission
from tests.documents import document_in
from tests.factories import PositionFactory
from workflow.machine import State
from workflow.models import TransitionLog

LISTS = (
    "/jabatan/",
    "/jabatan/?state=opd_review&urut=tenggat",
    "/jabatan/?tenggat=overdue",
    "/jabatan/?tenggat=near&kind=pelaksana",
    "/cari/?q=Pelaksana",
)


def _many_in_review(world, n: int, *, due_in: datetime.timedelta) -> None:
    """`n` positions of world.opd, each with a document in review (rows written directly: fast)."""
    first = Position.objects.count()
    positions = Position.objects.bulk_create(
        Position(opd=world.opd, name=f"Pelaksana Massal {first + i}", kind=PositionKind.PELAKSANA)
        for i in range(n)
    )
    Submission.objects.bulk_create(
        Submission(
            position=position,
            version=1,
            state=State.OPD_REVIEW,
            summary="Pelaksana administrasi",
            created_by=world.drafter,
            due_at=timezone.now() + due_in,
        )
        for position in positions
    )


def _cost(client, path: str) -> int:
    # Warmed first: what a process keeps (calendar corrections, role holders; config/memo.py) is
    # read again after the documents' setup changed people, which is not what is compared here.
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(queries.captured_queries)


@pytest.mark.parametrize("due_in", [datetime.timedelta(hours=-30), datetime.timedelta(hours=20)])
def test_the_lists_cost_the_same_for_one_row_and_a_hundred(world, as_user, due_in) -> None:
    _many_in_review(world, 1, due_in=due_in)
    client = as_user(world.reviewer)
    client.get(LISTS[0])  # the first request of a session also reads what it caches (the session itself)
    with_one = [_cost(client, path) for path in LISTS]
    _many_in_review(world, 99, due_in=due_in)
    assert [_cost(client, path) for path in LISTS] == with_one
    assert client.get("/jabatan/?state=opd_review").content.decode().count('name="dokumen"') == 100


def test_the_filters_narrow_the_list_and_names_link_to_the_document(world, as_user) -> None:
    late = document_in(world, State.OPD_REVIEW)
    Submission.objects.filter(pk=late.pk).update(due_at=timezone.now() - datetime.timedelta(days=3))
    PositionFactory.create(opd=world.opd, name="Pelaksana Belum Mulai", kind=PositionKind.PELAKSANA)
    client = as_user(world.organisasi)
    overdue = client.get("/jabatan/?tenggat=overdue").context["positions"]
    assert [p.pk for p in overdue] == [world.position.pk]
    assert f'href="/dokumen/{late.pk}/">{world.position.name}</a>' in client.get("/jabatan/").content.decode()
    not_started = client.get("/jabatan/?state=none").context["positions"]
    assert [p.name for p in not_started] == ["Pelaksana Belum Mulai"]
    assert not client.get("/jabatan/?state=draft").context["positions"]
    assert "terlambat" in client.get(f"/dokumen/{late.pk}/").content.decode()


def test_a_reviewer_forwards_several_at_once_each_with_its_own_log_row(world, as_user) -> None:
    documents = [
        document_in(world, State.OPD_REVIEW, PositionFactory.create(opd=world.opd)) for _ in range(2)
    ]
    already = document_in(world, State.COMPILATION)
    client = as_user(world.second_reviewer)
    response = client.post(
        "/jabatan/massal/",
        {"tindakan": "forward", "dokumen": [d.pk for d in documents] + [already.pk]},
        follow=True,
    )
    page = response.content.decode()
    assert "2 dokumen diproses." in page
    assert f"Dokumen {already.pk}:" in page
    for document in documents:
        document.refresh_from_db()
        assert document.state == State.COMPILATION
        assert TransitionLog.objects.filter(submission=document, transition="forward").count() == 1


def test_bagian_organisasi_returns_several_with_one_reason(world, as_user) -> None:
    documents = [
        document_in(world, State.COMPILATION, PositionFactory.create(opd=world.opd)) for _ in range(2)
    ]
    as_user(world.organisasi).post(
        "/jabatan/massal/",
        {
            "tindakan": "return_to_opd",
            "dokumen": [d.pk for d in documents],
            "reason_code": "requirements",
            "comment": "Lengkapi pelatihan.",
        },
    )
    logs = TransitionLog.objects.filter(submission__in=documents, transition="return_to_opd")
    assert sorted(log.comment for log in logs) == ["Lengkapi pelatihan.", "Lengkapi pelatihan."]


def test_the_search_page_finds_a_requirement_in_scope_only(world, as_user) -> None:
    document = document_in(world, State.OPD_REVIEW)
    found = as_user(world.organisasi).get("/cari/?q=Kesehatan Masyarakat").context["results"]
    assert [s.pk for s in found] == [document.pk]
    assert not as_user(world.other_organisasi).get("/cari/?q=Kesehatan").context["results"]
    assert not as_user(world.organisasi).get("/cari/?q=Astronomi").context["results"]


def test_bagian_organisasi_extends_a_deadline_with_a_reason_in_the_history(world, as_user) -> None:
    document = document_in(world, State.COMPILATION)
    before = document.due_at
    client = as_user(world.organisasi)
    assert "Perpanjang tenggat" in client.get(f"/dokumen/{document.pk}/").content.decode()
    client.post(f"/dokumen/{document.pk}/perpanjang/", {"hari": "5", "alasan": "Menunggu data kepegawaian."})
    document.refresh_from_db()
    assert before is not None
    assert document.due_at is not None
    assert document.due_at > before
    assert document.next_reminder_at is not None
    # The days are kept on the log row, so a recomputed deadline can add them again.
    assert document.log_entries.get(transition="extend_deadline").extension_days == 5
    page = client.get(f"/dokumen/{document.pk}/").content.decode()
    assert "Tenggat diperpanjang" in page
    assert "Menunggu data kepegawaian." in page
    refused = client.post(f"/dokumen/{document.pk}/perpanjang/", {"hari": "5", "alasan": ""}, follow=True)
    assert "Tuliskan alasan perpanjangan tenggat." in refused.content.decode()
    assert (
        "Perpanjang tenggat" not in as_user(world.reviewer).get(f"/dokumen/{document.pk}/").content.decode()
    )


def test_each_cell_of_the_progress_board_links_to_its_filtered_list(world, as_user) -> None:
    document_in(world, State.OPD_REVIEW)
    home = as_user(world.organisasi).get("/").content.decode()
    assert f"/jabatan/?opd={world.opd.pk}&amp;state=opd_review" in home
    assert f"/jabatan/?opd={world.opd.pk}&amp;state=none" in home
