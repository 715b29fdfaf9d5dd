"""Search across standards: position names, summaries, competencies (with their level) and requirements.

One selector for the API (`?q=` on submissions) and the search page. On PostgreSQL it is full-text
search with the `simple` configuration (no Indonesian stemmer ships with PostgreSQL; `simple` keeps
words like "S-1" and "Hukum" as they are), ranked with the position name weighing most. Elsewhere
(SQLite, the demo) every word must occur somewhere in the document, and the newest come first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib.postgres.aggregates import StringAgg
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import CharField, Exists, F, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast, Coalesce, Concat

from submissions.models import CompetencyRow, RequirementRow, Submission
from workflow.machine import State
from workflow.scoping import visible_submissions

if TYPE_CHECKING:
    from workflow.roles import AnyUser

QUERY_MAX_LENGTH = 200
CONFIG = "simple"


def search_visible(user: AnyUser, query: str) -> QuerySet[Submission]:
    """Documents in the user's scope matching `query`, best first (the search page)."""
    return search_submissions(visible_submissions(user).exclude(state=State.SUPERSEDED), query)


def search_submissions(documents: QuerySet[Submission], query: str) -> QuerySet[Submission]:
    """Those of `documents` (already scoped) matching `query`, best first (the API's `?q=`)."""
    words = query.strip()[:QUERY_MAX_LENGTH]
    if not words:
        return documents.none()
    if connection.vendor == "postgresql":
        return _full_text(documents, words)
    return _every_word(documents, words)


def _rows_text(model: type[CompetencyRow] | type[RequirementRow], *parts: Any) -> Subquery:
    """All rows of one document as one text (a subquery: no join multiplies the documents)."""
    rows = model.objects.filter(submission=OuterRef("pk")).order_by().values("submission")
    row_text = Concat(*parts, output_field=CharField()) if len(parts) > 1 else parts[0]
    joined = rows.annotate(joined=StringAgg(row_text, delimiter=" ")).values("joined")
    return Subquery(joined[:1], output_field=CharField())


def _full_text(documents: QuerySet[Submission], words: str) -> QuerySet[Submission]:
    competencies = _rows_text(
        CompetencyRow, "code", Value(" "), "name", Value(" level "), Cast("level", CharField())
    )
    requirements = _rows_text(RequirementRow, F("text"))
    vector = (
        SearchVector("position__name", weight="A", config=CONFIG)
        + SearchVector("summary", weight="B", config=CONFIG)
        + SearchVector(Coalesce(competencies, Value("")), weight="B", config=CONFIG)
        + SearchVector(Coalesce(requirements, Value("")), weight="C", config=CONFIG)
    )
    search = SearchQuery(words, search_type="websearch", config=CONFIG)
    candidates = _candidates(words)
    if candidates is not None:
        # Read first, as ids: given the subquery, the planner builds the full vector of every
        # document before joining the few candidates (2.3 s instead of 30 ms at 10,000).
        with connection.cursor() as cursor:
            cursor.execute(candidates.sql, candidates.params)
            documents = documents.filter(pk__in=[row[0] for row in cursor.fetchall()])
    return (
        documents.annotate(search_document=vector)
        .filter(search_document=search)
        .annotate(rank=SearchRank(vector, search))
        .order_by("-rank", "-updated_at", "id")
    )


# Documents in which at least one of the query's words occurs somewhere, each place found through
# its GIN index (submissions migration 0008, the same expressions): a necessary condition for a
# match, so the full vector is built and ranked only for these instead of for every document.
_CANDIDATES = """
SELECT s.id FROM submissions_submission AS s WHERE s.position_id IN (
    SELECT p.id FROM submissions_position AS p
     WHERE to_tsvector('simple'::regconfig, COALESCE(p.name, '')) @@ websearch_to_tsquery('simple', %s))
UNION SELECT s.id FROM submissions_submission AS s
     WHERE to_tsvector('simple'::regconfig, COALESCE(s.summary, '')) @@ websearch_to_tsquery('simple', %s)
UNION SELECT c.submission_id FROM submissions_competencyrow AS c
     WHERE to_tsvector('simple'::regconfig, COALESCE(c.code, '') || ' ' || COALESCE(c.name, ''))
           @@ websearch_to_tsquery('simple', %s)
UNION SELECT r.submission_id FROM submissions_requirementrow AS r
     WHERE to_tsvector('simple'::regconfig, COALESCE(r.text, '')) @@ websearch_to_tsquery('simple', %s)
"""


def _candidates(words: str) -> RawSQL | None:
    """None when no word of the query must occur in an indexed place (only negations, or only a
    level such as "level 4", which lives in the row's level column, not in its indexed text; a
    longer number, such as a formation number in a position's name, is indexed text)."""
    wanted = [
        word.strip('"')
        for word in words.split()
        if not word.startswith("-")
        and word.strip('"').lower() not in ("or", "level")
        and not (word.strip('"').isdigit() and len(word.strip('"')) < 3)
        and word.strip('"')
    ]
    if not wanted:
        return None
    any_word = " or ".join(wanted)
    return RawSQL(_CANDIDATES, [any_word] * 4)


# Words that say how to read a query, not what to find ("Komunikasi level 4").
FILLER_WORDS = {"level", "di", "yang", "dan", "pada"}


def _every_word(documents: QuerySet[Submission], words: str) -> QuerySet[Submission]:
    for word in [w for w in words.split() if w.lower() not in FILLER_WORDS][:10]:
        in_rows = Exists(
            CompetencyRow.objects.filter(submission=OuterRef("pk")).filter(
                Q(name__icontains=word) | Q(code__iexact=word) | Q(level=_number(word))
            )
        ) | Exists(RequirementRow.objects.filter(submission=OuterRef("pk"), text__icontains=word))
        documents = documents.filter(Q(position__name__icontains=word) | Q(summary__icontains=word) | in_rows)
    return documents.order_by("-updated_at", "id")


def _number(word: str) -> int:
    return int(word) if word.isdigit() and len(word) < 3 else -1
