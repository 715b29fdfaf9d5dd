"""Reference data production needs too: minimum levels per kind of position and send-back reasons.

Loading only creates what is missing: an administrator's later edits (a different minimum level, a
reworded reason) are never overwritten by a second run.
"""

from __future__ import annotations

from submissions.models import FunctionalRank, MinimumLevel, PositionKind
from workflow.models import ReasonCode

# DOMAIN.md "Required level per kind of position (default, configurable)".
MINIMUM_LEVELS: tuple[tuple[str, str, int], ...] = (
    (PositionKind.JPT_UTAMA, "", 5),
    (PositionKind.JPT_MADYA, "", 5),
    (PositionKind.JPT_PRATAMA, "", 4),
    (PositionKind.ADMINISTRATOR, "", 3),
    (PositionKind.PENGAWAS, "", 2),
    (PositionKind.PELAKSANA, "", 1),
    (PositionKind.FUNGSIONAL, FunctionalRank.AHLI_UTAMA, 4),
    (PositionKind.FUNGSIONAL, FunctionalRank.AHLI_MADYA, 3),
    (PositionKind.FUNGSIONAL, FunctionalRank.AHLI_MUDA, 2),
    (PositionKind.FUNGSIONAL, FunctionalRank.AHLI_PERTAMA, 1),
    (PositionKind.FUNGSIONAL, FunctionalRank.PENYELIA, 2),
    (PositionKind.FUNGSIONAL, FunctionalRank.MAHIR, 1),
    (PositionKind.FUNGSIONAL, FunctionalRank.TERAMPIL, 1),
    (PositionKind.FUNGSIONAL, FunctionalRank.PEMULA, 1),
)

REASON_CODES: tuple[tuple[str, str], ...] = (
    ("incomplete", "Dokumen belum lengkap"),
    ("level_below_minimum", "Level kompetensi di bawah level minimum"),
    ("technical_competency", "Kompetensi teknis belum sesuai"),
    ("requirements", "Persyaratan jabatan belum sesuai"),
    ("wording", "Rumusan atau redaksi perlu diperbaiki"),
    ("other", "Alasan lain (lihat catatan)"),
)


def load_reference_data() -> int:
    """Create the missing reference rows; return how many were created."""
    created = 0
    for kind, rank, level in MINIMUM_LEVELS:
        _, new = MinimumLevel.objects.get_or_create(
            kind=kind, rank=rank, defaults={"level": level, "blocking": True}
        )
        created += new
    for order, (code, label) in enumerate(REASON_CODES, start=1):
        _, new = ReasonCode.objects.get_or_create(code=code, defaults={"label": label, "order": order})
        created += new
    return created
