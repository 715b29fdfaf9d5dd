"""A package unanswered past the ministry's budget: one follow-up to Bagian Organisasi, never twice."""

from __future__ import annotations

import datetime

import pytest

from notifications.models import Notification
from tests.builders import World
from tests.notifications.bodies import body_of
from tests.workflow.packages_world import agree_all, compiled_standards, sent_package
from workflow.packages.reminders import send_package_follow_ups

pytestmark = pytest.mark.django_db


def test_items_of_a_package_carry_no_reminders_and_the_package_follows_up_once(world: World) -> None:
    documents = compiled_standards(world, 3)
    package = sent_package(world, documents)
    assert all(
        d.next_reminder_at is None
        for d in type(documents[0]).objects.filter(pk__in=[d.pk for d in documents])
    )
    agree_all(world, package, documents[:1])
    package.refresh_from_db()
    assert package.next_reminder_at == package.due_at

    later = package.due_at + datetime.timedelta(minutes=1)
    assert send_package_follow_ups(now=later - datetime.timedelta(days=1)) == 0
    assert send_package_follow_ups(now=later) == 1
    assert send_package_follow_ups(now=later) == 0

    follow_up = Notification.objects.get(kind="package_follow_up", recipient=world.organisasi)
    assert "Kepala Seksi 02" in body_of(follow_up)
    assert "Kepala Seksi 03" in body_of(follow_up)
    assert "Kepala Seksi 01" not in body_of(follow_up)


def test_a_fully_answered_package_needs_no_follow_up(world: World) -> None:
    documents = compiled_standards(world, 2)
    package = sent_package(world, documents)
    agree_all(world, package, documents)
    package.refresh_from_db()
    assert package.next_reminder_at is None
