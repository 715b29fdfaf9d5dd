"""Time spent in each stage per instansi (the progress board), computed once and cached briefly.

A stage starts at the log entry that entered it and ends at the document's next entry that changed
its state: one pass of `LEAD` over the instansi's log, partitioned by document, instead of a
subquery per log row. The time is counted in the instansi's working days, as deadlines are.
The answer is cached per instansi for a short time and forgotten when a transition of that
instansi commits, so the board never lags behind its own user's action by more than a reload.
"""

from __future__ import annotations

import datetime
import logging
from collections import Counter, defaultdict
from zoneinfo import ZoneInfo

from django.core.cache import cache
from django.db import connection, transaction
from django.utils import timezone

from submissions.models import Instansi
from workflow.calendar import WorkingDayCounter
from workflow.machine import ACTIVE_STATES, State

logger = logging.getLogger(__name__)
CACHE_SECONDS = 300
# The passages of the instansi's documents: each entry that changed the state, and the moment the
# document's next such entry left it (an extension of a deadline is no passage of its own).
_PASSAGES = """
SELECT l.to_state, l.at,
       LEAD(l.at) OVER (PARTITION BY l.submission_id ORDER BY l.at, l.id) AS left_at
  FROM workflow_transitionlog AS l
  JOIN submissions_submission AS s ON s.id = l.submission_id
 WHERE s.instansi_id = %s AND l.from_state <> l.to_state
"""
# PostgreSQL groups the passages per (stage, local day entered, local day left): the board reads one
# row per distinct pair of days and counts those in the instansi's working days.
_DAY_PAIRS = f"""
SELECT to_state, (at AT TIME ZONE %s)::date, (left_at AT TIME ZONE %s)::date, COUNT(*)
  FROM ({_PASSAGES}) AS passages
 WHERE to_state <> '' AND left_at IS NOT NULL
 GROUP BY 1, 2, 3
"""


def _key(instansi_id: int) -> str:
    return f"workflow:stage-durations:{instansi_id}"


def stage_durations(instansi_id: int) -> list[tuple[str, float, int]]:
    """(stage label, average working days spent, number of passages), in the order of the stages."""
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
    zone_name = Instansi.objects.values_list("time_zone", flat=True).get(pk=instansi_id)
    rows = _day_pairs(instansi_id, zone_name)
    if not rows:
        return []
    counter = WorkingDayCounter.spanning(min(row[1] for row in rows), max(row[2] for row in rows))
    days: dict[str, int] = defaultdict(int)
    passages: dict[str, int] = defaultdict(int)
    for state, entered_on, left_on, count in rows:
        days[state] += counter.between(entered_on, left_on, instansi_id) * count
        passages[state] += count
    return [
        (State(state).label, round(days[state] / passages[state], 1), passages[state])
        for state in ACTIVE_STATES
        if passages[state]
    ]


def _day_pairs(instansi_id: int, zone_name: str) -> list[tuple[str, datetime.date, datetime.date, int]]:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(_DAY_PAIRS, [zone_name, zone_name, instansi_id])
            return [(state, entered, left, int(count)) for state, entered, left, count in cursor.fetchall()]
        # SQLite (the demo server) knows no time zones: the passages are grouped here instead.
        cursor.execute(_PASSAGES, [instansi_id])
        passages = cursor.fetchall()
    zone = ZoneInfo(zone_name)
    pairs: Counter[tuple[str, datetime.date, datetime.date]] = Counter()
    for state, entered_at, left_at in passages:
        if state and left_at is not None:
            pairs[(state, _local_day(entered_at, zone), _local_day(left_at, zone))] += 1
    return [(state, entered, left, count) for (state, entered, left), count in pairs.items()]


def _local_day(moment: datetime.datetime | str, zone: ZoneInfo) -> datetime.date:
    if isinstance(moment, str):  # SQLite returns the stored text
        moment = datetime.datetime.fromisoformat(moment)
    if timezone.is_naive(moment):
        moment = moment.replace(tzinfo=datetime.UTC)
    return moment.astimezone(zone).date()


def forget_on_commit(instansi_id: int) -> None:
    """Called by the services inside a transition's transaction; no network until it commits."""
    transaction.on_commit(lambda: _forget(instansi_id))


def _forget(instansi_id: int) -> None:
    try:
        cache.delete(_key(instansi_id))
    except Exception as error:  # the entry expires on its own within CACHE_SECONDS
        logger.warning("Durasi tahap %s tidak dapat dilupakan dari cache: %s", instansi_id, error)
