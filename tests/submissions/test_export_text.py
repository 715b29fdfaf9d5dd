"""Text every output format can hold (submissions.exports.text.printable)."""

from __future__ import annotations

import pytest

from submissions.exports.text import printable


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("satu\x0bdua", "satu\ndua"),  # Word's manual line break
        ("halaman\x0cberikut", "halaman\nberikut"),
        ("a\r\nb\rc", "a\nb\nc"),
        ("nul\x00bel\x07esc\x1b", "nulbelesc"),
        ("del\x7f c1\x9b", "del c1"),
        ("surrogate\ud800", "surrogate"),
        ("tab\tkeeps", "tab\tkeeps"),
        ("Ikhtisar — café ✓", "Ikhtisar — café ✓"),
        (None, ""),
        (12, "12"),
    ],
)
def test_control_characters_become_line_breaks_or_disappear_and_words_stay(raw: object, clean: str) -> None:
    assert printable(raw) == clean
