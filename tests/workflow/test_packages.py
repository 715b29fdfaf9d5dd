"""Consultation packages on PostgreSQL: many items, one transaction, one log row per item."""

from __future__ import annotations

from typing import Any
from unittest import mock

import pytest

from notifications.models import Notification
from submissions.models import Submission
from tests.builders import World
from tests.documents import LETTER, fire
from tests.notifications.bodies import body_of
from tests.workflow.packages_world import agree_all, compile_again, compiled_standards, sent_package
from workflow import services
from workflow.decrees.services import DecreeInput, record_decree
from workflow.errors import TransitionRefused, WorkflowError
from workflow.machine import State
from workflow.models import TransitionLog
from workflow.packages.models import Outcome, PackageStatus
from workflow.packages.selectors import packages_for, status_of
from workflow.packages.services import ItemAnswer, create_package, record_answer, send_package, update_package

pytestmark = pytest.mark.django_db(transaction=False)


def _states(documents: list[Submission]) -> list[str]:
    return list(
        Submission.objects.filter(pk__in=[d.pk for d in documents])
        .order_by("pk")
        .values_list("state", flat=True)
    )


def test_a_package_of_twelve_from_three_opds_goes_out_in_one_transaction(world: World) -> None:
    documents = compiled_standards(world, 12)
    assert len({d.position.opd_id for d in documents}) == 3
    before = TransitionLog.objects.count()

    package = sent_package(world, documents)

    assert _states(documents) == [State.MINISTRY_CONSULTATION] * 12
    logs = TransitionLog.objects.filter(pk__gt=0).order_by("pk")[before:]
    assert [(log.transition, log.package_id, log.letter_number) for log in logs] == [
        ("send_to_ministry", package.pk, LETTER["letter_number"])
    ] * 12
    assert status_of(packages_for(world.organisasi).get(pk=package.pk)) == PackageStatus.SENT


