"""The demo's competency dictionary: the national part and each instansi's technical part."""

from __future__ import annotations

from demo.dictionary.managerial_1_4 import (
    INTEGRITAS,
    KERJASAMA,
    KOMUNIKASI,
    ORIENTASI_HASIL,
)
from demo.dictionary.managerial_5_8 import (
    MENGELOLA_PERUBAHAN,
    PELAYANAN_PUBLIK,
    PENGAMBILAN_KEPUTUSAN,
    PENGEMBANGAN_DIRI,
)
from demo.dictionary.sociocultural import PEREKAT_BANGSA
from demo.dictionary.technical import TECHNICAL_DICTIONARY
from demo.types import CompetencyText

NATIONAL_DICTIONARY: tuple[CompetencyText, ...] = (
    INTEGRITAS,
    KERJASAMA,
    KOMUNIKASI,
    ORIENTASI_HASIL,
    PELAYANAN_PUBLIK,
    PENGEMBANGAN_DIRI,
    MENGELOLA_PERUBAHAN,
    PENGAMBILAN_KEPUTUSAN,
    PEREKAT_BANGSA,
)

__all__ = ["NATIONAL_DICTIONARY", "TECHNICAL_DICTIONARY"]
