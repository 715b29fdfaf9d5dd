"""Positions: listed in scope, created by Bagian Organisasi, drafts and revisions started from here."""

from __future__ import annotations

from urllib.parse import quote

from submissions.models import Position, PositionKind, Submission, Urusan
from tests.documents import LETTER as LETTER_TODAY


def test_the_positions_list_shows_only_positions_in_scope(world, as_user) -> None:
    assert world.position.name in as_user(world.drafter).get("/jabatan/").content.decode()
    assert world.position.name not in as_user(world.other_drafter).get("/jabatan/").content.decode()
    assert world.position.name not in as_user(world.other_organisasi).get("/jabatan/").content.decode()


def test_the_positions_list_shows_the_status_of_the_standard(world, as_user, draft) -> None:
    positions = list(as_user(world.drafter).get("/jabatan/").context["positions"])

    assert [(p.pk, p.latest_state, p.latest_id) for p in positions] == [
        (world.position.pk, "draft", draft.pk)
    ]


def test_a_drafter_cannot_open_the_create_position_page(world, as_user) -> None:
    assert as_user(world.drafter).get("/jabatan/baru/").status_code == 403


def test_bagian_organisasi_creates_a_position_in_an_opd_of_its_instansi(world, as_user) -> None:
    urusan, _ = Urusan.objects.get_or_create(name="Kesehatan")
    response = as_user(world.organisasi).post(
        "/jabatan/baru/",
        {
            "opd": world.opd.pk,
            "name": "Epidemiolog Kesehatan",
            "kind": "fungsional",
            "rank": "ahli_muda",
            "urusan": [urusan.pk],
        },
    )

    assert response.status_code == 302
    assert Position.objects.filter(name="Epidemiolog Kesehatan", opd=world.opd, rank="ahli_muda").exists()


