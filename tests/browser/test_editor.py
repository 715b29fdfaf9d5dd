"""The editor and the dialogs in a real browser: the live minimum-level warning, counters, the sticky
bar that never hides the field in focus, and the focus after a refused dialog."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command

from tests.browser.test_daily_work import LAPTOP, PHONE, _document_of, _login
from workflow.machine import State

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_level_under_the_minimum_is_flagged_as_soon_as_it_is_chosen(
    chromium: Any, live_server: Any
) -> None:
    call_command("seed_demo")
    draft = _document_of(State.DRAFT)
    page = _login(chromium, live_server.url, "madiun.penyusun.dinkes", LAPTOP)
    page.goto(f"{live_server.url}/dokumen/{draft.pk}/ubah/")
    select = page.locator("select[data-minimum]").first
    minimum = int(select.get_attribute("data-minimum"))
    warning = page.locator(f"#{select.get_attribute('data-warning')}")

    select.select_option(str(minimum - 1))

    warning.wait_for(state="visible")
    assert "minimum" in warning.inner_text()
    select = page.locator("select[data-minimum]").first
    select.select_option(str(minimum))
    warning.wait_for(state="hidden")
    page.context.close()


def test_the_sticky_bar_never_covers_the_field_in_focus(chromium: Any, live_server: Any) -> None:
    call_command("seed_demo")
    draft = _document_of(State.DRAFT)
    for viewport in (LAPTOP, PHONE):
        page = _login(chromium, live_server.url, "madiun.penyusun.dinkes", viewport)
        page.goto(f"{live_server.url}/dokumen/{draft.pk}/ubah/")
        page.locator("#summary").focus()
        covered = []
        for _ in range(60):
            page.keyboard.press("Tab")
            overlap = page.evaluate(
                """() => {
                  const field = document.activeElement, bar = document.querySelector('.sticky-save');
                  if (!field || !field.closest('#editor-form') || bar.contains(field)) { return null; }
                  const bottom = field.getBoundingClientRect().bottom, top = bar.getBoundingClientRect().top;
                  return bottom > top ? (field.id || field.name) + ': ' + (bottom - top) + ' px' : null;
                }"""
            )
            if overlap:
                covered.append(overlap)
        assert not covered, f"at {viewport['width']} px: {covered}"
        page.context.close()


def test_a_counter_follows_what_is_typed_in_a_limited_field(chromium: Any, live_server: Any) -> None:
    call_command("seed_demo")
    late = _document_of(State.COMPILATION)
    page = _login(chromium, live_server.url, "madiun.organisasi", LAPTOP)
    page.goto(f"{live_server.url}/dokumen/{late.pk}/")
    page.get_by_text("Perpanjang tenggat").click()

    page.locator("#extend-reason").fill("Menunggu data.")

    assert page.locator("#extend-reason-count [data-count]").inner_text() == "14"
    page.context.close()


def test_focus_moves_to_the_first_problem_after_a_refused_dialog(chromium: Any, live_server: Any) -> None:
    call_command("seed_demo")
    review = _document_of(State.OPD_REVIEW)
    page = _login(chromium, live_server.url, "madiun.pemeriksa.dinkes", LAPTOP)
    page.goto(f"{live_server.url}/dokumen/{review.pk}/")
    page.get_by_role("link", name="Kembalikan ke penyusun").first.click()
    dialog = page.locator("dialog[open]")
    dialog.get_by_role("button", name="Kembalikan ke penyusun").click()
    page.wait_for_load_state()

    focused = page.evaluate("() => document.activeElement.getAttribute('aria-invalid')")
    assert focused == "true"
    assert page.evaluate("() => document.activeElement.name") == "reason_code"
    page.context.close()
