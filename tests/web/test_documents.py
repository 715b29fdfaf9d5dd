"""The document page: visible in scope only, with only the buttons the user may press."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest

from submissions.models import Submission
from tests.documents import LETTER
from workflow import services
from workflow.machine import State


@pytest.mark.parametrize("who", ["drafter", "reviewer", "organisasi"])
def test_the_document_page_opens_for_everyone_in_scope(world, as_user, draft, who) -> None:
    response = as_user(getattr(world, who)).get(f"/dokumen/{draft.pk}/")

    assert response.status_code == 200
    assert world.position.name in response.content.decode()


@pytest.mark.parametrize(
    "who", ["other_drafter", "other_reviewer", "other_organisasi", "outsider", "ministry"]
)
def test_the_document_page_is_404_out_of_scope(world, as_user, draft, who) -> None:
    response = as_user(getattr(world, who)).get(f"/dokumen/{draft.pk}/")

    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in response.content.decode()


def test_the_competency_table_is_grouped_and_numbered_as_the_official_layout(
    world, as_user, complete_draft
) -> None:
    groups = as_user(world.drafter).get(f"/dokumen/{complete_draft.pk}/").context["groups"]

    assert [(block.letter, [row.number for row in block.rows]) for block in groups] == [
        ("A", [1, 2, 3, 4, 5, 6, 7, 8]),
        ("B", [9]),
        ("C", [10]),
    ]
    assert groups[2].rows[0].indicators == ["3.1 Teknis"]


def test_indicators_typed_with_their_own_numbers_are_numbered_like_the_word_file() -> None:
    from submissions.exports.content import numbered_indicators
    from web.presenters import competency_groups

    typed = ["2.1 Sudah bernomor", "- Berpoin", "Polos"]
    row = {"group": "technical", "code": "T.01", "name": "Surveilans", "level": 3, "indicators": typed}

    shown = competency_groups([row])[2].rows[0].indicators

    assert shown == ["3.1 Sudah bernomor", "3.2 Berpoin", "3.3 Polos"]
    assert shown == list(numbered_indicators(3, typed))


def test_an_incomplete_draft_offers_no_submit_button_but_lists_the_problems(world, as_user, draft) -> None:
    response = as_user(world.drafter).get(f"/dokumen/{draft.pk}/")

    assert response.context["actions"] == []
    assert "Ikhtisar jabatan belum diisi." in response.content.decode()


def test_a_complete_draft_offers_the_drafter_only_the_submit_button(world, as_user, complete_draft) -> None:
    response = as_user(world.drafter).get(f"/dokumen/{complete_draft.pk}/")

    assert [option.name for option, _ in response.context["actions"]] == ["submit"]
    assert as_user(world.reviewer).get(f"/dokumen/{complete_draft.pk}/").context["actions"] == []


def test_the_reviewer_sees_return_and_forward_buttons_with_their_dialogs(world, as_user, submitted) -> None:
    response = as_user(world.reviewer).get(f"/dokumen/{submitted.pk}/")

    assert [option.name for option, _ in response.context["actions"]] == ["return_to_drafter", "forward"]
    html = response.content.decode()
    assert '<dialog id="dialog-return_to_drafter"' in html
    assert 'name="reason_code"' in html


def test_sending_back_without_reason_and_comment_keeps_the_form_with_indonesian_messages(
    world, as_user, submitted
) -> None:
    response = as_user(world.reviewer).post(f"/dokumen/{submitted.pk}/tindakan/return_to_drafter/", {})

    assert response.status_code == 400
    html = response.content.decode()
    assert "Pilih alasan pengembalian." in html
    assert "Tuliskan catatan untuk penerima." in html
    submitted.refresh_from_db()
    assert submitted.state == State.OPD_REVIEW


def test_sending_back_with_reason_and_comment_returns_the_draft(world, as_user, submitted) -> None:
    response = as_user(world.reviewer).post(
        f"/dokumen/{submitted.pk}/tindakan/return_to_drafter/",
        {"reason_code": "wording", "comment": "Perbaiki rumusan ikhtisar."},
    )

    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.state == State.DRAFT
    assert submitted.round == 2


def test_a_drafter_cannot_forward_his_own_document(world, as_user, submitted) -> None:
    response = as_user(world.drafter).post(f"/dokumen/{submitted.pk}/tindakan/forward/", {})

    assert response.status_code == 403
    assert "hanya dapat dilakukan oleh pemeriksa" in response.content.decode()


def test_an_action_on_a_document_out_of_scope_is_404(world, as_user, submitted) -> None:
    response = as_user(world.other_reviewer).post(f"/dokumen/{submitted.pk}/tindakan/forward/", {})

    assert response.status_code == 404
    submitted.refresh_from_db()
    assert submitted.state == State.OPD_REVIEW


def test_an_action_from_the_wrong_state_is_a_conflict(world, as_user, complete_draft) -> None:
    response = as_user(world.reviewer).post(f"/dokumen/{complete_draft.pk}/tindakan/forward/", {})

    assert response.status_code == 409


def test_the_ministry_answer_needs_the_letter_number_and_a_valid_date(world, as_user, submitted) -> None:
    services.submission_fire_transition(submission_id=submitted.pk, name="forward", actor=world.reviewer)
    services.submission_fire_transition(
        submission_id=submitted.pk, name="send_to_ministry", actor=world.organisasi, **LETTER
    )

    response = as_user(world.ministry).post(
        f"/dokumen/{submitted.pk}/tindakan/ministry_agree/",
        {"letter_number": "B/1/2026", "letter_date": "kemarin"},
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert "Tulis tanggal seperti 2026-03-31." in html
    assert 'value="B/1/2026"' in html


def test_the_page_shows_what_changed_since_the_document_was_sent_back(world, as_user, submitted) -> None:
    services.submission_fire_transition(
        submission_id=submitted.pk,
        name="return_to_drafter",
        actor=world.reviewer,
        reason_code="wording",
        comment="Perbaiki.",
    )
    services.submission_update_content(
        submission_id=submitted.pk, actor=world.drafter, summary="Ikhtisar baru."
    )

    diff = as_user(world.drafter).get(f"/dokumen/{submitted.pk}/").context["diff"]

    assert [change.message for change in diff.changes] == ["Ikhtisar jabatan diubah."]


def test_an_unknown_action_name_is_404(world, as_user, submitted) -> None:
    assert as_user(world.reviewer).get(f"/dokumen/{submitted.pk}/tindakan/delete/").status_code == 404


def test_the_document_downloads_as_a_word_file_in_scope(world, as_user, draft) -> None:
    page = as_user(world.reviewer).get(f"/dokumen/{draft.pk}/").content.decode()
    response = as_user(world.reviewer).get(f"/dokumen/{draft.pk}/unduh.docx")

    assert f"/dokumen/{draft.pk}/unduh.docx" in page
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="SKJ-')
    assert response.content[:2] == b"PK"  # a .docx is a zip archive


def test_the_word_file_is_404_out_of_scope(world, as_user, draft) -> None:
    response = as_user(world.other_drafter).get(f"/dokumen/{draft.pk}/unduh.docx")

    assert response.status_code == 404


def test_the_deadline_is_shown_in_the_instansi_time_zone(world, as_user, draft) -> None:
    # End of the working day in Jayapura (WIT) is 21:59 in Jakarta: the page must say 23:59 WIT.
    world.instansi.time_zone = "Asia/Jayapura"
    world.instansi.save(update_fields=["time_zone"])
    due = datetime.datetime(2026, 12, 4, 23, 59, 59, tzinfo=ZoneInfo("Asia/Jayapura"))
    Submission.objects.filter(pk=draft.pk).update(due_at=due)

    page = as_user(world.drafter).get(f"/dokumen/{draft.pk}/").content.decode()

    assert "4 Des 2026 23:59 WIT" in page


def test_the_history_shows_times_in_the_instansi_time_zone(world, as_user, draft) -> None:
    world.instansi.time_zone = "Asia/Jayapura"
    world.instansi.save(update_fields=["time_zone"])
    created = draft.log_entries.get()
    local = created.at.astimezone(ZoneInfo("Asia/Jayapura"))

    page = as_user(world.drafter).get(f"/dokumen/{draft.pk}/").content.decode()

    assert f"{local:%H:%M} WIT" in page
