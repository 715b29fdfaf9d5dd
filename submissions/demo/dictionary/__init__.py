"""The demo's competency dictionary: the national part and each instansi's technical part."""

from __future__ import annotations

from submissions.demo.dictionary.managerial_1_4 import (
    INTEGRITAS,
    KERJASAMA,
    KOMUNIKASI,
    ORIENTASI_HASIL,
)
from submissions.demo.dictionary.managerial_5_8 import (
    MENGELOLA_PERUBAHAN,
    PELAYANAN_PUBLIK,
    PENGAMBILAN_KEPUTUSAN,
    PENGEMBANGAN_DIRI,
)
from submissions.demo.dictionary.sociocultural import PEREKAT_BANGSA
from submissions.demo.dictionary.technical import TECHNICAL_DICTIONARY
from submissions.demo.types import CompetencyText

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
