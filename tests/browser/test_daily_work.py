"""Every role's daily pages at a laptop and a phone size: no sideways scroll, no serious axe-core
finding, and the daily work itself (send-back banner, row comments, batch forward, search, deadline
extension) clicked through on the demo world."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from submissions.models import Submission
from tests.services import need
from workflow.machine import State
from workflow.models import RowComment, TransitionLog

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "skj-demo-2026"
LAPTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}
# axe-core comes from npm (tests/browser/package.json) and is read from disk, never served by the app.
AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
COMMON_PAGES = (
    "/",
    "/jabatan/",
    "/cari/?q=Kesehatan",
    "/notifikasi/",
    "/notifikasi/preferensi/",
    "/akun/peran/",
    "/akun/token/",
    "/alur/",
)


def _login(chromium: Any, base: str, username: str, viewport: dict[str, int]) -> Any:
    context = chromium.new_context(viewport=viewport, locale="id-ID")
    page = context.new_page()
    page.goto(f"{base}/masuk/")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(f"{base}/")
    return page


def _axe_findings(page: Any) -> list[str]:
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{page.url}: {v['id']} ({v['impact']}): {v['nodes'][0]['target']}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def _sideways(page: Any) -> int:
    return int(
        page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    )


def _walk(page: Any, base: str, paths: list[str], *, axe: bool) -> list[str]:
    problems = []
    for path in paths:
        response = page.goto(f"{base}{path}")
        assert response.status == 200, path
        overflow = _sideways(page)
        if overflow > 0:
            problems.append(f"{path} at {page.viewport_size['width']} px scrolls sideways by {overflow} px")
        if axe:
            problems += _axe_findings(page)
    return problems


def _document_of(state: str, opd: str = "Dinas Kesehatan") -> Submission:
    return (
        Submission.objects.filter(
            state=state, position__opd__name=opd, position__opd__instansi__name="Pemerintah Kota Madiun"
        )
        .order_by("id")
        .first()
    )


ROLES = {
    "madiun.penyusun.dinkes": lambda: [
        f"/dokumen/{_document_of(State.DRAFT).pk}/",
        f"/dokumen/{_document_of(State.DRAFT).pk}/ubah/",
    ],
    "madiun.pemeriksa.dinkes": lambda: [f"/dokumen/{_document_of(State.OPD_REVIEW).pk}/"],
    "madiun.organisasi": lambda: [
        f"/dokumen/{_document_of(State.COMPILATION).pk}/",
        f"/dokumen/{_document_of(State.SUPERSEDED).pk}/",
        "/pengaturan/integrasi/",
    ],
    "kemenpan": lambda: [f"/dokumen/{_document_of(State.MINISTRY_CONSULTATION).pk}/"],
    "admin": lambda: ["/pengaturan/integrasi/"],
}


def test_every_role_walks_its_pages_on_a_laptop_and_a_phone(chromium: Any, live_server: Any) -> None:
    need(AXE.exists(), f"{AXE} is missing: run `npm ci --prefix tests/browser`")
    call_command("seed_demo")
    problems: list[str] = []
    for username, own_pages in ROLES.items():
        paths = [*COMMON_PAGES, *own_pages()]
        for viewport in (LAPTOP, PHONE):
            page = _login(chromium, live_server.url, username, viewport)
            problems += _walk(page, live_server.url, paths, axe=viewport is LAPTOP)
            page.context.close()
    assert not problems, "\n".join(problems)


def test_the_daily_work_in_the_browser(chromium: Any, live_server: Any, screenshots: Path) -> None:
    call_command("seed_demo")
    base = live_server.url
    sent_back = Submission.objects.filter(row_comments__isnull=False, state=State.DRAFT).first()
    assert sent_back is not None, "the demo has a sent-back draft with a row comment"
    opd = sent_back.position.opd
    drafter_name = next(a.user.username for a in opd.role_assignments.all() if a.role == "drafter")

    # The drafter reads the send-back where the fix happens, answers the row comment and resolves it.
    drafter = _login(chromium, base, drafter_name, PHONE)
    drafter.goto(f"{base}/dokumen/{sent_back.pk}/ubah/")
    assert drafter.locator("#send-back").is_visible()
    drafter.screenshot(path=str(screenshots / "10-editor-dikembalikan-ponsel.png"), full_page=False)
    drafter.locator(".row-comments").first.wait_for()
    thread = RowComment.objects.get(submission=sent_back, parent__isnull=True)
    drafter.locator(f"#answer-{thread.pk}").fill("Level M.01 sudah dinaikkan ke 3.")
    drafter.get_by_role("button", name="Kirim jawaban").first.click()
    drafter.wait_for_load_state()
    drafter.get_by_role("button", name=re.compile("^Tandai selesai")).first.click()
    drafter.wait_for_load_state()
    thread.refresh_from_db()
    assert thread.resolved_at is not None
    drafter.context.close()

    # The reviewer searches the standards, then forwards two documents at once from the list.
    reviewer = _login(chromium, base, "madiun.pemeriksa.dinkes", LAPTOP)
    reviewer.goto(f"{base}/cari/?q=Kesehatan")
    assert reviewer.locator("table.data tbody tr").count() > 0
    reviewer.goto(f"{base}/jabatan/?state=opd_review")
    boxes = reviewer.locator("input[name=dokumen]")
    picked = [int(boxes.nth(i).get_attribute("value")) for i in range(min(boxes.count(), 2))]
    assert picked, "the demo has documents in review"
    for i in range(len(picked)):
        boxes.nth(i).check()
    reviewer.get_by_role("button", name="Jalankan untuk yang dipilih").click()
    reviewer.wait_for_load_state()
    for pk in picked:
        assert Submission.objects.get(pk=pk).state == State.COMPILATION
        assert TransitionLog.objects.filter(submission_id=pk, transition="forward").count() == 1
    reviewer.context.close()

    # Bagian Organisasi gives a late document five more working days, with a reason.
    organisasi = _login(chromium, base, "madiun.organisasi", LAPTOP)
    late = Submission.objects.filter(state=State.COMPILATION, due_at__isnull=False).order_by("due_at").first()
    organisasi.goto(f"{base}/dokumen/{late.pk}/")
    organisasi.get_by_text("Perpanjang tenggat").click()
    organisasi.locator("#extend-reason").fill("Menunggu data kepegawaian dari BKPSDM.")
    organisasi.get_by_role("button", name="Perpanjang", exact=True).click()
    organisasi.wait_for_load_state()
    assert organisasi.get_by_text("Menunggu data kepegawaian dari BKPSDM.").count() == 1
    organisasi.goto(f"{base}/jabatan/")
    organisasi.screenshot(path=str(screenshots / "11-daftar-jabatan-tersaring.png"), full_page=False)
    organisasi.context.close()
