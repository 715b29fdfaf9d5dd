"""The search page and the standards in force page in keyset pages: "Berikutnya" continues exactly
where the page before ended (equal names and ranks too), no total is counted, a forged cursor
shows the first page, and a page costs the same queries for one row and for many."""

from __future__ import annotations

import html
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from submissions.models import Position, PositionKind, Submission, Urusan
from workflow import search
from workflow.machine import State

NEXT = re.compile(r'rel="next" href="\?([^"]+)"')


def _documents(world, n: int, state: str = State.DRAFT, *, name: str = "Pelaksana Arsip") -> list[int]:
    """`n` documents of world.opd with the same position name (sub-units tell them apart)."""
    first = Position.objects.count()
    positions = Position.objects.bulk_create(
        Position(opd=world.opd, name=name, sub_unit=f"Seksi {first + i}", kind=PositionKind.PELAKSANA)
        for i in range(n)
    )
    approved = {"approved_at": timezone.now()} if state == State.APPROVED else {}
    created = Submission.objects.bulk_create(
        Submission(
            position=p,
            state=state,
            summary="Mengelola arsip",
            created_by=world.drafter,
            reached_ministry=state == State.APPROVED,
            **approved,
        )
        for p in positions
    )
    return [s.pk for s in created]


def _follow(client, path: str, rows: str) -> list[list[int]]:
    """The document ids of every page, following the "Berikutnya" links from `path`."""
    pages = []
    while True:
        body = client.get(path).content.decode()
        pages.append([int(pk) for pk in re.findall(rows, body)])
        found = NEXT.search(body)
        if not found:
            return pages
        path = path.split("?")[0] + "?" + html.unescape(found.group(1))


def _cost(client, path: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(queries.captured_queries)


SEARCH_ROW = r'<tr><td><a href="/dokumen/(\d+)/"'


def test_the_search_pages_continue_exactly_without_a_total(world, as_user, monkeypatch) -> None:
    ids = _documents(world, 7)
    monkeypatch.setattr(search, "RANK_WINDOW", 3)
    monkeypatch.setattr("web.views.search.PAGE_SIZE", 2)

    pages = _follow(as_user(world.organisasi), "/cari/?q=arsip", SEARCH_ROW)

    assert [pk for page in pages for pk in page] == sorted(ids, reverse=True)
    assert [len(page) for page in pages] == [2, 2, 2, 1]
    body = as_user(world.organisasi).get("/cari/?q=arsip").content.decode()
    assert "di halaman ini" in body
    assert "(masih ada halaman berikutnya)" in body
    assert " dari " not in body  # no "Halaman 1 dari N": nothing is counted


def test_a_forged_search_cursor_shows_the_first_page(world, as_user) -> None:
    ids = _documents(world, 3)

    response = as_user(world.organisasi).get("/cari/?q=arsip&kursor=bukan-kursor")

    assert response.status_code == 200
    assert [s.pk for s in response.context["results"]] == sorted(ids, reverse=True)


def test_the_search_page_costs_the_same_for_one_match_and_for_many(world, as_user) -> None:
    _documents(world, 1)
    client = as_user(world.organisasi)
    client.get("/cari/?q=arsip")
    with_one = _cost(client, "/cari/?q=arsip")

    _documents(world, 40)

    assert _cost(client, "/cari/?q=arsip") == with_one


EFFECTIVE_ROW = r'<tr>\s*<td><a href="/dokumen/(\d+)/"'


@pytest.mark.parametrize("who", ["organisasi", "ministry"])
def test_the_standards_in_force_pages_continue_exactly(world, as_user, monkeypatch, who) -> None:
    ids = _documents(world, 5, State.APPROVED)  # the same name: the id breaks the tie
    monkeypatch.setattr("web.views.decrees.PAGE_SIZE", 2)

    pages = _follow(as_user(getattr(world, who)), "/standar-berlaku/", EFFECTIVE_ROW)

    assert [len(page) for page in pages] == [2, 2, 1]
    assert [pk for page in pages for pk in page] == sorted(ids)  # one OPD: by name, then id


def test_a_forged_cursor_on_the_standards_in_force_shows_the_first_page(world, as_user) -> None:
    ids = _documents(world, 2, State.APPROVED)

    response = as_user(world.organisasi).get("/standar-berlaku/?kursor=bukan-kursor")

    assert response.status_code == 200
    assert [version.pk for version, _header, _enactment in response.context["rows"]] == sorted(ids)


@pytest.mark.parametrize("who", ["organisasi", "ministry"])
def test_the_standards_in_force_page_costs_the_same_for_one_and_for_many(world, as_user, who) -> None:
    _documents(world, 1, State.APPROVED)
    client = as_user(getattr(world, who))
    client.get("/standar-berlaku/")
    with_one = _cost(client, "/standar-berlaku/")

    _documents(world, 30, State.APPROVED)

    assert _cost(client, "/standar-berlaku/") == with_one


def test_a_reader_of_every_instansi_chooses_the_instansi_before_its_opds(world, as_user) -> None:
    client = as_user(world.ministry)

    first = client.get("/standar-berlaku/").context["form"]
    chosen = client.get(f"/standar-berlaku/?instansi={world.instansi.pk}").context["form"]

    assert world.instansi.pk in [value for value, _label in first.fields["instansi"].choices]
    assert [value for value, _label in first.fields["opd"].choices] == [""]
    assert world.opd.pk in [value for value, _label in chosen.fields["opd"].choices]
    assert world.other_instansi_opd.pk not in [value for value, _label in chosen.fields["opd"].choices]
    assert "instansi" not in as_user(world.organisasi).get("/standar-berlaku/").context["form"].fields


def test_the_standards_in_force_read_their_urusan_unsorted_and_show_them_by_name(world, as_user) -> None:
    # Sorting the urusan in SQL made PostgreSQL walk every urusan's links by name (0.29 s at 1M).
    (pk,) = _documents(world, 1, State.APPROVED)  # no header captured: it follows the position
    position = Submission.objects.get(pk=pk).position
    position.urusan.set([Urusan.objects.create(name=name) for name in ("Pertanahan", "Kearsipan")])
    client = as_user(world.ministry)

    with CaptureQueriesContext(connection) as queries:
        response = client.get("/standar-berlaku/")

    (version, header, _enactment) = response.context["rows"][0]
    assert version.pk == pk
    assert header.urusan == ("Kearsipan", "Pertanahan")
    (read,) = [q["sql"] for q in queries.captured_queries if "submissions_position_urusan" in q["sql"]]
    assert "ORDER BY" not in read
