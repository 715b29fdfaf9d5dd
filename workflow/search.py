"""Search across standards: position names, summaries, competencies (with their level) and requirements.

One selector for the API (`?q=` on submissions) and the search page. On PostgreSQL it is full-text
search with the `simple` configuration (no Indonesian stemmer ships with PostgreSQL; `simple` keeps
words like "S-1" and "Hukum" as they are) over each document's own stored vector joined with
those of its competency and requirement lists, which are stored once per list. Elsewhere (SQLite,
the demo) every word must occur somewhere in the document.

The results come in keyset pages without a count (`ranked_page`): the RANK_WINDOW newest matches
first, best first (the position name weighing most), then every older match, newest first. Both
parts are read in the order of an index on the id, so a page costs what the window costs, at any
depth and whatever the number of matches.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.db import connection
from django.db.models import BooleanField, Exists, FloatField, OuterRef, Q, QuerySet, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast

from submissions.models import CompetencyRow, Position, RequirementRow, Submission
from workflow import keyset, search_terms
from workflow.keyset import Key, Unindexed
from workflow.machine import State
from workflow.roles import NOTHING
from workflow.scoping import visible_submissions

if TYPE_CHECKING:
    from workflow.roles import AnyUser

QUERY_MAX_LENGTH = 200
CONFIG = "simple"

# How many of the newest matches are ranked (eight pages of the search page). The window is read
# newest first along the primary key, stopping at its last match: with a common word that is
# RANK_WINDOW / (share of documents matching) rows, the same at 100,000 and at 10 million; with a
# rare word the planner takes its few matches from the GIN index instead.
RANK_WINDOW = 200

# A word the planner has no statistics for (a position's number) is estimated at half a percent of
# the documents, so it walks the primary key for the window and reads all 1,000,000 documents to
# find two (2.6 s). The first page therefore asks the GIN index, unordered, for one match more
# than the window holds: when it finds no more than the window, they are all of them and the
# window is ranked from their ids alone.

# A document's words: its own stored vector (the position's name and the summary; submissions
# migrations 0011 and 0015, kept by triggers, with a GIN index), then the vectors of its
# competency list and of its requirement list, each stored once per list. Joined in this order
# they are the vector 0011 stored in every document, positions and weights included, so the rank
# is the same. Not model fields, so that no save() writes them back stale.
_OWN = '"submissions_submission"."search_vector"'
_LISTS = (
    ("submissions_competencyset", "competency_set_id"),
    ("submissions_requirementset", "requirement_set_id"),
)
# For a part left out: a document without words of its own has none to leave out (NOT NULL would
# drop it), where a part required is matched on the column itself, which its GIN index serves.
_OWN_OR_NONE = f"COALESCE({_OWN}, ''::tsvector)"
DOCUMENT_WORDS = RawSQL(
    " || ".join(
        [
            _OWN,
            *(
                f'COALESCE((SELECT l.search_vector FROM {table} AS l WHERE l.id = "submissions_submission".'
                f"\"{column}\"), ''::tsvector)"
                for table, column in _LISTS
            ),
        ]
    ),
    [],
    output_field=SearchVectorField(),
)

# The join has no index: the documents are first narrowed to those that have each required part of
# the query (workflow.search_terms) in their own vector (its GIN index) or in one of their lists
# (the lists' GIN indexes give the lists' ids, the documents' indexes on those ids the documents).
# A part found in more lists than this is matched through a subquery of the lists instead of a
# list of their ids (a deployment whose documents seldom share a list).
LISTED_IDS_MAX = 1_000

# The cursor's parts: where in the order the next page starts. In the window it holds the window's
# oldest id (so the window stays the same set while one reads on) and the last row's rank and id;
# after it, the last row's id. Signed by workflow.keyset, so a forged value never reaches a query.
IN_WINDOW, OLDER = "w", "o"
CURSOR_PARTS = 4


@dataclass(frozen=True)
class SearchPage:
    rows: list[Submission]
    next_cursor: str | None


def search_visible(user: AnyUser, query: str) -> QuerySet[Submission]:
    """Documents in the user's scope matching `query`, unordered (the search page pages them)."""
    return matching(visible_submissions(user).exclude(state=State.SUPERSEDED), query)


def words_of(query: str) -> str:
    return query.strip()[:QUERY_MAX_LENGTH]


def matching(documents: QuerySet[Submission], query: str) -> QuerySet[Submission]:
    """Those of `documents` (already scoped) matching `query`, in no order."""
    words = words_of(query)
    if not words:
        return documents.none()
    if connection.vendor == "postgresql":
        return _full_text(documents, words)
    return _every_word(documents, words)


