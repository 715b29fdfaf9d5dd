"""Each document's stored search vector follows every change of what it is searched by, and the
search ranks only a bounded window of the newest matches (the rest follow, newest first)."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.postgres.aggregates import StringAgg
from django.contrib.postgres.search import SearchVector
from django.db import connection
from django.db.models import CharField, F, OuterRef, Subquery, Value
from django.db.models.functions import Cast, Coalesce, Concat

from submissions.models import CompetencyRow, Position, RequirementRow, Submission
from tests.builders import World, valid_content
from tests.documents import complete_draft
from tests.factories import PositionFactory, give_rows
from workflow import search, services
from workflow.search import matching, ranked_page

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="the stored vector is PostgreSQL's")


def stored(submission: Submission) -> str:
    """The words the search reads: the document's own vector joined with its two lists'."""
    words = Submission.objects.filter(pk=submission.pk).annotate(v=Cast(search.DOCUMENT_WORDS, CharField()))
    return str(words.values_list("v", flat=True).get())


def own(submission: Submission) -> str:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT search_vector::text FROM submissions_submission WHERE id = %s", [submission.pk]
        )
        return str(cursor.fetchone()[0])


def of_list(table: str, list_id: int | None) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT search_vector::text FROM {table} WHERE id = %s", [list_id])
        return str(cursor.fetchone()[0])


def _rows_text(model: Any, set_field: str, *parts: Any) -> Subquery:
    rows = model.objects.filter(set=OuterRef(set_field)).order_by().values("set")
    text = Concat(*parts, output_field=CharField()) if len(parts) > 1 else parts[0]
    joined = rows.annotate(joined=StringAgg(text, " ", order_by=("order", "id"))).values("joined")
    return Subquery(joined[:1], output_field=CharField())


def built_at_query_time(submission: Submission) -> str:
    """The vector as workflow.search built it for every document before it was stored."""
    competencies = _rows_text(
        CompetencyRow,
        "competency_set_id",
        "text__code",
        Value(" "),
        "text__name",
        Value(" level "),
        Cast("level", CharField()),
    )
    requirements = _rows_text(RequirementRow, "requirement_set_id", F("text"))
    vector = (
        SearchVector("position__name", weight="A", config="simple")
        + SearchVector("summary", weight="B", config="simple")
        + SearchVector(Coalesce(competencies, Value("")), weight="B", config="simple")
        + SearchVector(Coalesce(requirements, Value("")), weight="C", config="simple")
    )
    built = Submission.objects.filter(pk=submission.pk).annotate(v=Cast(vector, CharField()))
    return str(built.values_list("v", flat=True).get())


def _requirement(text: str) -> RequirementRow:
    return RequirementRow(section="experience", text=text, importance="penting")


def _found(query: str, size: int = 25) -> list[int]:
    """Every match in the search's order, read page after page as the API and the page do."""
    found: list[int] = []
    cursor = None
    while True:
        page = ranked_page(matching(Submission.objects.all(), query), query, cursor, size)
        found += [s.pk for s in page.rows]
        if page.next_cursor is None:
            return found
        cursor = page.next_cursor


def test_the_stored_vector_is_the_one_the_searchbuilt_at_query_time(world: World) -> None:
    document = complete_draft(world)

    assert stored(document) == built_at_query_time(document)


def test_a_document_stores_only_its_own_words_and_each_list_its_words_once(world: World) -> None:
    document = complete_draft(world)
    twin = complete_draft(world, PositionFactory.create(opd=world.opd, name="Analis Data").pk)
    name_and_summary = SearchVector("position__name", weight="A", config="simple") + SearchVector(
        "summary", weight="B", config="simple"
    )
    built = Submission.objects.filter(pk=document.pk).annotate(v=Cast(name_and_summary, CharField()))

    assert own(document) == built.values_list("v", flat=True).get()
    assert twin.competency_set_id == document.competency_set_id
    assert "'m.01'" in of_list("submissions_competencyset", document.competency_set_id)
    assert "'kesehatan'" in of_list("submissions_requirementset", document.requirement_set_id)


def test_the_vector_follows_an_edit_of_the_requirements_and_the_summary(world: World) -> None:
    document = complete_draft(world)
    content = valid_content()
    content["requirements"][1]["text"] = "Ilmu Perpustakaan"
    content["summary"] = "Mengelola arsip dinamis."

    services.submission_update_content(submission_id=document.pk, actor=world.drafter, **content)

    assert _found("Perpustakaan") == [document.pk]
    assert _found("arsip") == [document.pk]
    assert _found("wilayah kota") == []
    assert stored(document) == built_at_query_time(document)


def test_the_vector_follows_a_renamed_position(world: World) -> None:
    document = complete_draft(world)

    Position.objects.filter(pk=document.position_id).update(name="Pustakawan Ahli Muda")

    assert _found("Pustakawan") == [document.pk]
    assert stored(document) == built_at_query_time(document)


