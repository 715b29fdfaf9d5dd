"""Managerial competencies M.01-M.04 of the demo's national dictionary (our own words)."""

from __future__ import annotations

from demo.types import CompetencyText, LevelText
from submissions.models import CompetencyGroup

M = CompetencyGroup.MANAGERIAL

INTEGRITAS = CompetencyText(
    "M.01",
    "Integritas",
    M,
    "Konsisten berperilaku selaras dengan nilai, norma, dan etika organisasi, jujur dalam "
    "hubungan dengan atasan, rekan kerja, bawahan, dan pemangku kepentingan.",
    (
        LevelText(
            "Bertindak sesuai etika dan kode etik dalam pekerjaannya sendiri.",
            (
                "Bertingkah laku sesuai kode etik dan nilai organisasi.",
                "Jujur dan tidak menyalahgunakan wewenang dalam tugasnya sendiri.",
                "Mengakui kesalahan sendiri dan memperbaikinya.",
            ),
        ),
        LevelText(
            "Mengingatkan dan mengajak rekan kerja untuk bertindak sesuai etika.",
            (
                "Mengingatkan rekan yang berperilaku tidak sesuai kode etik.",
                "Mengajak rekan kerja menjaga kejujuran dalam pekerjaan bersama.",
                "Menjadi teladan sikap jujur di lingkungan timnya.",
            ),
        ),
        LevelText(
            "Memastikan tim yang dipimpinnya mematuhi nilai, norma, dan etika organisasi.",
            (
                "Menetapkan aturan perilaku yang jelas bagi timnya.",
                "Memantau kepatuhan tim dan menindaklanjuti pelanggaran.",
                "Bersikap adil dan transparan dalam memberi penugasan.",
            ),
        ),
        LevelText(
            "Membangun budaya patuh etika di seluruh instansi dan mengoreksi pelanggaran meski berisiko.",
            (
                "Menyusun sistem pencegahan pelanggaran di lingkungan instansi.",
                "Mengambil tindakan korektif atas pelanggaran walaupun berisiko bagi dirinya.",
                "Menjaga konsistensi nilai organisasi dalam setiap kebijakan instansi.",
            ),
        ),
        LevelText(
            "Menjadi panutan integritas tingkat nasional dan membentuk kebijakan integritas.",
            (
                "Menjadi rujukan perilaku berintegritas bagi instansi lain.",
                "Merumuskan kebijakan nasional yang memperkuat integritas aparatur.",
                "Mempertahankan prinsip etika dalam situasi politis yang sulit.",
            ),
        ),
    ),
)

KERJASAMA = CompetencyText(
    "M.02",
    "Kerjasama",
    M,
    "Kemampuan menjalin dan membina hubungan kerja yang efektif dengan orang lain untuk mencapai "
    "tujuan bersama.",
    (
        LevelText(
            "Berpartisipasi aktif sebagai anggota tim.",
            (
                "Melaksanakan bagian tugasnya dalam tim tepat waktu.",
                "Berbagi informasi yang relevan dengan anggota tim.",
                "Menghargai pendapat anggota tim lain.",
            ),
        ),
        LevelText(
            "Membangun tim yang partisipatif dan saling mendukung.",
            (
                "Mengajak anggota tim menyampaikan gagasan.",
                "Membantu rekan yang mengalami kesulitan tanpa diminta.",
                "Mendorong penyelesaian perbedaan pendapat secara terbuka.",
            ),
        ),
        LevelText(
            "Membangun tim dan aliansi untuk mencapai hasil unit kerja.",
            (
                "Membentuk tim lintas fungsi sesuai kebutuhan unit.",
                "Menjalin kerja sama dengan unit lain untuk sasaran unit.",
                "Memberi pengakuan atas kontribusi anggota tim.",
            ),
        ),
        LevelText(
            "Menciptakan sinergi antarunit di seluruh instansi.",
            (
                "Menyelaraskan program antarunit agar saling menguatkan.",
                "Menyelesaikan konflik kepentingan antarunit secara konstruktif.",
                "Membangun forum koordinasi lintas unit.",
            ),
        ),
        LevelText(
            "Memelihara kerja sama di dalam dan di luar instansi serta membangun konsensus nasional.",
            (
                "Membangun jejaring kerja sama dengan instansi lain dan masyarakat.",
                "Menggalang konsensus atas isu strategis nasional.",
                "Menjaga keberlanjutan kemitraan jangka panjang.",
            ),
        ),
    ),
)

