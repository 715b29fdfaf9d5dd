"""The socio-cultural competency SK.01 of the demo's national dictionary (our own words)."""

from __future__ import annotations

from demo.types import CompetencyText, LevelText
from submissions.models import CompetencyGroup

PEREKAT_BANGSA = CompetencyText(
    "SK.01",
    "Perekat Bangsa",
    CompetencyGroup.SOCIOCULTURAL,
    "Kemampuan mempromosikan sikap toleransi, keterbukaan, dan peka terhadap perbedaan individu "
    "maupun kelompok masyarakat, serta menjadi perpanjangan tangan pemerintah dalam mempersatukan bangsa.",
    (
        LevelText(
            "Peduli dan menerima keragaman.",
            (
                "Menghormati perbedaan agama, suku, dan budaya rekan kerja.",
                "Bersikap terbuka terhadap pandangan yang berbeda.",
                "Tidak membeda-bedakan orang dalam bekerja.",
            ),
        ),
        LevelText(
            "Mempromosikan sikap saling menghargai dan persatuan.",
            (
                "Mengajak rekan kerja saling menghargai perbedaan.",
                "Membangun suasana kerja yang rukun dalam tim.",
                "Menanggapi perilaku diskriminatif dengan bijak.",
            ),
        ),
        LevelText(
            "Mempromosikan toleransi, memetakan konteks sosial, dan menjadi mediator.",
            (
                "Memetakan keragaman sosial di wilayah kerja unit.",
                "Menengahi perselisihan antarkelompok secara adil.",
                "Mendorong kegiatan unit yang inklusif.",
            ),
        ),
        LevelText(
            "Memanfaatkan keragaman secara konstruktif melalui program yang inklusif.",
            (
                "Menyusun program instansi yang melibatkan beragam kelompok.",
                "Menjadikan keragaman sebagai kekuatan organisasi.",
                "Mencegah potensi konflik sosial melalui kebijakan instansi.",
            ),
        ),
        LevelText(
            "Mewakili pemerintah dalam membangun kohesi sosial dan kebijakan nasional.",
            (
                "Mewakili pemerintah dalam merekatkan hubungan antarkelompok.",
                "Merumuskan kebijakan nasional yang memperkuat persatuan.",
                "Menjadi teladan kebangsaan bagi masyarakat luas.",
            ),
        ),
    ),
)