def test_a_failure_forced_on_item_twelve_leaves_items_one_to_eleven_untouched(world: World) -> None:
    documents = compiled_standards(world, 12)
    package = create_package(
        instansi_id=world.instansi.pk,
        actor=world.organisasi,
        title="Paket",
        submission_ids=[d.pk for d in documents],
    )
    real_apply = services.apply_transition
    calls = []

    def failing_on_twelfth(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        if len(calls) == 12:
            raise RuntimeError("gangguan buatan pada dokumen ke-12")
        return real_apply(*args, **kwargs)

    logs_before = TransitionLog.objects.count()
    with (
        mock.patch("workflow.packages.services.apply_transition", failing_on_twelfth),
        pytest.raises(RuntimeError),
    ):
        send_package(package_id=package.pk, actor=world.organisasi, **LETTER)

    assert len(calls) == 12
    assert _states(documents) == [State.COMPILATION] * 12
    assert TransitionLog.objects.count() == logs_before
    package.refresh_from_db()
    assert package.sent_at is None


def test_partly_agreed_partly_returned_then_the_returned_go_out_again_and_one_decree_enacts_all(
    world: World,
) -> None:
    documents = compiled_standards(world, 12)
    first = sent_package(world, documents)
    agreed, returned = documents[:7], documents[7:]

    record_answer(
        package_id=first.pk,
        actor=world.ministry,
        answers=[ItemAnswer(d.pk, "agreed", position_code=f"KJ.{i:03d}") for i, d in enumerate(agreed)],
        **LETTER,
    )
    assert status_of(packages_for(world.organisasi).get(pk=first.pk)) == PackageStatus.PARTLY_ANSWERED
    record_answer(
        package_id=first.pk,
        actor=world.organisasi,
        answers=[
            ItemAnswer(d.pk, "returned", reason_code="wording", notes="Perbaiki uraian.") for d in returned
        ],
        **LETTER,
    )

    listed: Any = packages_for(world.organisasi).get(pk=first.pk)
    assert (status_of(listed), listed.agreed_total, listed.returned_total) == (PackageStatus.ANSWERED, 7, 5)
    assert _states(agreed) == [State.APPROVED] * 7
    assert _states(returned) == [State.DRAFT] * 5
    for i, document in enumerate(agreed):
        document.refresh_from_db()
        assert document.position.code == f"KJ.{i:03d}"
        assert document.header["code"] == f"KJ.{i:03d}"
    for document in documents:
        answers = TransitionLog.objects.filter(
            submission=document, package=first, transition__startswith="ministry_"
        )
        assert answers.count() == 1
    for document in returned:
        assert Submission.objects.get(pk=document.pk).round == 2

    # The five are fixed, compiled again and go out in a second package, where they are agreed.
    again = compile_again(returned)
    second = sent_package(world, again, title="Paket konsultasi 2")
    agree_all(world, second, again)
    assert _states(documents) == [State.APPROVED] * 12

    decree = record_decree(
        instansi_id=world.instansi.pk,
        actor=world.organisasi,
        decree=DecreeInput(
            kind="keputusan",
            head="wali_kota",
            number="188.45/12/401.012/2026",
            date=LETTER["letter_date"],
            title="Standar Kompetensi Jabatan di Lingkungan Pemerintah Kota Uji",
            signatory_name="Budi Santoso",
            signatory_office="Wali Kota Uji",
        ),
        submission_ids=[d.pk for d in documents],
    )
    assert decree.enactments.count() == 12
    assert TransitionLog.objects.filter(transition="enact", decree=decree).count() == 12
    with pytest.raises(TransitionRefused) as refused:
        record_decree(
            instansi_id=world.instansi.pk,
            actor=world.organisasi,
            decree=DecreeInput(
                kind="keputusan", head="wali_kota", number="2", date=LETTER["letter_date"], title="Lagi"
            ),
            submission_ids=[documents[0].pk],
        )
    assert refused.value.errors[0]["code"] == "already_enacted"


def test_an_item_not_in_compilation_of_another_instansi_or_in_an_open_package_is_refused_by_name(
    world: World,
) -> None:
    documents = compiled_standards(world, 3)
    create_package(
        instansi_id=world.instansi.pk, actor=world.organisasi, title="A", submission_ids=[documents[0].pk]
    )
    services.submission_fire_transition(
        submission_id=documents[1].pk,
        name="return_to_opd",
        actor=world.organisasi,
        reason_code="wording",
        comment="x",
    )
    with pytest.raises(TransitionRefused) as refused:
        create_package(
            instansi_id=world.instansi.pk,
            actor=world.organisasi,
            title="B",
            submission_ids=[d.pk for d in documents],
        )
    codes = [(e["code"], e["field"]) for e in refused.value.errors]
    assert codes == [("in_open_package", "submissions[0]"), ("not_in_compilation", "submissions[1]")]
    assert "Kepala Seksi 01" in refused.value.errors[0]["message"]
    assert "Kepala Seksi 02" in refused.value.errors[1]["message"]
    assert list(packages_for(world.organisasi).values_list("title", flat=True)) == ["A"]


def test_answering_an_item_twice_is_a_conflict(world: World) -> None:
    documents = compiled_standards(world, 2)
    package = sent_package(world, documents)
    agree_all(world, package, documents[:1])
    with pytest.raises(WorkflowError) as refused:
        agree_all(world, package, documents[:1])
    assert refused.value.http_status == 409
    assert refused.value.errors[0]["code"] == "already_answered"


def test_a_sent_package_cannot_change_and_its_item_is_answered_only_on_the_package(world: World) -> None:
    documents = compiled_standards(world, 2)
    package = sent_package(world, documents)
    with pytest.raises(WorkflowError) as refused:
        update_package(package_id=package.pk, actor=world.organisasi, remove=[documents[0].pk])
    assert refused.value.http_status == 409
    with pytest.raises(WorkflowError) as single:
        fire(documents[0], "ministry_agree", world.ministry, **LETTER)
    assert single.value.errors[0]["code"] == "in_package"
    assert package.items.filter(outcome=Outcome.PENDING).count() == 2


def test_sending_writes_one_message_per_recipient_listing_the_items(world: World) -> None:
    documents = compiled_standards(world, 6)
    package = sent_package(world, documents)
    sent = Notification.objects.filter(kind="package_sent")
    assert sent.filter(recipient=world.ministry).count() == 1
    assert sent.filter(recipient=world.drafter).count() == 1
    message = body_of(sent.get(recipient=world.ministry))
    assert all(f"Kepala Seksi {i:02d}" in message for i in range(1, 7))
    own = body_of(sent.get(recipient=world.drafter))
    assert "Kepala Seksi 01" in own
    assert "Kepala Seksi 02" not in own
    assert not Notification.objects.filter(kind="send_to_ministry").exists()
    assert package.pk in [p.pk for p in packages_for(world.ministry)]
