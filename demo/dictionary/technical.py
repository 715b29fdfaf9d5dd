"""Technical competencies each demo instansi keeps in its own dictionary (short texts, our own words)."""

from __future__ import annotations

from demo.types import CompetencyText, LevelText
from submissions.models import CompetencyGroup

MADIUN = "Pemerintah Kota Madiun"
BATANG = "Pemerintah Kabupaten Batang"


def _technical(code: str, name: str, definition: str, *levels: tuple[str, str, str, str]) -> CompetencyText:
    return CompetencyText(
        code,
        name,
        CompetencyGroup.TECHNICAL,
        definition,
        tuple(LevelText(description, tuple(indicators)) for description, *indicators in levels),
    )


SURVEILANS = _technical(
    "T.KES.01",
    "Surveilans Kesehatan",
    "Kemampuan mengumpulkan, mengolah, dan menganalisis data penyakit untuk tindakan kesehatan masyarakat.",
    (
        "Mengumpulkan data kasus penyakit sesuai format.",
        "Mencatat kasus harian.",
        "Memeriksa kelengkapan laporan.",
        "Mengirim laporan tepat waktu.",
    ),
    (
        "Mengolah data surveilans menjadi tabel dan grafik.",
        "Menghitung angka kejadian.",
        "Menyajikan tren mingguan.",
        "Menandai lonjakan kasus.",
    ),
    (
        "Menganalisis data dan merekomendasikan respons unit.",
        "Menyelidiki kejadian luar biasa.",
        "Menyusun rekomendasi pengendalian.",
        "Mengoordinasikan tim gerak cepat.",
    ),
    (
        "Merancang sistem surveilans daerah.",
        "Menetapkan indikator surveilans daerah.",
        "Mengintegrasikan data lintas fasilitas kesehatan.",
        "Mengevaluasi kinerja sistem surveilans.",
    ),
    (
        "Merumuskan kebijakan surveilans berskala nasional.",
        "Menyusun pedoman surveilans.",
        "Mengembangkan kewaspadaan dini nasional.",
        "Membina jejaring surveilans antardaerah.",
    ),
)

PROMOSI_KESEHATAN = _technical(
    "T.KES.02",
    "Promosi Kesehatan",
    "Kemampuan mendorong masyarakat berperilaku hidup bersih dan sehat.",
    (
        "Menyampaikan pesan kesehatan sesuai materi yang tersedia.",
        "Membagikan media penyuluhan.",
        "Mencatat peserta penyuluhan.",
        "Menjawab pertanyaan dasar masyarakat.",
    ),
    (
        "Melaksanakan penyuluhan kelompok.",
        "Menyiapkan materi penyuluhan.",
        "Memandu diskusi kelompok.",
        "Melaporkan hasil penyuluhan.",
    ),
    (
        "Merencanakan program promosi kesehatan unit.",
        "Menyusun rencana kegiatan promosi.",
        "Melibatkan kader kesehatan.",
        "Mengukur perubahan perilaku sasaran.",
    ),
    (
        "Mengembangkan strategi promosi kesehatan daerah.",
        "Menyusun strategi komunikasi kesehatan.",
        "Membangun kemitraan lintas sektor.",
        "Mengevaluasi dampak program.",
    ),
    (
        "Merumuskan kebijakan promosi kesehatan.",
        "Menyusun kebijakan perilaku sehat.",
        "Mengarahkan kampanye kesehatan berskala luas.",
        "Membina jejaring promosi kesehatan.",
    ),
)

PEMBELAJARAN = _technical(
    "T.DIK.01",
    "Pengelolaan Pembelajaran",
    "Kemampuan merencanakan, melaksanakan, dan menilai pembelajaran peserta didik.",
    (
        "Melaksanakan pembelajaran sesuai rencana yang tersedia.",
        "Mengikuti modul ajar.",
        "Mencatat kehadiran peserta didik.",
        "Memberi tugas sesuai jadwal.",
    ),
    (
        "Menyusun rencana pembelajaran sendiri.",
        "Merumuskan tujuan pembelajaran.",
        "Memilih metode yang sesuai.",
        "Menilai hasil belajar.",
    ),
    (
        "Mengembangkan pembelajaran di satuan pendidikan.",
        "Membimbing guru lain.",
        "Menganalisis hasil asesmen.",
        "Merancang pembelajaran berdiferensiasi.",
    ),
    (
        "Mengembangkan kurikulum operasional daerah.",
        "Menyelaraskan kurikulum antarsekolah.",
        "Memantau mutu pembelajaran daerah.",
        "Merancang program peningkatan mutu guru.",
    ),
    (
        "Merumuskan kebijakan pembelajaran.",
        "Menyusun standar pembelajaran.",
        "Mengarahkan inovasi pembelajaran.",
        "Mengevaluasi kebijakan kurikulum.",
    ),
)

