"""Rendering a notification: always Indonesian, whatever the page's language was."""

from __future__ import annotations

import datetime

from django.utils import translation

from notifications.rendering import render


def test_a_letter_date_is_written_with_indonesian_month_names_under_an_english_page():
    context = {
        "recipient_name": "Budi",
        "position_name": "Analis Kebijakan",
        "letter_number": "B/123/M.SM.01.00/2026",
        "letter_date": datetime.date(2026, 1, 5),
    }

    with translation.override("en"):
        rendered = render("ministry_agree", context)

    assert "5 Januari 2026" in rendered.text
    assert "January" not in rendered.text + rendered.html
