from __future__ import annotations

import datetime

import pytest

from notifications.digests import compose_all_digests
from notifications.models import Delivery, Kind, Notification
from notifications.selectors import inbox_for, unread_count
from notifications.services import mark_all_read, mark_read, set_preference


def test_the_inbox_lists_only_the_users_own_notifications_newest_first(world, record):
    record(world.reviewer, event_key="e:1")
    record(world.reviewer, world.second_reviewer, event_key="e:2")

    rows = list(inbox_for(user=world.reviewer))

    assert [row.event_key for row in rows] == ["e:2", "e:1"]
    assert {row.recipient for row in rows} == {world.reviewer}


def test_the_inbox_holds_notifications_of_every_delivery_mode(world, record):
    from notifications.models import Delivery, Kind
    from notifications.services import set_preference

    set_preference(user=world.reviewer, kind=Kind.SUBMIT, delivery=Delivery.IN_APP)
    record(world.reviewer, event_key="e:1")
    set_preference(user=world.reviewer, kind=Kind.SUBMIT, delivery=Delivery.DIGEST)
    record(world.reviewer, event_key="e:2")

    assert inbox_for(user=world.reviewer).count() == 2


def test_marking_read_lowers_the_unread_count(world, record):
    first, *_ = record(world.reviewer, event_key="e:1")
    record(world.reviewer, event_key="e:2")

    mark_read(notification_id=first.pk, user=world.reviewer)

    assert unread_count(user=world.reviewer) == 1
    assert [row.event_key for row in inbox_for(user=world.reviewer, unread_only=True)] == ["e:2"]


def test_marking_read_twice_keeps_the_first_read_time(world, record):
    (row,) = record(world.reviewer)

    first = mark_read(notification_id=row.pk, user=world.reviewer).read_at
    second = mark_read(notification_id=row.pk, user=world.reviewer).read_at

    assert first is not None
    assert first == second


def test_a_user_cannot_mark_another_users_notification_read(world, record):
    (row,) = record(world.reviewer)

    with pytest.raises(Notification.DoesNotExist):
        mark_read(notification_id=row.pk, user=world.second_reviewer)
    row.refresh_from_db()
    assert row.read_at is None


def test_mark_all_read_touches_only_the_users_own_rows(world, record):
    record(world.reviewer, world.second_reviewer)

    assert mark_all_read(user=world.reviewer) == 1
    assert (unread_count(user=world.reviewer), unread_count(user=world.second_reviewer)) == (0, 1)


def test_mark_all_read_counts_only_inbox_items_not_digest_emails(world, record):
    set_preference(user=world.reviewer, kind=Kind.SUBMIT, delivery=Delivery.DIGEST)
    record(world.reviewer, event_key="e:1")
    compose_all_digests(day=datetime.date(2026, 11, 23))

    unread = unread_count(user=world.reviewer)

    assert mark_all_read(user=world.reviewer) == unread == 1


def test_the_unread_count_stops_counting_beyond_what_the_header_shows(world, record, monkeypatch):
    from notifications import selectors

    for n in range(4):
        record(world.reviewer, event_key=f"e:{n}")
    monkeypatch.setattr(selectors, "UNREAD_SHOWN", 2)

    assert unread_count(user=world.reviewer) == 3
    assert selectors.unread_label(user=world.reviewer) == "2+"
