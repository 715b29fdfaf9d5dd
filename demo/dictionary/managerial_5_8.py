"""Managerial competencies M.05-M.08 of the demo's national dictionary (our own words)."""

from __future__ import annotations

from demo.types import CompetencyText, LevelText
from submissions.models import CompetencyGroup

M = CompetencyGroup.MANAGERIAL

PELAYANAN_PUBLIK = CompetencyText(
    "M.05",
    "Pelayanan Publik",
    M,
    "Kemampuan melaksanakan tugas pemerintahan, pembangunan, dan pelayanan publik secara profesional, "
    "transparan, dan mengikuti standar pelayanan.",
    (
        LevelText(
            "Menjalankan pelayanan sesuai standar pelayanan.",
            (
                "Melayani masyarakat sesuai standar operasional prosedur.",
                "Bersikap ramah dan tidak membeda-bedakan pengguna layanan.",
                "Mencatat keluhan pengguna layanan untuk ditindaklanjuti.",
            ),
        ),
        LevelText(
            "Mengawasi dan menjelaskan pelayanan secara transparan.",
            (
                "Memantau mutu pelayanan yang diberikan timnya.",
                "Menjelaskan prosedur dan biaya layanan secara terbuka.",
                "Menanggapi keluhan dengan cepat dan tuntas.",
            ),
        ),
        LevelText(
            "Memanfaatkan dinamika kelompok untuk memperbaiki standar pelayanan unit.",
            (
                "Melibatkan tim dalam evaluasi standar pelayanan unit.",
                "Memperbaiki prosedur layanan berdasarkan umpan balik.",
                "Menyeimbangkan kepentingan pengguna layanan dan aturan.",
            ),
        ),
        LevelText(
            "Mengantisipasi isu jangka panjang dan menyelaraskan kebijakan pelayanan instansi.",
            (
                "Memetakan kebutuhan layanan masyarakat jangka panjang.",
                "Menyelaraskan kebijakan pelayanan seluruh unit instansi.",
                "Membangun sistem pengaduan yang terintegrasi.",
            ),
        ),
        LevelText(
            "Menetapkan kebijakan yang menjamin pelayanan netral dan tidak diskriminatif.",
            (
                "Merumuskan kebijakan pelayanan publik tingkat nasional.",
                "Menjamin netralitas dan keadilan layanan bagi semua warga.",
                "Mendorong inovasi pelayanan lintas instansi.",
            ),
        ),
    ),
)

PENGEMBANGAN_DIRI = CompetencyText(
    "M.06",
    "Pengembangan Diri dan Orang Lain",
    M,
    "Kemampuan meningkatkan pengetahuan dan keterampilan diri sendiri dan orang lain untuk "
    "mengoptimalkan kinerja.",
    (
        LevelText(
            "Mengembangkan diri sendiri.",
            (
                "Mengidentifikasi kebutuhan belajarnya sendiri.",
                "Mengikuti pelatihan dan belajar mandiri secara teratur.",
                "Menerapkan hal baru yang dipelajari dalam pekerjaan.",
            ),
        ),
        LevelText(
            "Mengajari bawahan melalui contoh dan penjelasan.",
            (
                "Memberi contoh cara kerja yang benar kepada bawahan.",
                "Berbagi pengetahuan dengan rekan dan bawahan.",
                "Memberi kesempatan bawahan mencoba tugas baru.",
            ),
        ),
        LevelText(
            "Memberi umpan balik dan bimbingan (coaching).",
            (
                "Memberi umpan balik yang spesifik dan membangun.",
                "Melakukan bimbingan rutin bagi anggota unit.",
                "Menyusun rencana pengembangan anggota unit.",
            ),
        ),
        LevelText(
            "Menyusun program pengembangan jangka panjang dan suksesi.",
            (
                "Merancang program pengembangan kompetensi instansi.",
                "Menyiapkan kader pengganti untuk jabatan kunci.",
                "Mengevaluasi dampak program pengembangan terhadap kinerja.",
            ),
        ),
        LevelText(
            "Membangun budaya belajar di seluruh instansi.",
            (
                "Menjadikan pembelajaran bagian dari strategi organisasi.",
                "Mendorong berbagi pengetahuan antarinstansi.",
                "Menyediakan sumber daya bagi pengembangan berkelanjutan.",
            ),
        ),
    ),
)

