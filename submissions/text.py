"""Text as people paste it, made safe to store, show and put in a Word file.

Text copied from Word carries vertical tabs (`\\x0b`, Word's line break inside a paragraph) and now
and then other control characters (`\\x01`, an escape `\\x1b` from a terminal). Word files cannot
hold them (XML 1.0 forbids them), so python-docx refuses to write them and the export would fail.
Every text input (API serializers, web forms) passes through `clean_text`, and the Word export
passes what older rows hold through it again.
"""

from __future__ import annotations

import re

# Line breaks as browsers and Word send them, all made "\n".
_LINE_BREAKS = re.compile("\r\n|\r|\x0b|\x0c|\x85|\u2028|\u2029")
# C0 and C1 controls other than tab and newline, lone surrogates (not encodable in UTF-8, so not
# storable in PostgreSQL) and the two non-characters XML forbids.
_UNWANTED = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def clean_text(value: str) -> str:
    return _UNWANTED.sub("", _LINE_BREAKS.sub("\n", value))