DATA_PENDIDIKAN = _technical(
    "T.DIK.02",
    "Pengelolaan Data Pendidikan",
    "Kemampuan mengelola data pokok pendidikan untuk perencanaan dan pelaporan.",
    (
        "Memasukkan data sekolah dan peserta didik.",
        "Mengisi formulir data pokok.",
        "Memeriksa kelengkapan isian.",
        "Memperbarui data secara berkala.",
    ),
    (
        "Memverifikasi dan memvalidasi data pendidikan.",
        "Mencocokkan data antarsumber.",
        "Memperbaiki data yang tidak valid.",
        "Menyusun rekapitulasi data.",
    ),
    (
        "Menganalisis data untuk perencanaan unit.",
        "Menyusun profil pendidikan.",
        "Menghitung indikator pendidikan.",
        "Menyajikan data bagi pimpinan.",
    ),
    (
        "Mengembangkan sistem informasi pendidikan daerah.",
        "Mengintegrasikan data lintas satuan.",
        "Menetapkan tata kelola data.",
        "Menjamin keamanan data.",
    ),
    (
        "Merumuskan kebijakan data pendidikan.",
        "Menetapkan standar data.",
        "Mengarahkan pemanfaatan data nasional.",
        "Mengevaluasi kebijakan berbasis data.",
    ),
)

LALU_LINTAS = _technical(
    "T.HUB.01",
    "Manajemen Lalu Lintas",
    "Kemampuan merencanakan, mengatur, dan mengendalikan lalu lintas jalan.",
    (
        "Melaksanakan pengaturan lalu lintas sesuai petunjuk.",
        "Mengatur arus di persimpangan.",
        "Memasang rambu sementara.",
        "Mencatat kejadian lalu lintas.",
    ),
    (
        "Melakukan survei dan pencatatan lalu lintas.",
        "Menghitung volume kendaraan.",
        "Mengidentifikasi titik rawan.",
        "Menyusun laporan survei.",
    ),
    (
        "Menyusun rekayasa lalu lintas kawasan.",
        "Menganalisis kinerja ruas jalan.",
        "Merancang perubahan arus.",
        "Mengevaluasi hasil rekayasa.",
    ),
    (
        "Menyusun rencana induk lalu lintas daerah.",
        "Menetapkan kebijakan parkir dan angkutan.",
        "Mengoordinasikan forum lalu lintas.",
        "Mengendalikan dampak lalu lintas pembangunan.",
    ),
    (
        "Merumuskan kebijakan lalu lintas.",
        "Menyusun pedoman manajemen lalu lintas.",
        "Mengarahkan keselamatan jalan.",
        "Membina kerja sama antardaerah.",
    ),
)

PENGUJIAN_KENDARAAN = _technical(
    "T.HUB.02",
    "Pengujian Kendaraan Bermotor",
    "Kemampuan menguji kelaikan jalan kendaraan bermotor sesuai ketentuan.",
    (
        "Melaksanakan pemeriksaan visual kendaraan.",
        "Memeriksa kelengkapan dokumen.",
        "Memeriksa lampu dan klakson.",
        "Mencatat hasil pemeriksaan.",
    ),
    (
        "Mengoperasikan alat uji kendaraan.",
        "Menguji rem dan emisi.",
        "Membaca hasil alat uji.",
        "Menetapkan hasil uji sesuai batas.",
    ),
    (
        "Mengawasi mutu pengujian di unit.",
        "Memeriksa kalibrasi alat uji.",
        "Meninjau hasil uji penguji lain.",
        "Menangani keberatan hasil uji.",
    ),
    (
        "Mengelola penyelenggaraan pengujian daerah.",
        "Menyusun standar layanan uji.",
        "Merencanakan kebutuhan alat uji.",
        "Menjamin akreditasi unit uji.",
    ),
    (
        "Merumuskan kebijakan pengujian kendaraan.",
        "Menyusun pedoman teknis pengujian.",
        "Mengevaluasi penyelenggaraan pengujian.",
        "Membina unit uji antardaerah.",
    ),
)


def _administrasi() -> CompetencyText:
    # Every demo instansi keeps its own copy: technical dictionaries belong to an instansi.
    return _technical(
        "T.ADM.01",
        "Administrasi Perkantoran",
        "Kemampuan mengelola surat, arsip, dan kebutuhan administrasi kantor.",
        (
            "Mencatat surat masuk dan keluar.",
            "Mengagendakan surat.",
            "Menggandakan dokumen.",
            "Menyimpan arsip sesuai kode.",
        ),
        (
            "Mengelola arsip dan persediaan kantor.",
            "Menata arsip aktif.",
            "Mencatat persediaan.",
            "Menyiapkan bahan rapat.",
        ),
        (
            "Mengatur tata usaha unit.",
            "Menyusun jadwal kegiatan unit.",
            "Mengendalikan alur naskah dinas.",
            "Mengevaluasi layanan tata usaha.",
        ),
        (
            "Mengembangkan sistem administrasi instansi.",
            "Menerapkan tata naskah elektronik.",
            "Menetapkan prosedur kearsipan.",
            "Membina pengelola arsip.",
        ),
        (
            "Merumuskan kebijakan administrasi pemerintahan.",
            "Menyusun pedoman tata naskah.",
            "Mengarahkan digitalisasi arsip.",
            "Mengevaluasi kebijakan kearsipan.",
        ),
    )


TECHNICAL_DICTIONARY: dict[str, tuple[CompetencyText, ...]] = {
    MADIUN: (SURVEILANS, PROMOSI_KESEHATAN, PEMBELAJARAN, DATA_PENDIDIKAN, _administrasi()),
    BATANG: (LALU_LINTAS, PENGUJIAN_KENDARAAN, _administrasi()),
}