MENGELOLA_PERUBAHAN = CompetencyText(
    "M.07",
    "Mengelola Perubahan",
    M,
    "Kemampuan menyesuaikan diri dengan situasi baru atau berubah dan tidak bergantung secara "
    "berlebihan pada metode dan proses lama.",
    (
        LevelText(
            "Mengikuti perubahan dengan arahan.",
            (
                "Menerima perubahan aturan dan cara kerja yang ditetapkan.",
                "Meminta penjelasan bila perubahan belum dipahami.",
                "Menjalankan cara kerja baru sesuai arahan.",
            ),
        ),
        LevelText(
            "Beradaptasi terhadap perubahan secara proaktif.",
            (
                "Menyesuaikan cara kerja tanpa menunggu perintah.",
                "Mencari informasi tentang perubahan yang akan datang.",
                "Mengusulkan perbaikan cara kerja kepada atasan.",
            ),
        ),
        LevelText(
            "Membantu orang lain berubah dan mengantisipasi perubahan.",
            (
                "Menjelaskan manfaat perubahan kepada anggota unit.",
                "Membantu rekan yang kesulitan menyesuaikan diri.",
                "Menyiapkan unit menghadapi perubahan yang diperkirakan.",
            ),
        ),
        LevelText(
            "Memimpin perubahan pada unit-unit kerja dan memitigasi risikonya.",
            (
                "Merancang tahapan perubahan di lingkungan instansi.",
                "Mengidentifikasi dan mengelola risiko perubahan.",
                "Menangani penolakan terhadap perubahan secara efektif.",
            ),
        ),
        LevelText(
            "Menggerakkan pemangku kepentingan untuk perubahan yang berkelanjutan.",
            (
                "Membangun koalisi pemangku kepentingan untuk reformasi.",
                "Memastikan perubahan melembaga dan berkelanjutan.",
                "Menjadi penggerak perubahan pada tingkat nasional.",
            ),
        ),
    ),
)

PENGAMBILAN_KEPUTUSAN = CompetencyText(
    "M.08",
    "Pengambilan Keputusan",
    M,
    "Kemampuan membuat keputusan yang baik secara tepat waktu dan dengan keyakinan diri setelah "
    "mempertimbangkan prinsip kehati-hatian.",
    (
        LevelText(
            "Mengumpulkan informasi dan bertindak sesuai kewenangannya.",
            (
                "Mengumpulkan informasi yang diperlukan sebelum bertindak.",
                "Mengambil keputusan sesuai prosedur dan kewenangannya.",
                "Melaporkan masalah di luar kewenangannya kepada atasan.",
            ),
        ),
        LevelText(
            "Menganalisis secara mendalam dan mengambil keputusan operasional.",
            (
                "Menganalisis penyebab masalah sebelum memutuskan.",
                "Mengambil keputusan operasional dengan cepat.",
                "Mempertimbangkan dampak keputusan bagi tim.",
            ),
        ),
        LevelText(
            "Membandingkan alternatif dan menyeimbangkan risiko.",
            (
                "Menyusun beberapa alternatif dan membandingkannya.",
                "Menimbang risiko dan manfaat setiap alternatif.",
                "Melibatkan pihak terkait dalam keputusan unit.",
            ),
        ),
        LevelText(
            "Menyelesaikan masalah berisiko tinggi dan mengantisipasi dampaknya.",
            (
                "Mengambil keputusan atas masalah kompleks berisiko tinggi.",
                "Mengantisipasi dampak keputusan bagi seluruh instansi.",
                "Bertanggung jawab penuh atas keputusan yang diambil.",
            ),
        ),
        LevelText(
            "Mengambil keputusan strategis jangka panjang berdampak nasional.",
            (
                "Menetapkan arah kebijakan jangka panjang.",
                "Memutuskan isu strategis dengan mempertimbangkan kepentingan nasional.",
                "Menjaga konsistensi keputusan dengan visi negara.",
            ),
        ),
    ),
)
