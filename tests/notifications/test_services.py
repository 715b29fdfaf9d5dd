from __future__ import annotations

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.db import transaction

from config.memo import forget_every_memo
from notifications.models import Delivery, Kind, Notification, Status
from notifications.services import (
    NO_EMAIL_ADDRESS,
    Recipient,
    preference_choices,
    preferences_for,
    record_notifications,
    set_preference,
)
from tests.documents import complete_draft, fire
from tests.factories import PositionFactory
from tests.notifications.bodies import body_of


def test_one_row_is_written_per_recipient_and_an_email_sent_after_commit(
    world, record, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        rows = record(world.reviewer, world.second_reviewer)
        assert mail.outbox == []

    assert {row.recipient for row in rows} == {world.reviewer, world.second_reviewer}
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [world.reviewer.email, world.second_reviewer.email]
    )
    assert set(Notification.objects.values_list("status", flat=True)) == {Status.SENT}


def test_recording_the_same_event_twice_writes_and_sends_nothing_more(
    world, record, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        record(world.reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        record(world.reviewer)

    assert Notification.objects.count() == 1
    assert len(mail.outbox) == 1


def test_the_actor_is_never_told_of_his_own_action(world, draft):
    rows = record_notifications(
        kind=Kind.SUBMIT,
        event_key="test:own",
        recipients=[world.drafter, world.reviewer],
        submission=draft,
        actor=world.drafter,
        context={"next_step": "Reviu dokumen ini."},
    )

    assert [row.recipient for row in rows] == [world.reviewer]


def test_an_inactive_user_is_not_notified(world, record):
    world.reviewer.is_active = False
    world.reviewer.save()

    assert record(world.reviewer, world.second_reviewer)[0].recipient == world.second_reviewer


def test_a_user_listed_twice_gets_one_row_with_the_first_listed_next_step(world, draft):
    rows = record_notifications(
        kind=Kind.FORWARD,
        event_key="test:twice",
        recipients=[
            Recipient(user=world.organisasi, context={"next_step": "Verifikasi dokumen."}),
            Recipient(user=world.organisasi, context={"next_step": "Untuk diketahui."}),
        ],
        submission=draft,
        context={},
    )

    assert len(rows) == 1
    assert "Verifikasi dokumen." in body_of(rows[0])


def test_the_email_is_in_indonesian_text_and_html_with_a_link_and_the_next_step(
    world, draft, record, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://skj.example.go.id"
    with django_capture_on_commit_callbacks(execute=True):
        record(world.reviewer, comment="Mohon & segera.")

    message = mail.outbox[0]
    assert isinstance(message, EmailMultiAlternatives)
    link = f"https://skj.example.go.id/dokumen/{draft.pk}/"
    html = str(message.alternatives[0][0])
    assert message.subject == f"[Alur SKJ] Perlu reviu: SKJ {draft.position.name} · {draft.position.opd.name}"
    assert "Yth." in message.body
    assert "Yang perlu Anda lakukan:\nReviu dokumen ini." in message.body
    assert link in message.body
    assert "Mohon & segera." in message.body
    assert f'href="{link}"' in html
    assert "Reviu dokumen ini." in html
    assert "Mohon &amp; segera." in html
    assert "https://skj.example.go.id/notifikasi/preferensi/" in message.body


@pytest.mark.parametrize(
    ("delivery", "status", "emails"),
    [
        (Delivery.EMAIL, Status.SENT, 1),
        (Delivery.DIGEST, Status.AWAITING_DIGEST, 0),
        (Delivery.IN_APP, Status.IN_APP, 0),
    ],
)
def test_the_users_preference_for_the_kind_decides_how_he_hears(
    world, record, django_capture_on_commit_callbacks, delivery, status, emails
):
    set_preference(user=world.reviewer, kind=Kind.SUBMIT, delivery=delivery)
    with django_capture_on_commit_callbacks(execute=True):
        (row,) = record(world.reviewer)

    row.refresh_from_db()
    assert (row.delivery, row.status, len(mail.outbox)) == (delivery, status, emails)


def test_a_preference_for_another_kind_does_not_apply(world, record):
    set_preference(user=world.reviewer, kind=Kind.FORWARD, delivery=Delivery.IN_APP)

    assert record(world.reviewer)[0].delivery == Delivery.EMAIL


def test_a_user_without_an_email_address_gets_the_notification_in_the_app_only(
    world, record, django_capture_on_commit_callbacks
):
    world.reviewer.email = ""
    world.reviewer.save()
    with django_capture_on_commit_callbacks(execute=True):
        (row,) = record(world.reviewer)

    assert (row.status, row.last_error, mail.outbox) == (Status.IN_APP, NO_EMAIL_ADDRESS, [])


def test_rows_of_a_rolled_back_event_disappear_and_nothing_is_sent(
    world, record, django_capture_on_commit_callbacks
):
    def failing_event() -> None:
        with transaction.atomic():
            record(world.reviewer)
            raise RuntimeError("transisi gagal")

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError, match="transisi"):
        failing_event()

    assert (Notification.objects.count(), mail.outbox) == (0, [])


def test_preferences_default_to_email_for_every_kind_a_user_can_choose(world):
    preferences = preferences_for(user=world.drafter)

    assert set(preferences) == {kind for kind, _label in preference_choices()}
    assert set(preferences.values()) == {Delivery.EMAIL}
    assert Kind.DIGEST not in preferences


def test_setting_a_preference_twice_keeps_the_last_choice(world):
    set_preference(user=world.drafter, kind=Kind.REMINDER, delivery=Delivery.DIGEST)
    set_preference(user=world.drafter, kind=Kind.REMINDER, delivery=Delivery.IN_APP)

    assert preferences_for(user=world.drafter)[Kind.REMINDER] == Delivery.IN_APP


@pytest.mark.parametrize(
    ("kind", "delivery"), [("unknown", Delivery.EMAIL), (Kind.SUBMIT, "fax"), (Kind.DIGEST, "email")]
)
def test_an_unknown_kind_or_delivery_is_refused(world, kind, delivery):
    with pytest.raises(ValueError, match="tidak dikenal"):
        set_preference(user=world.drafter, kind=kind, delivery=delivery)


def test_a_delivery_chosen_after_the_copy_was_read_counts_for_the_next_transition(world) -> None:
    forget_every_memo()
    fire(complete_draft(world), "submit", world.drafter)  # the choices of `submit` now copied
    set_preference(user=world.reviewer, kind=Kind.SUBMIT, delivery=Delivery.DIGEST)

    later = fire(complete_draft(world, PositionFactory.create(opd=world.opd).pk), "submit", world.drafter)

    told = Notification.objects.get(submission=later, recipient=world.reviewer)
    assert (told.delivery, told.status) == (Delivery.DIGEST, Status.AWAITING_DIGEST)
