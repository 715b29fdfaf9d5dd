"""The words of the pages: refusals say where to put things right, a stale page says who acted and
when, one empty-choice text, and English for states, roles, actions, the diagram and the 403 page."""

from __future__ import annotations

import re

from django.test import Client

from tests.web.test_editor import editor_post
from workflow import services
from workflow.machine import State


def english(client: Client) -> Client:
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    return client


def test_a_refused_submit_of_an_incomplete_draft_links_to_the_editor(world, as_user, draft) -> None:
    response = as_user(world.drafter).post(f"/dokumen/{draft.pk}/tindakan/submit/", {})

    assert response.status_code == 400
    assert f'<a href="/dokumen/{draft.pk}/ubah/">Perbaiki isian di editor</a>' in response.content.decode()


def test_a_forbidden_action_links_to_the_roles_page(world, as_user, submitted) -> None:
    response = as_user(world.drafter).post(f"/dokumen/{submitted.pk}/tindakan/forward/", {})

    assert response.status_code == 403
    assert '<a href="/akun/peran/">Lihat peran Anda dan siapa yang dapat bertindak</a>' in (
        response.content.decode()
    )


def test_an_action_someone_else_took_first_says_who_and_when(world, as_user, submitted) -> None:
    services.submission_fire_transition(submission_id=submitted.pk, name="forward", actor=world.reviewer)

    response = as_user(world.second_reviewer).post(f"/dokumen/{submitted.pk}/tindakan/forward/", {})

    html = response.content.decode()
    assert response.status_code == 409
    who = world.reviewer.get_full_name() or world.reviewer.username
    assert re.search(rf"Diteruskan ke Bagian Organisasi oleh {who} pada \d+ \w+ 2\d{{3}} \d\d:\d\d WIB", html)
    assert f'<a href="/dokumen/{submitted.pk}/">Lihat status terbaru dokumen</a>' in html


def test_a_stale_editor_says_who_saved_the_document_meanwhile_and_when(world, as_user, draft) -> None:
    mine = editor_post(draft, summary="Ikhtisar versi saya")
    services.submission_update_content(
        submission_id=draft.pk, actor=world.second_drafter, summary="Ikhtisar rekan"
    )

    html = as_user(world.drafter).post(f"/dokumen/{draft.pk}/ubah/", mine).content.decode()

    who = world.second_drafter.get_full_name() or world.second_drafter.username
    assert re.search(rf"Disimpan oleh {who} pada \d+ \w+ 2\d{{3}} \d\d:\d\d WIB", html)
    assert "Tidak ada yang disimpan." in html


def test_every_select_has_the_same_empty_choice(world, as_user, submitted) -> None:
    pages = [
        as_user(world.organisasi).get("/jabatan/baru/"),
        as_user(world.reviewer).get(f"/dokumen/{submitted.pk}/tindakan/return_to_drafter/"),
    ]

    for page in pages:
        html = page.content.decode()
        assert "---------" not in html
        assert re.search(r'<option value=""[^>]*>- pilih -</option>', html)


def test_the_english_pages_name_states_actions_and_roles_in_english(world, as_user, submitted) -> None:
    client = english(as_user(world.reviewer))

    document = client.get(f"/dokumen/{submitted.pk}/").content.decode()
    roles = client.get("/akun/peran/").content.decode()
    diagram = client.get("/alur/").content.decode()

    assert "Unit review" in document
    assert "Return to the drafter" in document
    assert "Submitted for unit review" in document
    assert "Unit reviewer" in roles
    assert "Verification and compilation by Bagian Organisasi" in diagram
    assert "Forward to Bagian Organisasi" in diagram


def test_the_english_403_page_says_what_happened_and_where_to_go(world, as_user, draft) -> None:
    response = english(as_user(world.reviewer)).get(f"/dokumen/{draft.pk}/ubah/")

    html = response.content.decode()
    assert response.status_code == 403
    assert "Not allowed" in html
    assert "See your roles and who may act" in html
    assert "Back to home" in html


def test_the_indonesian_pages_keep_their_labels(world, as_user, submitted) -> None:
    html = as_user(world.reviewer).get(f"/dokumen/{submitted.pk}/").content.decode()

    assert State.OPD_REVIEW.label in html
    assert "Kembalikan ke penyusun" in html
