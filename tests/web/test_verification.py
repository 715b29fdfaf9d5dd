"""The public verification page of printed copies: no login, only what a printout needs, throttled."""

from __future__ import annotations

from django.core.cache import cache
from django.test import Client

from submissions.exports.verification import content_digest, verification_for
from submissions.models import Submission
from tests.builders import World
from tests.submissions.exporting import LETTER, approved, enact
from workflow import services


def issued(world: World) -> tuple[Submission, str]:
    submission = approved(world)
    enact(world, submission)
    verification = verification_for(submission)
    assert verification is not None
    return Submission.objects.get(pk=submission.pk), verification.code


def test_anyone_sees_position_version_state_decree_and_digest_without_logging_in(world: World) -> None:
    submission, code = issued(world)

    response = Client().get(f"/verifikasi/{code}/")

    page = response.content.decode()
    assert response.status_code == 200
    assert "Standar ini adalah versi yang berlaku." in page
    for shown in (
        "Kepala Seksi Surveilans",
        "Dinas Kesehatan",
        "Disetujui",
        "188.45/12/401.012/2026",
        "20 November 2026",
    ):
        assert shown in page
    assert content_digest(submission) in page
    assert response["Cache-Control"] == "no-store"
    # Nothing else of the document is public.
    assert "Melaksanakan surveilans" not in page
    assert Client().get(f"/dokumen/{submission.pk}/").status_code == 302


def test_a_code_typed_in_lower_case_or_without_its_dash_is_found(world: World) -> None:
    _, code = issued(world)

    response = Client().get("/verifikasi/", {"kode": code.replace("-", "").lower()})

    assert response.status_code == 302
    assert response["Location"] == f"/verifikasi/{code}/"


def test_a_superseded_version_says_it_is_no_longer_in_force(world: World) -> None:
    submission, code = issued(world)
    revision = services.submission_start_revision(
        position_id=submission.position_id,
        actor=world.drafter,
        reason="Nomenklatur baru",
        legal_basis="PermenPAN-RB 45/2022",
    )
    for name, actor, inputs in (
        ("submit", world.drafter, {}),
        ("forward", world.reviewer, {}),
        ("send_to_ministry", world.organisasi, LETTER),
        ("ministry_agree", world.organisasi, LETTER),
    ):
        services.submission_fire_transition(submission_id=revision.pk, name=name, actor=actor, **inputs)

    page = Client().get(f"/verifikasi/{code}/").content.decode()

    assert "tidak berlaku lagi" in page
    assert "Digantikan" in page


def test_an_unknown_code_is_not_found_and_says_so(world: World) -> None:
    response = Client().get("/verifikasi/ZZZZZ-ZZZZZ/")

    assert response.status_code == 404
    assert "tidak dikenal" in response.content.decode()


def test_drafts_have_no_code_at_all(world: World) -> None:
    draft = services.submission_create_draft(position_id=world.position.pk, actor=world.drafter)

    assert verification_for(draft) is None


def test_the_page_is_throttled_per_client_address(world: World, settings) -> None:
    _, code = issued(world)
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"verify": "3/min"}}
    cache.clear()
    client = Client(REMOTE_ADDR="203.0.113.9")

    statuses = [client.get(f"/verifikasi/{code}/").status_code for _ in range(4)]

    assert statuses == [200, 200, 200, 429]
    assert Client(REMOTE_ADDR="203.0.113.10").get(f"/verifikasi/{code}/").status_code == 200
    cache.clear()
