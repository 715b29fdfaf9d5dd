"""The recipient table of issue 4, row by row, through the real workflow services."""

from __future__ import annotations

import datetime

import pytest
from django.utils import translation

from notifications.models import Notification
from submissions.models import Role, TimeZone
from tests.documents import INPUTS, LEGAL, RIGHTFUL, document_in, fire, revision_of
from tests.factories import RoleAssignmentFactory, UserFactory
from tests.notifications.bodies import body_of
from workflow.machine import State

OPD_PEOPLE = {"drafter", "second_drafter", "reviewer", "second_reviewer"}

# Who hears of each transition (issue 4), by their names in tests/builders.py.
EXPECTED: dict[str, set[str]] = {
    "submit": {"reviewer", "second_reviewer"},
    "withdraw": {"reviewer", "second_reviewer"},
    "return_to_drafter": {"drafter", "second_drafter"},
    "forward": {"organisasi", "drafter"},  # the drafter who submitted, for information
    "return_to_opd": OPD_PEOPLE,
    "send_to_ministry": OPD_PEOPLE | {"ministry"},
    "ministry_agree": OPD_PEOPLE,  # Bagian Organisasi fired it
    "ministry_return": OPD_PEOPLE,
}


def recipients_of_last_event(world) -> set[str]:
    last = Notification.objects.order_by("-id").first()
    assert last is not None
    names = {
        getattr(world, attr).pk: attr
        for attr in world.__dataclass_fields__
        if hasattr(getattr(world, attr), "username")
    }
    return {
        names[pk]
        for pk in Notification.objects.filter(event_key=last.event_key).values_list("recipient_id", flat=True)
    }


@pytest.mark.parametrize("name", list(EXPECTED))
def test_each_transition_is_announced_to_the_people_of_the_recipient_table(world, name):
    document = document_in(world, LEGAL[name][0])

    fire(document, name, getattr(world, RIGHTFUL[name]), **INPUTS[name])

    assert recipients_of_last_event(world) == EXPECTED[name]


@pytest.mark.parametrize("name", ["ministry_agree", "ministry_return"])
def test_bagian_organisasi_hears_of_the_ministrys_answer_recorded_by_a_ministry_user(world, name):
    document = document_in(world, State.MINISTRY_CONSULTATION)

    fire(document, name, world.ministry, **INPUTS[name])

    assert recipients_of_last_event(world) == OPD_PEOPLE | {"organisasi"}


def test_a_new_version_is_announced_to_bagian_organisasi(world):
    approved = document_in(world, State.APPROVED)

    revision_of(world, approved)

    assert recipients_of_last_event(world) == {"organisasi"}


def test_the_send_back_email_carries_the_reason_and_the_comment(world):
    document = document_in(world, State.OPD_REVIEW)

    fire(
        document,
        "return_to_drafter",
        world.reviewer,
        reason_code="wording",
        comment="Perbaiki uraian indikator.",
    )

    row = Notification.objects.filter(recipient=world.drafter).latest("id")
    assert "Alasan   : wording" in body_of(row)
    assert "Perbaiki uraian indikator." in body_of(row)
    assert "ajukan kembali" in body_of(row)


def test_the_drafter_informed_of_a_forward_is_told_no_action_is_needed(world):
    document = document_in(world, State.OPD_REVIEW)

    fire(document, "forward", world.reviewer)

    drafter_row = Notification.objects.get(recipient=world.drafter, kind="forward")
    organisasi_row = Notification.objects.get(recipient=world.organisasi, kind="forward")
    assert "tidak ada tindakan" in body_of(drafter_row)
    assert "Verifikasi dan kompilasi" in body_of(organisasi_row)


def test_a_user_whose_role_has_ended_is_not_notified(world):
    yesterday = datetime.date.today() - datetime.timedelta(days=1)
    former = UserFactory.create(username="pemeriksa.lama")
    RoleAssignmentFactory.create(
        user=former,
        role=Role.REVIEWER,
        opd=world.opd,
        valid_from=yesterday - datetime.timedelta(days=30),
        valid_until=yesterday,
    )
    document = document_in(world, State.DRAFT)

    fire(document, "submit", world.drafter)

    assert not Notification.objects.filter(recipient=former).exists()


def test_people_of_other_opds_and_instansi_never_hear_of_the_document(world):
    document = document_in(world, State.MINISTRY_CONSULTATION)
    fire(document, "ministry_return", world.organisasi, **INPUTS["ministry_return"])

    outsiders = [world.other_drafter, world.other_reviewer, world.other_organisasi, world.outsider]
    assert not Notification.objects.filter(recipient__in=outsiders).exists()


def test_every_announcement_links_to_the_document(world, settings):
    settings.SITE_URL = "https://skj.example.go.id"
    document = document_in(world, State.COMPILATION)

    assert {
        body_of(row).count(f"https://skj.example.go.id/dokumen/{document.pk}/")
        for row in Notification.objects.all()
    } == {1}


def test_the_deadline_is_shown_in_the_instansis_own_time_zone(world):
    world.instansi.time_zone = TimeZone.WIT
    world.instansi.save()
    document = document_in(world, State.DRAFT)

    fire(document, "submit", world.drafter)

    row = Notification.objects.filter(kind="submit").first()
    assert row is not None
    assert "23:59 WIT" in body_of(row)


def test_the_email_is_in_indonesian_even_when_the_actor_browses_in_english(world):
    document = document_in(world, State.OPD_REVIEW)

    with translation.override("en"):
        fire(document, "forward", world.reviewer)

    row = Notification.objects.get(recipient=world.organisasi, kind="forward")
    indonesian_days = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
    english_days = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
    assert any(day in body_of(row) for day in indonesian_days)
    assert not any(day in body_of(row) for day in english_days)


def test_the_ministry_reads_the_instansi_beside_the_opd_in_its_subjects(world):
    document = document_in(world, State.COMPILATION)

    fire(document, "send_to_ministry", world.organisasi, **INPUTS["send_to_ministry"])

    opd, instansi = document.position.opd.name, document.position.opd.instansi.name
    ministry = Notification.objects.get(recipient=world.ministry, kind="send_to_ministry")
    drafter = Notification.objects.get(recipient=world.drafter, kind="send_to_ministry")
    assert ministry.subject.endswith(f" · {opd}, {instansi}")
    assert drafter.subject.endswith(f" · {opd}")