def test_a_bad_position_form_keeps_what_was_typed_and_explains_in_indonesian(world, as_user) -> None:
    response = as_user(world.organisasi).post(
        "/jabatan/baru/", {"opd": world.opd.pk, "name": "Analis Kebijakan", "kind": PositionKind.FUNGSIONAL}
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert 'value="Analis Kebijakan"' in html
    assert "Pilih jenjang untuk jabatan fungsional." in html
    assert "Pilih paling sedikit satu urusan pemerintahan." in html


def test_bagian_organisasi_cannot_create_a_position_in_another_instansi(world, as_user) -> None:
    urusan, _ = Urusan.objects.get_or_create(name="Perhubungan")
    response = as_user(world.organisasi).post(
        "/jabatan/baru/",
        {"opd": world.other_instansi_opd.pk, "name": "Penguji", "kind": "pelaksana", "urusan": [urusan.pk]},
    )

    assert response.status_code == 400
    assert not Position.objects.filter(name="Penguji").exists()


def test_a_drafter_starts_a_draft_and_lands_in_the_editor(world, as_user) -> None:
    response = as_user(world.drafter).post(f"/jabatan/{world.position.pk}/draf/")

    submission = Submission.objects.get(position=world.position)
    assert response.status_code == 302
    assert response["Location"] == f"/dokumen/{submission.pk}/ubah/"


def test_a_drafter_of_another_opd_cannot_start_a_draft(world, as_user) -> None:
    response = as_user(world.other_drafter).post(f"/jabatan/{world.position.pk}/draf/")

    assert response.status_code == 404
    assert not Submission.objects.exists()


def test_a_reviewer_is_told_why_he_cannot_start_a_draft(world, as_user) -> None:
    response = as_user(world.reviewer).post(f"/jabatan/{world.position.pk}/draf/", follow=True)

    assert "Hanya penyusun Dinas Kesehatan" in response.content.decode()
    assert not Submission.objects.exists()


def test_starting_a_revision_without_reasons_keeps_the_form_with_messages(world, as_user) -> None:
    response = as_user(world.drafter).post(f"/jabatan/{world.position.pk}/revisi/", {"reason": "Permen baru"})

    assert response.status_code == 400
    html = response.content.decode()
    assert "Permen baru" in html
    assert "Tuliskan dasar hukum versi baru." in html


def test_a_revision_of_a_position_never_approved_is_refused_with_a_reason(world, as_user) -> None:
    response = as_user(world.drafter).post(
        f"/jabatan/{world.position.pk}/revisi/",
        {"reason": "Permen baru", "legal_basis": "PermenPAN-RB 1/2023"},
    )

    assert response.status_code == 409
    assert "Belum ada versi yang disetujui" in response.content.decode()


def test_a_revision_page_of_a_position_out_of_scope_is_404(world, as_user) -> None:
    assert as_user(world.other_drafter).get(f"/jabatan/{world.position.pk}/revisi/").status_code == 404


def test_a_revision_of_an_approved_standard_starts_a_new_version_linked_to_the_old(
    world, as_user, submitted
) -> None:
    from workflow import services

    services.submission_fire_transition(submission_id=submitted.pk, name="forward", actor=world.reviewer)
    services.submission_fire_transition(
        submission_id=submitted.pk, name="send_to_ministry", actor=world.organisasi, **LETTER_TODAY
    )
    services.submission_fire_transition(
        submission_id=submitted.pk, name="ministry_agree", actor=world.ministry, **LETTER_TODAY
    )
    client = as_user(world.drafter)

    response = client.post(
        f"/jabatan/{world.position.pk}/revisi/",
        {"reason": "Nomenklatur baru", "legal_basis": "PermenPAN-RB 45/2022"},
    )

    revision = Submission.objects.get(position=world.position, version=2)
    assert response["Location"] == f"/dokumen/{revision.pk}/ubah/"
    versions = client.get(f"/dokumen/{revision.pk}/").context["versions"]
    assert [v.pk for v in versions] == [submitted.pk]


def test_a_long_positions_list_is_paged_and_every_position_can_be_reached(world, as_user) -> None:
    Position.objects.bulk_create(
        Position(opd=world.opd, name=f"Pelaksana {i:03d}", kind=PositionKind.PELAKSANA) for i in range(120)
    )
    client = as_user(world.organisasi)

    first = client.get("/jabatan/", {"q": "Pelaksana"})
    cursor = first.context["page"].next_cursor
    second = client.get("/jabatan/", {"q": "Pelaksana", "kursor": cursor})
    back = client.get("/jabatan/", {"q": "Pelaksana", "kursor": second.context["page"].previous_cursor})

    assert len(first.context["positions"]) == 100
    assert f"?q=Pelaksana&amp;kursor={quote(cursor)}" in first.content.decode()
    assert "Pelaksana 119" in second.content.decode()
    assert len(second.context["positions"]) == 20
    assert second.context["page"].next_cursor is None
    assert [p.pk for p in back.context["positions"]] == [p.pk for p in first.context["positions"]]


def test_a_cursor_that_was_not_written_by_the_list_shows_the_first_page(world, as_user) -> None:
    client = as_user(world.organisasi)

    response = client.get("/jabatan/", {"kursor": "bukan-kursor"})

    assert response.status_code == 200
    assert response.context["page"].previous_cursor is None


def test_the_positions_page_never_counts_the_whole_list(world, as_user) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = as_user(world.organisasi)
    with CaptureQueriesContext(connection) as queries:
        client.get("/jabatan/")

    counts = [q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"].upper()]
    assert not [sql for sql in counts if "submissions_position" in sql]  # the unread badge may count


def test_the_ministry_chooses_an_instansi_before_its_opds(world, as_user) -> None:
    client = as_user(world.ministry)

    unchosen = client.get("/jabatan/").context["form"]
    chosen = client.get("/jabatan/", {"instansi": world.instansi.pk}).context["form"]

    assert list(unchosen.fields["opd"].queryset) == []
    assert {o.pk for o in chosen.fields["opd"].queryset} == {world.opd.pk, world.other_opd.pk}


def test_a_national_reader_searching_positions_gets_the_newest_first_unless_he_asks_by_name(
    world, as_user
) -> None:
    from tests.factories import UserFactory

    made = Position.objects.bulk_create(
        Position(opd=world.opd, name=name, kind=PositionKind.PELAKSANA)
        for name in ("Arsiparis B", "Arsiparis C", "Arsiparis A")
    )
    client = as_user(UserFactory.create(username="admin.nasional", is_superuser=True, is_staff=True))

    newest = client.get("/jabatan/", {"q": "Arsiparis"}).context["positions"]
    by_name = client.get("/jabatan/", {"q": "Arsiparis", "urut": "nama"}).context["positions"]
    unsearched = client.get("/jabatan/").context["positions"]

    assert [p.pk for p in newest] == [p.pk for p in reversed(made)]
    assert [p.name for p in by_name] == ["Arsiparis A", "Arsiparis B", "Arsiparis C"]
    assert [p.name for p in unsearched] == sorted(p.name for p in unsearched)


def test_the_sort_select_shows_the_order_in_use_when_none_was_asked_for(world, as_user) -> None:
    from tests.factories import UserFactory

    national = as_user(UserFactory.create(username="admin.sort", is_superuser=True, is_staff=True))

    assert national.get("/jabatan/", {"q": "Arsiparis"}).context["form"]["urut"].value() == "terbaru"
    assert (
        national.get("/jabatan/", {"q": "Arsiparis", "urut": "nama"}).context["form"]["urut"].value()
        == "nama"
    )
    assert national.get("/jabatan/").context["form"]["urut"].value() == "nama"
    assert as_user(world.drafter).get("/jabatan/").context["form"]["urut"].value() == "opd"


def test_a_reader_of_one_instansi_searching_positions_still_gets_them_by_opd_and_name(world, as_user) -> None:
    Position.objects.bulk_create(
        Position(opd=world.opd, name=name, kind=PositionKind.PELAKSANA)
        for name in ("Arsiparis B", "Arsiparis A")
    )

    found = as_user(world.organisasi).get("/jabatan/", {"q": "Arsiparis"}).context["positions"]

    assert [p.name for p in found] == ["Arsiparis A", "Arsiparis B"]
