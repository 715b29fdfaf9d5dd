"""Per-process memos of reference rows: kept while current, read again at once when they change."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from redis.exceptions import ConnectionError as RedisConnectionError

from config.memo import Memo, forget_every_memo, read_ahead
from notifications.models import Notification
from notifications.webhooks.models import WebhookDelivery, WebhookSubscription
from notifications.webhooks.outbox import ANY_ACTIVE
from security.outage import end_every_outage
from submissions.models import RoleAssignment
from tests.builders import World
from tests.documents import complete_draft, fire
from tests.events import integration_account
from tests.factories import PositionFactory
from workflow.calendar import add_working_days
from workflow.deadlines import STAGE_BUDGETS, stage_budget
from workflow.machine import Actor
from workflow.models import CalendarDay, StageBudget
from workflow.roles import HOLDERS, assignments_of, holders_in_force


class Loads:
    """A loader that counts how often the database would have been read."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self) -> int:
        self.count += 1
        return self.count


@pytest.fixture
def memo() -> Memo[str, int]:
    fresh: Memo[str, int] = Memo("test_memo")
    cache.delete(fresh.version_key)
    return fresh


def another_process_changed(memo: Memo[Any, Any]) -> None:
    """What another process's bump leaves in the shared cache; this process's copy is untouched."""
    cache.set(memo.version_key, "changed-elsewhere", timeout=None)


def test_a_value_is_read_once_while_its_version_stands(memo) -> None:
    load = Loads()

    assert [memo.get("a", load) for _ in range(3)] == [1, 1, 1]
    assert load.count == 1


def test_a_change_in_another_process_is_seen_by_the_next_use(memo) -> None:
    load = Loads()
    memo.get("a", load)

    another_process_changed(memo)

    assert memo.get("a", load) == 2


def test_a_version_key_lost_from_the_cache_never_brings_back_an_old_copy(memo) -> None:
    load = Loads()
    memo.get("a", load)

    cache.delete(memo.version_key)  # evicted, then created again with a new random value

    assert memo.get("a", load) == 2


def test_while_the_shared_cache_is_away_every_use_reads_the_database(memo, monkeypatch) -> None:
    load = Loads()
    memo.get("a", load)

    def away(*args: object, **kwargs: object) -> None:
        raise RedisConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(cache, "get", away)
    try:
        assert [memo.get("a", load) for _ in range(2)] == [2, 3]
    finally:
        end_every_outage()


def test_a_copy_older_than_its_age_limit_is_read_again(memo, monkeypatch) -> None:
    load = Loads()
    memo.get("a", load)

    monkeypatch.setattr("config.memo.MAX_AGE_SECONDS", -1.0)

    assert memo.get("a", load) == 2


@pytest.mark.django_db(transaction=True)
def test_a_transaction_that_changed_the_rows_sees_its_own_and_keeps_nothing_after_rollback(
    memo, world: World
) -> None:
    load = Loads()
    memo.get("a", load)

    seen_inside: list[int] = []

    def change_then_fail() -> None:
        with transaction.atomic():
            memo.bump()
            seen_inside.extend(memo.get("a", load) for _ in range(2))
            raise RuntimeError("rolled back")

    with pytest.raises(RuntimeError):
        change_then_fail()

    assert seen_inside == [2, 3]  # never from the copy
    assert memo.get("a", load) == 4
    assert memo.get("a", load) == 4


def test_a_stage_budget_changed_in_another_process_applies_to_the_next_deadline(world: World) -> None:
    forget_every_memo()
    assert stage_budget(world.instansi, "compilation") == 10  # the default, now remembered
    StageBudget.objects.bulk_create(
        [StageBudget(instansi=world.instansi, state="compilation", working_days=3)]
    )

    assert stage_budget(world.instansi, "compilation") == 10  # no signal, no bump: the copy stands
    another_process_changed(STAGE_BUDGETS)

    assert stage_budget(world.instansi, "compilation") == 3


def test_a_stage_budget_saved_here_applies_at_once(world: World) -> None:
    forget_every_memo()
    stage_budget(world.instansi, "compilation")

    StageBudget.objects.create(instansi=world.instansi, state="compilation", working_days=4)

    assert stage_budget(world.instansi, "compilation") == 4


def test_a_holiday_declared_here_moves_the_next_count_at_once(world: World) -> None:
    monday = datetime.date(2026, 3, 2)
    forget_every_memo()
    assert add_working_days(monday, 1, world.instansi.pk) == datetime.date(2026, 3, 3)

    CalendarDay.objects.create(date=datetime.date(2026, 3, 3), instansi=world.instansi, is_working_day=False)

    assert add_working_days(monday, 1, world.instansi.pk) == datetime.date(2026, 3, 4)


def test_a_subscription_created_elsewhere_receives_the_next_event(world: World) -> None:
    forget_every_memo()
    complete_draft(world)  # no subscription yet: remembered as none
    account = integration_account("simpeg.kota", world.instansi)
    WebhookSubscription.objects.bulk_create(
        [
            WebhookSubscription(
                owner=account, url="https://simpeg.example/hook", kinds=["transition"], secret="x" * 32
            )
        ]
    )
    another_process_changed(ANY_ACTIVE)

    complete_draft(world, position_id=PositionFactory.create(opd=world.opd).pk)

    assert WebhookDelivery.objects.count() > 0


