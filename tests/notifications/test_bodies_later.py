"""A notification's bodies are rendered after the event, from the context frozen into its row."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.translation import gettext_lazy

from notifications.delivery import deliver
from notifications.models import Kind, Notification, Status
from notifications.rendering import ensure_bodies, freeze, thaw
from submissions.models import Submission
from tests.api.conftest import client_for
from tests.builders import World


def test_the_row_is_written_with_its_subject_and_a_frozen_context_but_no_bodies(world: World, record: Any):
    [row] = record(world.reviewer)

    stored = Notification.objects.get(pk=row.pk)
    assert stored.subject.startswith("[Alur SKJ]")
    assert (stored.body_text, stored.body_html, stored.needs_body) == ("", "", True)
    assert stored.context["next_step"] == "Reviu dokumen ini."
    assert stored.context["actor_name"] == "Penyusun Uji"


def test_delivery_renders_the_bodies_sends_them_and_keeps_them(world: World, record: Any):
    [row] = record(world.reviewer)

    deliver(row.pk)

    [message] = mail.outbox
    stored = Notification.objects.get(pk=row.pk)
    assert stored.status == Status.SENT
    assert not stored.needs_body
    assert "Reviu dokumen ini." in message.body
    assert message.body == stored.body_text
    assert isinstance(message, EmailMultiAlternatives)
    assert message.alternatives[0][0] == stored.body_html


def test_a_later_rename_of_the_position_does_not_change_what_the_reader_is_told(
    world: World, record: Any, draft: Submission
):
    name = draft.position.name
    [row] = record(world.reviewer)
    draft.position.name = "Nama Baru Sesudah Peristiwa"
    draft.position.save()

    ensure_bodies([Notification.objects.get(pk=row.pk)])

    body = Notification.objects.get(pk=row.pk).body_text
    assert name in body
    assert "Nama Baru Sesudah Peristiwa" not in body


def test_an_in_app_row_first_read_through_the_api_shows_its_body_and_keeps_it(world: World, record: Any):
    [row] = record(world.reviewer)
    Notification.objects.filter(pk=row.pk).update(status=Status.IN_APP)

    [listed] = client_for(world.reviewer).get("/api/v1/notifications/").json()["results"]

    assert "Reviu dokumen ini." in listed["body_text"]
    assert Notification.objects.get(pk=row.pk).needs_body is False


def test_a_body_already_rendered_is_not_rendered_again(world: World, record: Any):
    [row] = record(world.reviewer)
    Notification.objects.filter(pk=row.pk).update(body_text="Sudah tersusun.", needs_body=False)

    stored = Notification.objects.get(pk=row.pk)
    ensure_bodies([stored])

    assert Notification.objects.get(pk=row.pk).body_text == "Sudah tersusun."


def test_dates_times_and_lazy_texts_come_back_as_they_went_in():
    at = timezone.now().replace(microsecond=0)
    frozen = freeze(
        {
            "letter_date": datetime.date(2026, 1, 5),
            "at": at,
            "label": gettext_lazy("Pengingat tenggat"),
            "items": [{"subject": "A", "created_at": at}],
            "count": 2,
            "follow_up": True,
            "missing": None,
        }
    )

    assert thaw(frozen) == {
        "letter_date": datetime.date(2026, 1, 5),
        "at": at,
        "label": "Pengingat tenggat",
        "items": [{"subject": "A", "created_at": at}],
        "count": 2,
        "follow_up": True,
        "missing": None,
    }


def test_an_object_in_the_context_is_refused_when_the_row_is_written(draft: Submission):
    with pytest.raises(TypeError, match="not Submission"):
        freeze({"submission": draft})


def test_a_letter_date_rendered_later_keeps_its_indonesian_month(world: World, record: Any):
    [row] = record(
        world.reviewer,
        kind=Kind.MINISTRY_AGREE,
        event_key="test:agree",
        letter_number="B/123/M.SM.01.00/2026",
        letter_date=datetime.date(2026, 1, 5),
    )

    ensure_bodies([row])

    assert "5 Januari 2026" in row.body_text


def test_a_page_of_rows_is_rendered_with_one_update(world: World, record: Any):
    for number in range(3):
        record(world.reviewer, event_key=f"test:page:{number}")
    rows = list(Notification.objects.filter(recipient=world.reviewer))

    with CaptureQueriesContext(connection) as queries:
        ensure_bodies(rows)

    assert [q["sql"].split()[0] for q in queries.captured_queries] == ["UPDATE"]
    assert not Notification.objects.filter(needs_body=True).exists()


def test_marking_an_in_app_row_read_through_the_api_answers_with_its_body(world: World, record: Any):
    [row] = record(world.reviewer)
    Notification.objects.filter(pk=row.pk).update(status=Status.IN_APP)

    answer = client_for(world.reviewer).post(f"/api/v1/notifications/{row.pk}/read/").json()

    assert "Reviu dokumen ini." in answer["body_text"]
