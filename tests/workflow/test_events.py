"""Every service that changes something writes its event in the same transaction, scoped like the rest."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection, transaction

from notifications.webhooks.models import WebhookDelivery, WebhookSubscription
from submissions.models import PositionKind
from tests.builders import World
from tests.documents import LETTER, advance, complete_draft, document_in, fire, revision_of
from tests.events import integration_account
from tests.factories import PositionFactory
from tests.services import need
from tests.workflow.packages_world import agree_all, compiled_standards, sent_package
from workflow.decrees.services import DecreeInput, record_decree
from workflow.errors import TransitionRefused
from workflow.events.models import Event, EventKind
from workflow.extensions import extend_deadline
from workflow.machine import State
from workflow.models import TransitionLog
from workflow.positions import position_create, position_update
from workflow.scoping import visible_events

pytestmark = pytest.mark.django_db


def transitions_of(submission_id: int) -> list[tuple[str, str, str]]:
    events = Event.objects.filter(kind=EventKind.TRANSITION, submission_id=submission_id).order_by("id")
    return [(e.transition, e.from_state, e.to_state) for e in events]


def test_each_log_row_of_the_normal_road_has_one_transition_event(world: World):
    approved = document_in(world, State.APPROVED)

    assert transitions_of(approved.pk) == [
        ("create", "", "draft"),
        ("submit", "draft", "opd_review"),
        ("forward", "opd_review", "compilation"),
        ("send_to_ministry", "compilation", "ministry_consultation"),
        ("ministry_agree", "ministry_consultation", "approved"),
    ]
    logged = set(TransitionLog.objects.values_list("pk", flat=True))
    assert set(Event.objects.values_list("log_entry_id", flat=True)) == logged


def test_an_event_tells_the_document_its_place_and_the_actors_role_never_the_person(world: World):
    draft = complete_draft(world)
    fire(draft, "submit", world.drafter)

    event = Event.objects.get(transition="submit")
    assert (event.submission_id, event.version, event.round) == (draft.pk, 1, 1)
    assert (event.position_id, event.opd_id, event.instansi_id) == (
        world.position.pk,
        world.opd.pk,
        world.instansi.pk,
    )
    assert event.actor_kind == "drafter"
    assert world.drafter.username not in str(event.data)


def test_approving_a_revision_writes_the_supersede_before_the_approval(world: World):
    first = advance(world, complete_draft(world), State.APPROVED)
    second = advance(world, revision_of(world, first), State.APPROVED)

    last_two = list(Event.objects.order_by("-id")[:2])[::-1]
    assert [(e.submission_id, e.transition) for e in last_two] == [
        (first.pk, "supersede"),
        (second.pk, "ministry_agree"),
    ]


def test_a_refused_transition_writes_no_event(world: World):
    draft = complete_draft(world)
    before = Event.objects.count()

    with pytest.raises(TransitionRefused):
        fire(draft, "forward", world.reviewer)

    assert Event.objects.count() == before


def test_an_extended_deadline_is_an_event_without_a_state_change(world: World):
    draft = complete_draft(world)
    extend_deadline(submission_id=draft.pk, actor=world.organisasi, working_days=3, reason="Cuti bersama")

    event = Event.objects.get(transition="extend_deadline")
    assert (event.from_state, event.to_state, event.actor_kind) == ("draft", "draft", "bagian_organisasi")


def test_a_package_sent_and_answered_are_events_beside_each_items_transition(world: World):
    documents = compiled_standards(world, 2)
    package = sent_package(world, documents)
    agree_all(world, package, documents[:1])

    sent = Event.objects.get(kind=EventKind.PACKAGE_SENT)
    answered = Event.objects.get(kind=EventKind.PACKAGE_ANSWERED)
    assert sent.package_id == answered.package_id == package.pk
    assert sent.data["items"] == [{"submission": d.pk} for d in sorted(documents, key=lambda d: d.pk)]
    assert answered.data["items"] == [{"submission": documents[0].pk, "outcome": "agreed"}]
    assert answered.actor_kind == "ministry"
    item_events = Event.objects.filter(package_id=package.pk, kind=EventKind.TRANSITION)
    assert sorted(item_events.values_list("transition", flat=True)) == [
        "ministry_agree",
        "send_to_ministry",
        "send_to_ministry",
    ]
    assert sent.id > max(e.id for e in item_events if e.transition == "send_to_ministry")


def test_a_decree_is_one_event_and_an_enact_event_per_standard(world: World):
    documents = compiled_standards(world, 2)
    agree_all(world, sent_package(world, documents), documents)
    decree = record_decree(
        instansi_id=world.instansi.pk,
        actor=world.organisasi,
        decree=DecreeInput(
            kind="keputusan", head="wali_kota", number="7", date=LETTER["letter_date"], title="SKJ"
        ),
        submission_ids=[d.pk for d in documents],
    )

    recorded = Event.objects.get(kind=EventKind.DECREE_RECORDED)
    assert (recorded.decree_id, recorded.data["submissions"]) == (decree.pk, [d.pk for d in documents])
    enacted = Event.objects.filter(transition="enact").values_list("submission_id", "decree_id")
    assert sorted(enacted) == sorted((d.pk, decree.pk) for d in documents)


def test_positions_created_renamed_moved_and_closed_say_what_changed(world: World):
    head = position_create(
        actor=world.organisasi, opd_id=world.opd.pk, name="Kepala Bidang", kind="administrator"
    )
    position = position_create(
        actor=world.organisasi, opd_id=world.opd.pk, name="Analis", kind=PositionKind.PELAKSANA
    )
    position_update(actor=world.organisasi, position_id=position.pk, name="Analis Data", parent=head.pk)
    position_update(actor=world.organisasi, position_id=position.pk, active=False)
    position_update(actor=world.organisasi, position_id=position.pk, name="Analis Data")  # nothing changes

    events = Event.objects.filter(position_id=position.pk).order_by("id")
    assert [(e.kind, e.data["changes"]) for e in events] == [
        (EventKind.POSITION_CREATED, []),
        (EventKind.POSITION_CHANGED, ["renamed", "moved"]),
        (EventKind.POSITION_CHANGED, ["closed"]),
    ]
    assert all(e.opd_id == world.opd.pk and e.instansi_id == world.instansi.pk for e in events)


def test_events_of_a_rolled_back_transaction_are_gone_with_it(world: World):
    draft = complete_draft(world)
    before = Event.objects.count()

    def submit_then_fail() -> None:
        with transaction.atomic():
            fire(draft, "submit", world.drafter)
            raise RuntimeError("the surrounding work fails")

    with pytest.raises(RuntimeError):
        submit_then_fail()

    assert Event.objects.count() == before


def test_scoping_follows_the_documents_scope(world: World):
    own = complete_draft(world)
    fire(own, "submit", world.drafter)
    other_opd_position = PositionFactory.create(opd=world.other_opd, kind=PositionKind.PENGAWAS)
    other_opd_draft = complete_draft(world, other_opd_position.pk, drafter=world.other_drafter)

    def sees(user: Any) -> set[int | None]:
        return set(visible_events(user).values_list("submission_id", flat=True))

    nationwide = integration_account("simpeg.nasional", None)
    regional = integration_account("simpeg.kota", world.instansi)
    elsewhere = integration_account("simpeg.lain", world.other_instansi_opd.instansi)
    assert sees(world.drafter) == {own.pk}
    assert sees(world.other_drafter) == {other_opd_draft.pk}
    assert sees(world.organisasi) == sees(regional) == sees(nationwide) == {own.pk, other_opd_draft.pk}
    assert sees(elsewhere) == sees(world.outsider) == set()
    assert sees(world.ministry) == set()  # nothing of theirs has been consulted yet


def test_the_ministry_sees_documents_once_consulted_and_every_package(world: World):
    documents = compiled_standards(world, 1)
    draft = complete_draft(world)
    sent_package(world, documents)

    seen = visible_events(world.ministry)
    assert set(seen.filter(kind=EventKind.TRANSITION).values_list("submission_id", flat=True)) == {
        documents[0].pk
    }
    assert seen.filter(kind=EventKind.PACKAGE_SENT).count() == 1
    assert not seen.filter(submission_id=draft.pk).exists()


def test_events_are_numbered_in_the_order_they_were_written_within_one_transaction(
    world: World, numbered_events: None
):
    approved = document_in(world, State.APPROVED)

    seqs = list(Event.objects.filter(submission_id=approved.pk).order_by("id").values_list("seq", flat=True))
    numbers = [s for s in seqs if s is not None]
    assert numbers == sorted(numbers)
    assert len(numbers) == len(seqs)
    assert len(set(seqs)) == len(seqs)


def test_the_feed_is_append_only(world: World, numbered_events: None):
    complete_draft(world)
    event = Event.objects.get()

    with pytest.raises(PermissionError):
        Event.objects.filter(pk=event.pk).update(transition="x")
    with pytest.raises(PermissionError):
        event.delete()


def test_the_database_refuses_to_change_or_delete_an_event(world: World, numbered_events: None):
    need(connection.vendor == "postgresql", "butuh PostgreSQL: pemicu basis data hanya ada di sana")
    complete_draft(world)

    with (
        pytest.raises(Exception, match="hanya dapat ditambah"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("UPDATE workflow_event SET transition = 'x'")
    with (
        pytest.raises(Exception, match="hanya dapat ditambah"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("DELETE FROM workflow_event")


def test_a_webhook_gets_a_delivery_per_event_of_its_kinds_that_its_owner_may_see(world: World):
    regional = integration_account("simpeg.kota", world.instansi)
    elsewhere = integration_account("simpeg.lain", world.other_instansi_opd.instansi)
    wants_transitions = WebhookSubscription.objects.create(
        owner=regional, url="http://127.0.0.1:9/", kinds=["transition"], secret="s" * 20
    )
    WebhookSubscription.objects.create(  # no position is created below
        owner=regional, url="http://127.0.0.1:9/", kinds=["position_created"], secret="s" * 20
    )
    WebhookSubscription.objects.create(
        owner=elsewhere, url="http://127.0.0.1:9/", kinds=["transition"], secret="s" * 20
    )
    WebhookSubscription.objects.create(
        owner=regional, url="http://127.0.0.1:9/", kinds=["transition"], secret="s" * 20, active=False
    )

    draft = complete_draft(world)
    fire(draft, "submit", world.drafter)

    deliveries = WebhookDelivery.objects.order_by("event_id")
    assert [(d.subscription_id, d.event_kind) for d in deliveries] == [
        (wants_transitions.pk, "transition"),
        (wants_transitions.pk, "transition"),
    ]
    submitted = deliveries.last()
    assert submitted is not None
    assert submitted.status == "pending"
    assert submitted.payload["event"]["transition"] == "submit"
    assert submitted.payload["event"]["submission"] == draft.pk


def test_a_webhook_of_an_account_that_lost_its_integration_role_gets_nothing(world: World):
    regional = integration_account("simpeg.kota", world.instansi)
    WebhookSubscription.objects.create(
        owner=regional, url="http://127.0.0.1:9/", kinds=["transition"], secret="s" * 20
    )
    regional.role_assignments.all().delete()

    complete_draft(world)

    assert not WebhookDelivery.objects.exists()


def test_a_batch_writes_one_event_per_document_it_moved(world: World):
    from workflow.batches import fire_each

    documents = [
        complete_draft(world, PositionFactory.create(opd=world.opd, kind=PositionKind.PENGAWAS).pk)
        for _ in range(3)
    ]
    for document in documents[:2]:
        fire(document, "submit", world.drafter)

    results = fire_each(submission_ids=[d.pk for d in documents], name="forward", actor=world.reviewer)

    assert [r.done for r in results] == [True, True, False]
    forwarded = Event.objects.filter(transition="forward").values_list("submission_id", "actor_kind")
    assert sorted(forwarded) == sorted((d.pk, "reviewer") for d in documents[:2])


def test_the_kode_jabatan_the_ministry_assigns_is_a_position_change(world: World):
    documents = compiled_standards(world, 1)
    agree_all(world, sent_package(world, documents), documents)

    change = Event.objects.get(kind=EventKind.POSITION_CHANGED)
    assert (change.position_id, change.data["changes"]) == (documents[0].position_id, ["code_changed"])
