"""The whole life of a standard, clicked through by the demo users in a real browser."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from submissions.models import Position, Submission
from workflow.machine import State

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "skj-demo-2026"
DRAFTER = "madiun.penyusun.dinkes"
REVIEWER = "madiun.pemeriksa.dinkes"
ORGANISASI = "madiun.organisasi"
MINISTRY = "kemenpan"
OTHER_DRAFTER = "madiun.penyusun.disdik"
# Letters are dated today: neither in the future nor before the step they answer.
TODAY = timezone.localdate().isoformat()


class Session:
    """One user's browser context on the live server."""

    def __init__(self, chromium: Any, base_url: str, username: str) -> None:
        self.context = chromium.new_context(viewport={"width": 1366, "height": 768}, locale="id-ID")
        self.page = self.context.new_page()
        self.base_url = base_url
        # Any CSP violation or script error on our pages fails the test at the end.
        self.problems: list[str] = []
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.problems.append(f"script error: {error}"))
        self.page.goto(f"{base_url}/masuk/")
        self.page.get_by_label("Nama pengguna").fill(username)
        self.page.get_by_label("Kata sandi").fill(PASSWORD)
        self.page.get_by_role("button", name="Masuk").click()
        self.page.wait_for_url(f"{base_url}/")

    def _console(self, message: Any) -> None:
        text = message.text
        suspicious = "Content Security Policy" in text or "Refused to" in text or message.type == "error"
        if suspicious and "404 (Not Found)" not in text:  # the out-of-scope check expects a 404
            self.problems.append(text)

    def open(self, path: str) -> Any:
        return self.page.goto(f"{self.base_url}{path}")

    def act(self, name: str, label: str, fill: dict[str, str] | None = None) -> None:
        """Press an action button, answer its confirmation dialog, and wait for the page to reload."""
        page = self.page
        page.get_by_role("link", name=label, exact=True).click()
        dialog = page.locator(f"#dialog-{name}")
        dialog.wait_for(state="visible")
        for field, value in (fill or {}).items():
            control = dialog.locator(f"[name={field}]")
            if field == "reason_code":
                control.select_option(value)
            else:
                control.fill(value)
        with page.expect_navigation():
            dialog.get_by_role("button", name=label, exact=True).click()
        assert page.locator(".message.success").count() == 1, page.content()

    def shot(self, folder: Path, name: str) -> None:
        self.page.screenshot(path=str(folder / name), full_page=True)

    def close(self) -> None:
        self.context.close()


def _bound_row(row: Any) -> Any:
    """Wait until htmx has bound a row it just added, then return it.

    htmx puts a new row in the page first and binds its `hx-` attributes only when it settles
    (20 ms later); a level chosen in between would send no request.
    """
    row.wait_for()
    expect(row).not_to_have_class(re.compile(r"\bhtmx-added\b"))
    return row


def _choose_level(row: Any, level: str) -> None:
    """Choose a dictionary row's level and wait until the row the server sends back has settled.

    The server answers with the row again, its description now the dictionary's for that level.
    """
    description = _bound_row(row).locator("textarea[name$=-description]")
    before = description.input_value()
    row.get_by_label("Level").select_option(level)
    expect(description).not_to_have_value(before)
    _bound_row(row)


def _free_position() -> Position:
    position = (
        Position.objects.filter(
            opd__name="Dinas Kesehatan",
            opd__instansi__name="Pemerintah Kota Madiun",
            submissions__isnull=True,
        )
        .order_by("name")
        .first()
    )
    assert position is not None, "the demo world has a Dinas Kesehatan position without a standard"
    return position


def _state(submission_id: int) -> str:
    return Submission.objects.get(pk=submission_id).state


def _draft_and_fill(drafter: Session, position: Position, folder: Path) -> int:
    page = drafter.page
    drafter.shot(folder, "01-beranda-penyusun.png")
    drafter.open("/jabatan/")
    drafter.shot(folder, "02-daftar-jabatan.png")
    page.get_by_role("button", name=f"Mulai menyusun SKJ {position.name}").click()
    page.wait_for_url(re.compile(r"/dokumen/\d+/ubah/$"))
    submission_id = int(re.search(r"/dokumen/(\d+)/", page.url)[1])  # type: ignore[index]

    summary = page.get_by_role("textbox", name="Ikhtisar jabatan")
    assert summary.get_attribute("aria-invalid") == "true"  # the empty summary is flagged before submitting
    summary.fill("Memimpin dan mengoordinasikan pelayanan kesehatan.")
    assert summary.get_attribute("aria-invalid") is None  # and the flag clears once it is filled in
    page.get_by_label("Cari kompetensi teknis di kamus").fill("surveilans")
    page.get_by_role("button", name="Tambahkan Surveilans Kesehatan").click()
    technical = page.locator("#technical-rows fieldset.comp-row").first
    _choose_level(technical, "3")
    # Choosing the level fetched the dictionary's description for that level into the row.
    expect(technical.locator("textarea[name$=-description]")).to_have_value(re.compile("Menganalisis"))
    rows = page.locator("#requirement-rows fieldset.req-row")
    rows.nth(0).get_by_label("Uraian").fill("S-1/D-IV")
    rows.nth(0).get_by_label("Mutlak").check()
    rows.nth(1).get_by_label("Uraian").fill("Kesehatan Masyarakat")
    rows.nth(1).get_by_label("Penting").check()
    drafter.shot(folder, "03-editor.png")
    page.get_by_role("button", name="Simpan", exact=True).click()
    page.wait_for_selector(".message.success")
    assert page.locator(".field-error").count() == 0, page.locator(".field-error").all_inner_texts()
    return submission_id