KOMUNIKASI = CompetencyText(
    "M.03",
    "Komunikasi",
    M,
    "Kemampuan menerangkan pandangan dan gagasan secara jelas, sistematis, dan meyakinkan, "
    "secara lisan maupun tertulis.",
    (
        LevelText(
            "Menyampaikan informasi dengan jelas dan mengikuti format surat resmi.",
            (
                "Menyampaikan informasi secara runtut dan mudah dipahami.",
                "Menyusun surat dan nota sesuai tata naskah dinas.",
                "Mendengarkan dengan saksama dan memastikan pemahaman.",
            ),
        ),
        LevelText(
            "Berkomunikasi secara aktif serta menyusun laporan dan naskah sambutan.",
            (
                "Aktif bertanya dan menanggapi dalam pertemuan.",
                "Menyusun laporan kegiatan yang lengkap dan terstruktur.",
                "Menyiapkan naskah sambutan atau paparan pimpinan.",
            ),
        ),
        LevelText(
            "Berkomunikasi secara asertif dan menangani pesan yang sensitif atau kompleks.",
            (
                "Menyampaikan pesan sulit dengan tegas namun santun.",
                "Menyesuaikan cara penyampaian dengan latar belakang pendengar.",
                "Mengelola diskusi yang memanas agar tetap produktif.",
            ),
        ),
        LevelText(
            "Menyampaikan gagasan multidimensi dan meyakinkan para pemangku kepentingan.",
            (
                "Menjelaskan isu kompleks dari berbagai sudut pandang.",
                "Meyakinkan pemangku kepentingan untuk mendukung kebijakan instansi.",
                "Menggunakan data dan argumen yang kuat dalam negosiasi.",
            ),
        ),
        LevelText(
            "Merancang strategi komunikasi yang terbuka atas isu strategis nasional.",
            (
                "Menyusun strategi komunikasi publik tentang kebijakan nasional.",
                "Membangun keterbukaan informasi di tingkat nasional.",
                "Menjadi juru bicara yang dipercaya dalam isu strategis.",
            ),
        ),
    ),
)

ORIENTASI_HASIL = CompetencyText(
    "M.04",
    "Orientasi pada Hasil",
    M,
    "Kemampuan mempertahankan komitmen pribadi yang tinggi untuk menyelesaikan tugas dengan dapat "
    "diandalkan, bertanggung jawab, dan berkualitas.",
    (
        LevelText(
            "Bekerja memenuhi standar kerja yang ditetapkan.",
            (
                "Menyelesaikan tugas sesuai standar dan tenggat.",
                "Memeriksa hasil kerjanya sebelum diserahkan.",
                "Menerima umpan balik untuk memperbaiki hasil kerja.",
            ),
        ),
        LevelText(
            "Menetapkan ukuran keberhasilan sendiri di atas standar.",
            (
                "Menetapkan target pribadi yang lebih tinggi dari standar.",
                "Mencari cara kerja yang lebih efisien.",
                "Memantau kemajuan kerjanya sendiri secara berkala.",
            ),
        ),
        LevelText(
            "Menetapkan target unit yang menantang, memberi apresiasi dan teguran.",
            (
                "Menetapkan target unit yang menantang namun realistis.",
                "Memberi apresiasi atas capaian dan teguran atas kinerja rendah.",
                "Menganalisis hambatan kinerja unit dan mencari solusinya.",
            ),
        ),
        LevelText(
            "Mendorong unit-unit melampaui target sejalan dengan strategi instansi.",
            (
                "Menyelaraskan target unit dengan rencana strategis instansi.",
                "Mengalokasikan sumber daya untuk sasaran prioritas.",
                "Mengevaluasi capaian antarunit dan menetapkan perbaikan.",
            ),
        ),
        LevelText(
            "Menjamin hasil organisasi untuk prioritas nasional.",
            (
                "Mengarahkan organisasi pada pencapaian prioritas nasional.",
                "Membangun sistem manajemen kinerja berorientasi hasil.",
                "Mempertanggungjawabkan capaian organisasi kepada publik.",
            ),
        ),
    ),
)