def _full_text(documents: QuerySet[Submission], words: str) -> QuerySet[Submission]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT websearch_to_tsquery(%s::regconfig, %s)::text", [CONFIG, words])
        tsquery = cursor.fetchone()[0]
    required = search_terms.required_parts(tsquery)
    left_out = search_terms.left_out_parts(tsquery)
    excluded = left_out or ()
    in_lists = _lists_having(search_terms.texts_of(required + excluded))
    matches = documents
    for part in required:
        matches = matches.filter(_having(part, in_lists))
    for part in excluded:
        matches = matches.exclude(_having(part, in_lists, own=_OWN_OR_NONE))
    if left_out is None or not (required or excluded):
        # Only a NOT that stands elsewhere than over one part of the top-level AND (`a | -b`)
        # needs the joined words themselves; so does a query of no words. The join is left out
        # otherwise, since the planner cannot judge it: measured at 1,000,000 documents, with it
        # `q=Arsiparis` read and sorted all 55,000 matches (1.2 s) instead of walking the ids to
        # the newest 200, and `q=Arsiparis -Masyarakat` took 0.9-1.3 s.
        matches = matches.alias(search_document=DOCUMENT_WORDS).filter(search_document=_query(words))
    return matches


def _lists_having(texts: list[str]) -> dict[tuple[str, str], list[int]]:
    """The ids of the lists having each text (a tsquery), up to one more than LISTED_IDS_MAX."""
    if not texts:
        return {}
    found: dict[tuple[str, str], list[int]] = {}
    selects = " UNION ALL ".join(
        f"SELECT q.text, %s, l.id FROM unnest(%s::text[]) AS q(text) CROSS JOIN LATERAL "
        f"(SELECT id FROM {table} WHERE search_vector @@ q.text::tsquery LIMIT %s) AS l"
        for table, _column in _LISTS
    )
    params = [value for table, _column in _LISTS for value in (table, texts, LISTED_IDS_MAX + 1)]
    with connection.cursor() as cursor:
        cursor.execute(selects, params)
        for text, table, list_id in cursor.fetchall():
            found.setdefault((text, table), []).append(list_id)
    return found


def _having(part: search_terms.Part, in_lists: dict[tuple[str, str], list[int]], own: str = _OWN) -> Q:
    """The documents having `part` in their own words (`own`) or in one of their lists."""
    if part.either:
        condition = NOTHING
        for required in part.either:
            every = Q()
            for inner in required:
                every &= _having(inner, in_lists, own)
            condition |= every
        return condition
    condition = Q(RawSQL(f"{own} @@ %s::tsquery", [part.text], output_field=BooleanField()))
    for table, column in _LISTS:
        ids = in_lists.get((part.text, table), [])
        if len(ids) > LISTED_IDS_MAX:
            lists = RawSQL(f"SELECT id FROM {table} WHERE search_vector @@ %s::tsquery", [part.text])
            condition |= Q(**{f"{column}__in": lists})
        elif ids:
            condition |= Q(**{f"{column}__in": ids})
    return condition


def ranked_page(matches: QuerySet[Submission], query: str, cursor: str | None, size: int) -> SearchPage:
    """One page of `matches` (from `matching`) in the search order, after `cursor`.

    Raises keyset.InvalidCursor for a cursor this module did not write.
    """
    phase, boundary, rank, last_id = _decode(cursor)
    found: list[tuple[int, list[Any]]] = []  # (id, the cursor's parts after it)
    if phase == IN_WINDOW:
        window, boundary = _window(matches, query, boundary)
        after = [(r, i) for r, i in window if rank is None or (-r, -i) > (-rank, -last_id)]
        found = [(i, [IN_WINDOW, boundary, r, i]) for r, i in after[: size + 1]]
        if boundary == EVERY_MATCH:
            return _page(matches, found, size)
        last_id = boundary
    wanted = size + 1 - len(found)
    if wanted > 0:
        older = matches.filter(pk__lt=last_id).order_by("-pk").values_list("pk", flat=True)
        found += [(i, [OLDER, None, None, i]) for i in older[:wanted]]
    return _page(matches, found, size)


# The boundary of a window that held every match when its first page was read: none is older.
EVERY_MATCH = 0


