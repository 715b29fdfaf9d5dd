"""Reference data production needs: send-back reason codes (DESIGN.md section 2) and, below them,
the minimum levels of `submissions.reference`. `manage.py load_reference_data` and the demo load it.

Loading only creates what is missing: an administrator's later edits (a reworded reason) are never
overwritten by a second run.
"""

from __future__ import annotations

from submissions.reference import load_minimum_levels
from workflow.models import ReasonCode

REASON_CODES: tuple[tuple[str, str], ...] = (
    ("incomplete", "Dokumen belum lengkap"),
    ("level_below_minimum", "Level kompetensi di bawah level minimum"),
    ("technical_competency", "Kompetensi teknis belum sesuai"),
    ("requirements", "Persyaratan jabatan belum sesuai"),
    ("wording", "Rumusan atau redaksi perlu diperbaiki"),
    ("other", "Alasan lain (lihat catatan)"),
)


def load_reference_data() -> int:
    """Create the missing reference rows (minimum levels, reason codes); return how many were created."""
    created = load_minimum_levels()
    for order, (code, label) in enumerate(REASON_CODES, start=1):
        _, new = ReasonCode.objects.get_or_create(code=code, defaults={"label": label, "order": order})
        created += new
    return created
