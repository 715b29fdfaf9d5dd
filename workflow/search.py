"""Search across standards: position names, summaries, competencies (with their level) and requirements.

One selector for the API (`?q=` on submissions) and the search page. On PostgreSQL it is full-text
search with the `simple` configuration (no Indonesian stemmer ships with PostgreSQL; `simple` keeps
words like "S-1" and "Hukum" as they are) over each document's stored vector, ranked with the
position name weighing most; a common word ranks the RANK_WINDOW newest matches first. Elsewhere
(SQLite, the demo) every word must occur somewhere in the document, and the newest come first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.db import connection
from django.db.models import Case, Exists, FloatField, OuterRef, Q, QuerySet, Value, When
from django.db.models.expressions import RawSQL

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


# Among more matches than this, only the most recently updated ones are ranked (best first), and
# the rest follow them newest first: the cost of a common word stays that of this many vectors.
RANK_WINDOW = 1000

# The stored, weighted vector of each document (submissions migration 0011: kept by triggers,
# with a GIN index); not a model field, so that no save() writes it back stale.
_STORED = RawSQL('"submissions_submission"."search_vector"', [], output_field=SearchVectorField())


def newest_matches(documents: QuerySet[Submission], words: str) -> QuerySet[Submission]:
    """The matches, newest first (found through the stored vector's GIN index)."""
    search = SearchQuery(words, search_type="websearch", config=CONFIG)
    matches = documents.alias(search_document=_STORED).filter(search_document=search)
    return matches.order_by("-updated_at", "id")


def _full_text(documents: QuerySet[Submission], words: str) -> QuerySet[Submission]:
    search = SearchQuery(words, search_type="websearch", config=CONFIG)
    matches = newest_matches(documents, words)
    rank = SearchRank(_STORED, search)
    newest = list(matches.values_list("pk", flat=True)[: RANK_WINDOW + 1])
    if len(newest) <= RANK_WINDOW:
        # Every match is in the window: the same documents, by id, ranked.
        ranked = documents.filter(pk__in=newest).annotate(rank=rank)
    else:
        window = newest[:RANK_WINDOW]
        ranked = matches.annotate(
            rank=Case(When(pk__in=window, then=rank), default=Value(-1.0), output_field=FloatField())
        )
    return ranked.order_by("-rank", "-updated_at", "id")


# Words that say how to read a query, not what to find ("Komunikasi level 4").
FILLER_WORDS = {"level", "di", "yang", "dan", "pada"}


def _every_word(documents: QuerySet[Submission], words: str) -> QuerySet[Submission]:
    for word in [w for w in words.split() if w.lower() not in FILLER_WORDS][:10]:
        in_rows = Exists(
            CompetencyRow.objects.filter(submission=OuterRef("pk")).filter(
                Q(text__name__icontains=word) | Q(text__code__iexact=word) | Q(level=_number(word))
            )
        ) | Exists(RequirementRow.objects.filter(submission=OuterRef("pk"), text__icontains=word))
        documents = documents.filter(Q(position__name__icontains=word) | Q(summary__icontains=word) | in_rows)
    return documents.order_by("-updated_at", "id")


def _number(word: str) -> int:
    return int(word) if word.isdigit() and len(word) < 3 else -1
