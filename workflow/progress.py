"""Time spent in each stage per instansi (the progress board), computed once and cached briefly.

A stage starts at the log entry that entered it and ends at the document's next entry: one pass
of `LEAD` over the instansi's log, partitioned by document, instead of a subquery per log row.
The answer is cached per instansi for a short time and forgotten when a transition of that
instansi commits, so the board never lags behind its own user's action by more than a reload.
"""

from __future__ import annotations

import logging

from django.core.cache import cache
from django.db import connection, transaction

from workflow.machine import ACTIVE_STATES, State

logger = logging.getLogger(__name__)
CACHE_SECONDS = 300
_SQL = """
SELECT to_state, COUNT(*), AVG(EXTRACT(EPOCH FROM left_at - at))
  FROM (
    SELECT l.to_state, l.at,
           LEAD(l.at) OVER (PARTITION BY l.submission_id ORDER BY l.at, l.id) AS left_at
      FROM workflow_transitionlog AS l
      JOIN submissions_submission AS s ON s.id = l.submission_id
     WHERE s.instansi_id = %s
  ) AS passages
 WHERE to_state <> '' AND left_at IS NOT NULL
 GROUP BY to_state
"""
# SQLite has window functions but no EXTRACT: julianday() differences are days.
_SQL_OTHER = _SQL.replace(
    "AVG(EXTRACT(EPOCH FROM left_at - at))", "AVG((julianday(left_at) - julianday(at)) * 86400)"
)


def _key(instansi_id: int) -> str:
    return f"workflow:stage-durations:{instansi_id}"


def stage_durations(instansi_id: int) -> list[tuple[str, float, int]]:
    """(stage label, average days spent, number of passages), in the order of the stages."""
    try:
        cached = cache.get(_key(instansi_id))
    except Exception as error:  # Redis away: the board is computed, only slower
        logger.warning("Durasi tahap %s tidak dapat dibaca dari cache: %s", instansi_id, error)
        return _compute(instansi_id)
    if cached is not None:
        return [(str(label), float(days), int(passages)) for label, days, passages in cached]
    rows = _compute(instansi_id)
    try:
        cache.set(_key(instansi_id), rows, CACHE_SECONDS)
    except Exception as error:
        logger.warning("Durasi tahap %s tidak dapat disimpan di cache: %s", instansi_id, error)
    return rows


def _compute(instansi_id: int) -> list[tuple[str, float, int]]:
    with connection.cursor() as cursor:
        cursor.execute(_SQL if connection.vendor == "postgresql" else _SQL_OTHER, [instansi_id])
        spent = {state: (float(seconds), int(passages)) for state, passages, seconds in cursor.fetchall()}
    return [
        (State(state).label, round(spent[state][0] / 86400, 1), spent[state][1])
        for state in ACTIVE_STATES
        if state in spent
    ]


def forget_on_commit(instansi_id: int) -> None:
    """Called by the services inside a transition's transaction; no network until it commits."""
    transaction.on_commit(lambda: _forget(instansi_id))


def _forget(instansi_id: int) -> None:
    try:
        cache.delete(_key(instansi_id))
    except Exception as error:  # the entry expires on its own within CACHE_SECONDS
        logger.warning("Durasi tahap %s tidak dapat dilupakan dari cache: %s", instansi_id, error)