def test_a_document_pointed_at_other_rows_is_found_by_their_words_and_no_longer_by_the_old(
    world: World,
) -> None:
    document = complete_draft(world)
    twin = complete_draft(world, PositionFactory.create(opd=world.opd).pk)
    assert twin.requirement_set_id == document.requirement_set_id  # the same rows, stored once

    give_rows(document, requirements=[_requirement("Arsiparis bersertifikat")])

    assert _found("bersertifikat") == [document.pk]
    assert _found("Masyarakat") == [twin.pk]  # the set the document left is still the twin's
    assert stored(document) == built_at_query_time(document)
    assert stored(twin) == built_at_query_time(twin)


@pytest.mark.parametrize("listed_ids_max", [1_000, 0], ids=["lists-by-id", "lists-by-subquery"])
def test_the_words_of_a_query_are_found_across_the_document_and_its_lists(
    world: World, monkeypatch: pytest.MonkeyPatch, listed_ids_max: int
) -> None:
    monkeypatch.setattr(search, "LISTED_IDS_MAX", listed_ids_max)
    document = complete_draft(world)  # "Kepala Seksi Surveilans", M.01 ..., "Kesehatan Masyarakat"
    other = give_rows(
        complete_draft(world, PositionFactory.create(opd=world.opd, name="Kepala Bidang").pk),
        requirements=[_requirement("Ilmu Perpustakaan")],
    )

    assert _found("Kepala M.01") == [other.pk, document.pk]  # the name and the competency list
    assert _found("Seksi Masyarakat") == [document.pk]  # the name and the requirement list
    assert _found("M.01 Masyarakat") == [document.pk]  # both lists, none of its own words
    assert _found('"Kesehatan Masyarakat" Kepala') == [document.pk]  # a phrase of one list
    assert _found("Kepala -Masyarakat") == [other.pk]  # left out by a word of its list
    assert _found("Perpustakaan or Surveilans") == [document.pk, other.pk]
    assert _found("tiada or Perpustakaan") == [other.pk]
    assert _found("tiada M.01") == []


def _found_by_the_joined_words(query: str) -> list[int]:
    """What the joined words of each document and its lists match, with no narrowing first."""
    joined = Submission.objects.alias(words=search.DOCUMENT_WORDS).filter(words=search._query(query))
    return sorted(joined.values_list("pk", flat=True), reverse=True)


@pytest.mark.parametrize(
    "query",
    [
        "Kepala -Masyarakat",
        "-Masyarakat",
        "-Kepala -Perpustakaan",
        'Kepala -"Kesehatan Masyarakat"',
        "-M.01",
        "Kepala -Bidang",
    ],
)
def test_words_left_out_leave_out_what_the_joined_words_leave_out(world: World, query: str) -> None:
    complete_draft(world)  # "Kepala Seksi Surveilans", M.01 ..., "Kesehatan Masyarakat"
    give_rows(
        complete_draft(world, PositionFactory.create(opd=world.opd, name="Kepala Bidang").pk),
        requirements=[_requirement("Ilmu Perpustakaan")],
    )
    without_lists = PositionFactory.create(opd=world.opd, name="Analis Perpustakaan")
    services.submission_create_draft(position_id=without_lists.pk, actor=world.drafter)

    assert sorted(_found(query), reverse=True) == _found_by_the_joined_words(query)


def test_a_word_left_out_at_the_top_level_is_matched_without_the_joined_words(world: World) -> None:
    plain = str(matching(Submission.objects.all(), "Kepala -Masyarakat").query)
    under_an_or = str(matching(Submission.objects.all(), "Kepala or -Masyarakat").query)

    assert "l.search_vector" not in plain
    assert "l.search_vector" in under_an_or


def test_the_position_name_outranks_the_same_word_in_a_requirement(world: World) -> None:
    in_requirement = give_rows(complete_draft(world), requirements=[_requirement("Arsiparis")])
    in_name = complete_draft(world, PositionFactory.create(opd=world.opd, name="Arsiparis Ahli Muda").pk)

    assert _found("Arsiparis") == [in_name.pk, in_requirement.pk]


def test_beyond_the_window_the_newest_matches_are_ranked_and_the_rest_follow_newest_first(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    oldest_in_name = complete_draft(world, PositionFactory.create(opd=world.opd, name="Arsiparis Ahli").pk)
    in_requirement = [
        give_rows(complete_draft(world, PositionFactory.create(opd=world.opd).pk), requirements=[arsiparis])
        for arsiparis in [_requirement("Arsiparis") for _ in range(3)]
    ]
    newest_in_name = complete_draft(world, PositionFactory.create(opd=world.opd, name="Arsiparis Muda").pk)
    monkeypatch.setattr(search, "RANK_WINDOW", 2)

    found = _found("Arsiparis")

    # The window is the two newest (newest_in_name and the newest requirement match), best first;
    # the three older ones follow newest first.
    older = sorted([*(s.pk for s in in_requirement[:2]), oldest_in_name.pk], reverse=True)
    assert found == [newest_in_name.pk, in_requirement[2].pk, *older]


def test_the_documents_search_reads_the_stored_vector_through_its_gin_index(world: World) -> None:
    matches = matching(Submission.objects.all(), "Arsiparis S-1").values("pk")
    sql, params = matches.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())

    assert "submission_search_vector_gin" in plan