def _window(
    matches: QuerySet[Submission], query: str, boundary: int | None
) -> tuple[list[tuple[float, int]], int]:
    """The window's (rank, id), best first, and its oldest id (EVERY_MATCH when none is older).

    The first page sets the window; later pages read the same one again by its oldest id, so
    that a document added meanwhile pushes none of it out (the new one joins it at its rank).
    """
    ranked = matches.order_by("-pk").annotate(rank=_rank(query)).values_list("rank", "pk")
    if boundary is not None:
        rows = list(ranked.filter(pk__gte=boundary))
    elif len(few := _all_if_few(matches)) <= RANK_WINDOW:
        rows = list(ranked.filter(pk__in=few)) if few else []
        boundary = EVERY_MATCH
    else:
        rows = list(ranked[: RANK_WINDOW + 1])
        boundary = rows[RANK_WINDOW - 1][1] if len(rows) > RANK_WINDOW else EVERY_MATCH
        rows = rows[:RANK_WINDOW]
    return sorted(rows, key=lambda row: (-row[0], -row[1])), boundary


def _all_if_few(matches: QuerySet[Submission]) -> list[int]:
    """Up to RANK_WINDOW + 1 ids of `matches`, in no order: from the GIN index, not along the ids."""
    return list(matches.order_by().values_list("pk", flat=True)[: RANK_WINDOW + 1])


def _page(matches: QuerySet[Submission], found: list[tuple[int, list[Any]]], size: int) -> SearchPage:
    """The rows of the first `size` ids found, in that order; a cursor when more were found."""
    shown = found[:size]
    loaded = {row.pk: row for row in matches.filter(pk__in=[i for i, _parts in shown]).order_by()}
    rows = [loaded[i] for i, _parts in shown if i in loaded]
    more = len(found) > size and bool(shown)
    return SearchPage(rows, keyset.encode(keyset.NEXT, shown[-1][1]) if more else None)


def _decode(cursor: str | None) -> tuple[str, int | None, float | None, int]:
    if not cursor:
        return IN_WINDOW, None, None, 0
    _direction, (phase, boundary, rank, last_id) = keyset.decode(cursor, CURSOR_PARTS)
    in_window = phase == IN_WINDOW and isinstance(rank, float | int) and isinstance(boundary, int)
    if not isinstance(last_id, int) or not (in_window or phase == OLDER):
        raise keyset.InvalidCursor(cursor)
    return phase, boundary, float(rank) if in_window else None, last_id


def _query(words: str) -> SearchQuery:
    return SearchQuery(words, search_type="websearch", config=CONFIG)


def _rank(query: str) -> Any:
    if connection.vendor != "postgresql":
        return Value(0.0, output_field=FloatField())
    # float8, so that the rank read back and compared in Python is exactly the one computed.
    return Cast(SearchRank(DOCUMENT_WORDS, _query(words_of(query))), FloatField())


# Positions found by words are listed newest first by default (the API's `q=`; the positions page
# of readers of many instansi): the id's index is walked backwards and stops at the page's last
# match, instead of reading and sorting every match first. By name, a common word's matches all
# have to be sorted before the first row shows (51,601 for "Arsiparis" at 1,000,000 standards:
# p95 235-273 ms for the API, 435-668 ms for the page), and walking the name index does not help:
# "Pranata" sorts late, so the walk tests 759,000 names before its first match.
FOUND_NEWEST = (Key("id", descending=True),)

# No probe of the matches' ids first, unlike the documents' first page (`_all_if_few`): measured at
# 1,000,000 standards for common, rare, numeric and absent words, a probe of up to 501 ids only
# added time (the ministry's API, "Arsiparis": p50 61 ms with it, 26 ms without; absent and rare
# words 7-14 ms either way), since the planner reads a rare word from the trigram index by itself.

# By name among the matches (the positions page's "Nama jabatan" when chosen with words): the
# order is taken from the matches, not walked, for the reason above.
FOUND_BY_NAME = (Key("found_name"), Key("found_sub_unit"), Key("id"))


def by_name_among_matches(positions: QuerySet[Position]) -> QuerySet[Position]:
    """`positions` (already filtered by words) with the keys of FOUND_BY_NAME."""
    return positions.annotate(found_name=Unindexed("name"), found_sub_unit=Unindexed("sub_unit"))


# Words that say how to read a query, not what to find ("Komunikasi level 4").
FILLER_WORDS = {"level", "di", "yang", "dan", "pada"}


def _every_word(documents: QuerySet[Submission], words: str) -> QuerySet[Submission]:
    for word in [w for w in words.split() if w.lower() not in FILLER_WORDS][:10]:
        in_rows = Exists(
            CompetencyRow.objects.filter(set=OuterRef("competency_set_id")).filter(
                Q(text__name__icontains=word) | Q(text__code__iexact=word) | Q(level=_number(word))
            )
        ) | Exists(RequirementRow.objects.filter(set=OuterRef("requirement_set_id"), text__icontains=word))
        documents = documents.filter(Q(position__name__icontains=word) | Q(summary__icontains=word) | in_rows)
    return documents


def _number(word: str) -> int:
    return int(word) if word.isdigit() and len(word) < 3 else -1
