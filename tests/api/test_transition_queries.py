"""What one transition through the API reads: within the query budget, reference rows from memory."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from config.memo import forget_every_memo
from tests.api.conftest import client_for
from tests.builders import World
from tests.factories import PositionFactory

BUDGET = 20  # DESIGN.md section 8: a transition, at most 20 queries
REFERENCE_TABLES = (
    "workflow_stagebudget",
    "workflow_calendarday",
    "notifications_webhooksubscription",
    "submissions_roleassignment",  # the actor's (the token cache) and the recipients' (a memo)
)


def _submit(world: World, draft) -> list[str]:
    client = client_for(world.drafter)
    client.get("/api/v1/me/")  # the token and the user are cached, as for a client that keeps working
    with CaptureQueriesContext(connection) as queries:
        response = client.post(
            f"/api/v1/submissions/{draft.pk}/transitions/", {"name": "submit"}, format="json"
        )
    assert response.status_code == 200, response.content
    return [query["sql"] for query in queries.captured_queries]


def _reads_of(sql: list[str], table: str) -> list[str]:
    return [text for text in sql if f'FROM "{table}"' in text]


def _settled() -> None:
    """What the test wrote counts as committed long ago (in another process): memos may keep it."""
    forget_every_memo()


def test_a_submit_through_the_api_stays_within_the_query_budget(world: World, document) -> None:
    draft = document("draft")
    _settled()

    sql = _submit(world, draft)

    assert len([text for text in sql if text not in ("BEGIN", "COMMIT")]) <= BUDGET


def test_the_next_transition_of_an_opd_reads_no_budget_calendar_subscription_or_role(
    world: World, document
) -> None:
    drafts = [document("draft"), document("draft", PositionFactory.create(opd=world.opd))]
    _settled()

    first, second = (_submit(world, draft) for draft in drafts)

    for table in REFERENCE_TABLES:
        assert _reads_of(first, table), table  # the first one read them (and this test can fail)
        assert _reads_of(second, table) == [], table
