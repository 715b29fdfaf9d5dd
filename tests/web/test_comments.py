"""The send-back banner and row comments on the document page and in the editor."""

from __future__ import annotations

import pytest

from notifications.models import Notification
from tests.documents import fire
from workflow import comments


@pytest.fixture
def sent_back(world, submitted):
    comments.add_comment(
        submission_id=submitted.pk,
        actor=world.reviewer,
        anchor="competency",
        anchor_key="M.01",
        body="Naikkan M.01.",
    )
    return fire(
        submitted, "return_to_drafter", world.reviewer, reason_code="wording", comment="Perbaiki indikator."
    )


def test_a_reviewer_comments_on_a_row_from_the_document_page(world, as_user, submitted) -> None:
    client = as_user(world.reviewer)
    page = client.get(f"/dokumen/{submitted.pk}/").content.decode()
    assert 'name="baris"' in page
    assert 'value="competency:M.01"' in page
    response = client.post(
        f"/dokumen/{submitted.pk}/komentar/", {"baris": "requirement:education_level:S-1/D-IV", "isi": "S-2?"}
    )
    assert response.status_code == 302
    [kept] = comments.comments_of(submitted)
    assert (kept.anchor_label, kept.body, kept.author) == ("S-1/D-IV", "S-2?", world.reviewer)


def test_the_send_back_dialog_lists_the_open_row_comments(world, as_user, submitted) -> None:
    comments.add_comment(submission_id=submitted.pk, actor=world.reviewer, anchor="summary", body="Ringkas.")
    page = (
        as_user(world.reviewer).get(f"/dokumen/{submitted.pk}/tindakan/return_to_drafter/").content.decode()
    )
    assert "Komentar baris yang ikut dikembalikan" in page
    assert "Ringkas." in page


def test_the_drafter_sees_the_send_back_and_the_comment_beside_its_row_in_the_editor(
    world, as_user, sent_back
) -> None:
    client = as_user(world.drafter)
    for url in (f"/dokumen/{sent_back.pk}/", f"/dokumen/{sent_back.pk}/ubah/"):
        page = client.get(url).content.decode()
        assert "Dikembalikan oleh" in page, url
        assert "Perbaiki indikator." in page
        assert "Naikkan M.01." in page
    editor = client.get(f"/dokumen/{sent_back.pk}/ubah/").content.decode()
    assert editor.count('class="row-comments"') == 1


def test_the_drafter_answers_and_resolves_from_the_editor(world, as_user, sent_back) -> None:
    client = as_user(world.drafter)
    [thread] = comments.comments_of(sent_back)
    client.post(
        f"/dokumen/{sent_back.pk}/komentar/", {"induk": thread.pk, "isi": "Sudah", "kembali": "editor"}
    )
    response = client.post(f"/dokumen/{sent_back.pk}/komentar/{thread.pk}/selesai/", {"kembali": "editor"})
    assert response.url == f"/dokumen/{sent_back.pk}/ubah/"
    thread.refresh_from_db()
    assert thread.resolved_at is not None
    assert 'class="row-comments"' not in client.get(f"/dokumen/{sent_back.pk}/ubah/").content.decode()


def test_the_banner_goes_once_the_draft_is_submitted_again(world, as_user, sent_back) -> None:
    fire(sent_back, "submit", world.drafter)
    assert "Dikembalikan oleh" not in as_user(world.drafter).get(f"/dokumen/{sent_back.pk}/").content.decode()


def test_opening_a_document_from_a_notification_marks_it_read(world, as_user, sent_back) -> None:
    notification = Notification.objects.filter(recipient=world.drafter, submission=sent_back).first()
    assert notification is not None
    assert notification.read_at is None
    inbox = as_user(world.drafter).get("/notifikasi/").content.decode()
    assert f"?notifikasi={notification.pk}" in inbox
    as_user(world.drafter).get(f"/dokumen/{sent_back.pk}/?notifikasi={notification.pk}")
    notification.refresh_from_db()
    assert notification.read_at is not None
