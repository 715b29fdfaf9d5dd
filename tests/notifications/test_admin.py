from __future__ import annotations

import pytest
from django.urls import reverse

from notifications.models import Notification, Status
from tests.factories import UserFactory


@pytest.fixture
def admin_client_logged_in(client, db):
    client.force_login(UserFactory.create(username="admin", is_staff=True, is_superuser=True))
    return client


@pytest.fixture
def failed(world, record) -> Notification:
    (row,) = record(world.reviewer)
    Notification.objects.filter(pk=row.pk).update(
        status=Status.FAILED, attempts=5, last_error="SMTPServerDisconnected: Connection unexpectedly closed"
    )
    return row


def test_the_admin_list_shows_the_last_error_and_filters_by_status_and_kind(admin_client_logged_in, failed):
    url = reverse("admin:notifications_notification_changelist")

    response = admin_client_logged_in.get(url, {"status__exact": "failed", "kind__exact": "submit"})

    assert response.status_code == 200
    assert "SMTPServerDisconnected: Connection unexpectedly closed" in response.content.decode()


def test_the_send_again_action_delivers_a_failed_notification(
    admin_client_logged_in, failed, django_capture_on_commit_callbacks, mailoutbox
):
    url = reverse("admin:notifications_notification_changelist")

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client_logged_in.post(
            url, {"action": "send_again", "_selected_action": [failed.pk]}, follow=True
        )

    failed.refresh_from_db()
    assert response.status_code == 200
    assert "1 notifikasi diantrekan untuk dikirim ulang." in response.content.decode()
    assert (failed.status, failed.attempts) == (Status.SENT, 1)
    assert [message.to for message in mailoutbox] == [[failed.recipient.email]]


def test_the_send_again_action_skips_notifications_already_sent(
    admin_client_logged_in, failed, django_capture_on_commit_callbacks, mailoutbox
):
    Notification.objects.filter(pk=failed.pk).update(status=Status.SENT)
    url = reverse("admin:notifications_notification_changelist")

    with django_capture_on_commit_callbacks(execute=True):
        admin_client_logged_in.post(url, {"action": "send_again", "_selected_action": [failed.pk]})

    assert mailoutbox == []
