from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from notifications import digests
from notifications.digests import compose_all_digests
from notifications.models import Delivery, Kind, Notification, Status
from notifications.services import set_preference

DAY = datetime.date(2026, 11, 23)


@pytest.fixture
def digest_reader(world):
    for kind in (Kind.SUBMIT, Kind.FORWARD):
        set_preference(user=world.reviewer, kind=kind, delivery=Delivery.DIGEST)
    return world.reviewer


def test_a_user_gets_one_digest_email_listing_all_his_waiting_notifications(
    world, digest_reader, record, django_capture_on_commit_callbacks, mailoutbox
):
    record(digest_reader, kind=Kind.SUBMIT, event_key="e:1")
    record(digest_reader, kind=Kind.FORWARD, event_key="e:2")

    with django_capture_on_commit_callbacks(execute=True):
        compose_all_digests(day=DAY)

    (message,) = mailoutbox
    assert message.to == [digest_reader.email]
    assert message.subject == "[Alur SKJ] Ringkasan harian: 2 notifikasi"
    assert "Perlu reviu" in message.body
    assert "Diteruskan ke Bagian Organisasi" in message.body
    assert "Perlu reviu" in message.alternatives[0].content
    assert set(Notification.objects.exclude(kind=Kind.DIGEST).values_list("status", flat=True)) == {
        Status.DIGESTED
    }


def test_a_notification_goes_into_one_digest_only(digest_reader, record, django_capture_on_commit_callbacks):
    record(digest_reader, event_key="e:1")
    with django_capture_on_commit_callbacks(execute=True):
        first = compose_all_digests(day=DAY)
        again = compose_all_digests(day=DAY)

    assert (len(first), again) == (1, [])


def test_a_user_gets_at_most_one_digest_a_day_and_later_items_wait_for_the_next(
    digest_reader, record, django_capture_on_commit_callbacks
):
    record(digest_reader, event_key="e:1")
    compose_all_digests(day=DAY)
    record(digest_reader, event_key="e:2")

    same_day = compose_all_digests(day=DAY)
    next_day = compose_all_digests(day=DAY + datetime.timedelta(days=1))

    assert (same_day, len(next_day)) == ([], 1)


def test_users_with_email_at_once_get_no_digest(world, record):
    record(world.reviewer)

    assert compose_all_digests(day=DAY) == []


def test_digests_do_not_appear_in_the_inbox(digest_reader, record):
    from notifications.selectors import inbox_for

    record(digest_reader, event_key="e:1")
    compose_all_digests(day=DAY)

    assert [row.kind for row in inbox_for(user=digest_reader)] == [Kind.SUBMIT]


def _digest_queries(record, reader, items: int) -> int:
    for number in range(items):
        record(reader, event_key=f"many:{items}:{number}")
    with CaptureQueriesContext(connection) as queries:
        compose_all_digests(day=DAY)
    Notification.objects.filter(kind=Kind.DIGEST).delete()
    return len(queries)


def test_composing_a_users_digest_costs_the_same_whatever_the_number_of_his_items(digest_reader, record):
    few = _digest_queries(record, digest_reader, 2)

    many = _digest_queries(record, digest_reader, 12)

    assert many == few


def test_a_digest_that_fails_for_one_user_does_not_hold_up_the_others(
    world, digest_reader, record, monkeypatch, caplog
):
    set_preference(user=world.second_reviewer, kind=Kind.SUBMIT, delivery=Delivery.DIGEST)
    record(digest_reader, world.second_reviewer, event_key="e:1")
    real_item = digests._item

    def item(notification):
        if notification.recipient_id == min(digest_reader.pk, world.second_reviewer.pk):
            raise RuntimeError("template rusak")
        return real_item(notification)

    monkeypatch.setattr(digests, "_item", item)

    composed = compose_all_digests(day=DAY)

    assert len(composed) == 1
    assert Notification.objects.filter(status=Status.AWAITING_DIGEST).count() == 1  # tried again tomorrow
    assert "template rusak" in caplog.text


def test_the_digest_says_in_which_time_zone_its_times_are(
    digest_reader, record, django_capture_on_commit_callbacks, mailoutbox
):
    record(digest_reader, event_key="e:1")

    with django_capture_on_commit_callbacks(execute=True):
        compose_all_digests(day=DAY)

    (message,) = mailoutbox
    assert " WIB)" in message.body
    assert " WIB)" in message.alternatives[0].content