def test_a_standard_goes_from_draft_to_approved_through_every_hand(
    chromium: Any, live_server: Any, screenshots: Path
) -> None:
    call_command("seed_demo")
    position = _free_position()
    base = live_server.url

    drafter = Session(chromium, base, DRAFTER)
    submission_id = _draft_and_fill(drafter, position, screenshots)
    drafter.open(f"/dokumen/{submission_id}/")
    drafter.act("submit", "Ajukan ke reviu OPD")
    assert _state(submission_id) == State.OPD_REVIEW

    reviewer = Session(chromium, base, REVIEWER)
    reviewer.open(f"/dokumen/{submission_id}/")
    reviewer.page.get_by_role("link", name="Kembalikan ke penyusun", exact=True).click()
    dialog = reviewer.page.locator("#dialog-return_to_drafter")
    dialog.locator("[name=reason_code]").select_option("technical_competency")
    dialog.locator("[name=comment]").fill("Tambahkan kompetensi teknis promosi kesehatan.")
    reviewer.page.screenshot(path=str(screenshots / "04-dialog-kembalikan.png"))
    with reviewer.page.expect_navigation():
        dialog.get_by_role("button", name="Kembalikan ke penyusun", exact=True).click()
    assert _state(submission_id) == State.DRAFT

    # The drafter fixes the document: the page shows what changed since it was sent back.
    drafter.open(f"/dokumen/{submission_id}/ubah/")
    drafter.page.get_by_label("Cari kompetensi teknis di kamus").fill("promosi")
    drafter.page.get_by_role("button", name="Tambahkan Promosi Kesehatan").click()
    _choose_level(drafter.page.locator("#technical-rows fieldset.comp-row").nth(1), "2")
    drafter.page.get_by_role("button", name="Simpan", exact=True).click()
    drafter.page.wait_for_selector(".message.success")
    drafter.open(f"/dokumen/{submission_id}/")
    assert "Promosi Kesehatan" in drafter.page.locator("#diff-title + ul").inner_text()
    drafter.shot(screenshots, "05-dokumen-setelah-perbaikan.png")
    drafter.act("submit", "Ajukan ke reviu OPD")

    reviewer.open(f"/dokumen/{submission_id}/")
    reviewer.act("forward", "Teruskan ke Bagian Organisasi")
    assert _state(submission_id) == State.COMPILATION

    organisasi = Session(chromium, base, ORGANISASI)
    organisasi.shot(screenshots, "06-beranda-bagian-organisasi.png")
    organisasi.open(f"/dokumen/{submission_id}/")
    organisasi.act(
        "send_to_ministry",
        "Kirim ke KemenPAN-RB",
        {"letter_number": "800/41/401.012/2026", "letter_date": TODAY},
    )
    assert _state(submission_id) == State.MINISTRY_CONSULTATION

    ministry = Session(chromium, base, MINISTRY)
    ministry.open(f"/dokumen/{submission_id}/")
    ministry.act(
        "ministry_agree",
        "Catat persetujuan KemenPAN-RB",
        {"letter_number": "B/123/M.SM.01.00/2026", "letter_date": TODAY},
    )
    assert _state(submission_id) == State.APPROVED
    ministry.shot(screenshots, "07-dokumen-disetujui.png")

    drafter.open("/notifikasi/")
    drafter.shot(screenshots, "08-notifikasi.png")
    drafter.open("/alur/")
    drafter.shot(screenshots, "09-alur-status.png")

    other = Session(chromium, base, OTHER_DRAFTER)
    response = other.open(f"/dokumen/{submission_id}/")
    assert response.status == 404
    other.open("/jabatan/")
    assert position.name not in other.page.locator("main").inner_text()
    sessions = (drafter, reviewer, organisasi, ministry, other)
    assert [problem for session in sessions for problem in session.problems] == []
    for session in sessions:
        session.close()


def test_the_pages_are_usable_from_the_keyboard(chromium: Any, live_server: Any) -> None:
    call_command("seed_demo")
    reviewer = Session(chromium, live_server.url, REVIEWER)
    page = reviewer.page

    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Langsung ke isi utama"
    submission = Submission.objects.filter(
        state=State.OPD_REVIEW,
        position__opd__name="Dinas Kesehatan",
        position__opd__instansi__name__contains="Madiun",
    ).first()
    assert submission is not None, "the demo world has a document in OPD review at Dinas Kesehatan Madiun"
    reviewer.open(f"/dokumen/{submission.pk}/")
    page.get_by_role("link", name="Kembalikan ke penyusun", exact=True).focus()
    page.keyboard.press("Enter")
    dialog = page.locator("#dialog-return_to_drafter")
    assert dialog.is_visible()
    assert page.evaluate("document.activeElement.name") == "reason_code"
    page.keyboard.press("Escape")
    assert not dialog.is_visible()
    assert reviewer.problems == []
    reviewer.close()
