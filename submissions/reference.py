"""Reference data production needs: the minimum level per kind of position (DOMAIN.md).

Loading only creates what is missing: an administrator's later edits (a different minimum level) are
never overwritten by a second run.
"""

from __future__ import annotations

from submissions.models import FunctionalRank, MinimumLevel, PositionKind

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


def load_minimum_levels() -> int:
    """Create the missing minimum levels; return how many were created."""
    created = 0
    for kind, rank, level in MINIMUM_LEVELS:
        _, new = MinimumLevel.objects.get_or_create(
            kind=kind, rank=rank, defaults={"level": level, "blocking": True}
        )
        created += new
    return created
