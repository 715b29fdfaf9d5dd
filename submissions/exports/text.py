"""Text that every renderer can hold: Word's XML, WeasyPrint's HTML and Excel's cells.

Input is cleaned where it is typed (the reliability issue), but older rows may still hold what was
pasted from Word before that: a vertical tab (\\x0b, Word's manual line break), a form feed, NUL.
XML 1.0 forbids those characters, so python-docx and openpyxl refuse the whole file. Exports never
fail on them: line-like characters become line breaks, the rest are dropped.
"""

from __future__ import annotations

import re

from submissions.text import clean_text

# Word writes \x0b for Shift+Enter and \x0c for a page break: both read as a new line.
_LINE_LIKE = re.compile("[\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


def printable(text: object) -> str:
    """`text` as a string every output format accepts, with its words and line breaks kept."""
    value = "" if text is None else str(text)
    # Separators Word pastes become line breaks first; clean_text (what input passes through) drops the rest.
    return clean_text(_LINE_LIKE.sub("\n", value))