def test_a_subscription_switched_off_receives_nothing_more_at_once(world: World) -> None:
    account = integration_account("simpeg.kota", world.instansi)
    subscription = WebhookSubscription.objects.create(
        owner=account, url="https://simpeg.example/hook", kinds=["transition"], secret="x" * 32
    )
    forget_every_memo()
    complete_draft(world)
    delivered = WebhookDelivery.objects.count()
    assert delivered > 0

    subscription.active = False
    subscription.save()
    complete_draft(world, position_id=PositionFactory.create(opd=world.opd).pk)

    assert WebhookDelivery.objects.count() == delivered


def _told_of_submit(world: World, position_id: int | None = None, drafter: Any = None) -> set[str]:
    drafter = drafter or world.drafter
    draft = complete_draft(world, position_id=position_id, drafter=drafter)
    fire(draft, "submit", drafter)
    return set(Notification.objects.filter(submission=draft).values_list("recipient__username", flat=True))


def test_a_reviewer_whose_role_ended_is_not_told_of_the_next_submit(world: World) -> None:
    forget_every_memo()
    assert _told_of_submit(world) == {"pemeriksa", "pemeriksa2"}
    ended = RoleAssignment.objects.get(user=world.second_reviewer)
    ended.valid_until = timezone.localdate() - datetime.timedelta(days=2)
    ended.save()

    assert _told_of_submit(world, PositionFactory.create(opd=world.opd).pk) == {"pemeriksa"}


def test_a_role_ended_in_another_process_is_not_told_of_the_next_submit(world: World) -> None:
    forget_every_memo()
    assert _told_of_submit(world) == {"pemeriksa", "pemeriksa2"}
    RoleAssignment.objects.filter(user=world.second_reviewer).update(  # no signal: another process
        valid_until=timezone.localdate() - datetime.timedelta(days=2)
    )
    another_process_changed(HOLDERS)

    assert _told_of_submit(world, PositionFactory.create(opd=world.opd).pk) == {"pemeriksa"}


def test_a_deactivated_reviewer_is_not_told_of_the_next_submit(world: World) -> None:
    forget_every_memo()
    _told_of_submit(world)
    world.second_reviewer.is_active = False
    world.second_reviewer.save()

    assert _told_of_submit(world, PositionFactory.create(opd=world.opd).pk) == {"pemeriksa"}


def test_one_copy_of_the_role_holders_serves_every_opd_of_the_instansi(world: World) -> None:
    forget_every_memo()
    _told_of_submit(world)
    other_drafter = world.other_drafter
    assignments_of(other_drafter)  # his own roles, kept on him: only the holders are left to read

    with CaptureQueriesContext(connection) as queries:
        told = _told_of_submit(world, PositionFactory.create(opd=world.other_opd).pk, other_drafter)

    assert told == {"pemeriksa.lain"}  # the holders of the other OPD, picked from the same copy
    assert not [q for q in queries.captured_queries if "submissions_roleassignment" in q["sql"]]


def test_an_opd_moved_to_another_instansi_takes_its_holders_along(world: World) -> None:
    forget_every_memo()
    reviewers = [Actor.OPD_REVIEWER]
    assert holders_in_force(reviewers, world.other_instansi_opd, None, timezone.now()) == []  # copied
    moved = world.other_opd
    moved.instansi = world.other_instansi_opd.instansi
    moved.save()

    holders = holders_in_force(reviewers, moved, None, timezone.now())

    assert [a.user.username for a in holders] == ["pemeriksa.lain"]


def test_a_login_keeps_the_copy_of_who_holds_which_role(world: World) -> None:
    forget_every_memo()
    _told_of_submit(world)
    version = cache.get(HOLDERS.version_key)

    world.reviewer.last_login = timezone.now()
    world.reviewer.save(update_fields=["last_login"])

    assert cache.get(HOLDERS.version_key) == version


@pytest.mark.django_db(transaction=True)
def test_the_versions_are_read_once_per_transaction_and_again_in_the_next(memo) -> None:
    load = Loads()
    with transaction.atomic():
        memo.get("a", load)
        another_process_changed(memo)
        assert memo.get("a", load) == 1  # within one transaction: as read at its first use

    with transaction.atomic():
        assert memo.get("a", load) == 2


@pytest.mark.django_db(transaction=True)
def test_an_atomic_decorator_reused_by_the_next_transaction_reads_the_versions_again(memo) -> None:
    load = Loads()

    @transaction.atomic
    def use() -> int:
        return memo.get("a", load)

    assert use() == 1
    another_process_changed(memo)

    assert use() == 2


@pytest.mark.django_db(transaction=True)
def test_versions_read_ahead_spare_the_transaction_any_cache_round_trip(memo, monkeypatch) -> None:
    load = Loads()
    read_ahead()
    reads: list[object] = []
    real_get_many = cache.get_many

    def counted(keys: list[str]) -> dict[str, Any]:
        reads.append(keys)
        return real_get_many(keys)

    monkeypatch.setattr(cache, "get_many", counted)

    with transaction.atomic():
        memo.get("a", load)
        memo.get("b", load)

    assert reads == []
    with transaction.atomic():  # the next transaction does not reuse what was read for this one
        memo.get("a", load)
    assert len(reads) == 1
