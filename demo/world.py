"""The demo world of DESIGN.md section 5: instansi, OPDs, positions, people and their roles."""

from __future__ import annotations

from dataclasses import dataclass

from submissions.models import FunctionalRank, InstansiKind, PositionKind, Role, TimeZone

DEMO_PASSWORD = "skj-demo-2026"
EMAIL_DOMAIN = "demo.alur-skj.id"

MADIUN = "Pemerintah Kota Madiun"
BATANG = "Pemerintah Kabupaten Batang"
BALIKPAPAN = "Pemerintah Kota Balikpapan"

DINKES = "Dinas Kesehatan"
DISDIK = "Dinas Pendidikan"
DISHUB = "Dinas Perhubungan"
BKPSDM = "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia"
DISKOMINFO = "Dinas Komunikasi dan Informatika"
KECAMATAN_BATANG = "Kecamatan Batang"
DPMPTSP = "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu"


@dataclass(frozen=True)
class InstansiData:
    name: str
    kind: str
    time_zone: str


@dataclass(frozen=True)
class OPDData:
    instansi: str
    name: str
    short_name: str


@dataclass(frozen=True)
class PositionData:
    name: str
    kind: str
    urusan: tuple[str, ...]
    sub_unit: str = ""
    rank: str = ""


@dataclass(frozen=True)
class UserData:
    username: str
    first_name: str
    last_name: str
    role: str
    instansi: str = ""
    opd: str = ""  # an OPD name inside `instansi`

    @property
    def email(self) -> str:
        return f"{self.username}@{EMAIL_DOMAIN}"


INSTANSI = (
    InstansiData(MADIUN, InstansiKind.KOTA, TimeZone.WIB),
    InstansiData(BATANG, InstansiKind.KABUPATEN, TimeZone.WIB),
    # No users: it shows deadlines falling at the end of a WITA working day.
    InstansiData(BALIKPAPAN, InstansiKind.KOTA, TimeZone.WITA),
)

OPDS = (
    OPDData(MADIUN, DINKES, "Dinkes"),
    OPDData(MADIUN, DISDIK, "Disdik"),
    OPDData(MADIUN, BKPSDM, "BKPSDM"),
    OPDData(BATANG, DISHUB, "Dishub"),
    OPDData(BATANG, DISKOMINFO, "Diskominfo"),
    OPDData(BATANG, KECAMATAN_BATANG, "Kec. Batang"),
    OPDData(BALIKPAPAN, DINKES, "Dinkes"),
    OPDData(BALIKPAPAN, DPMPTSP, "DPMPTSP"),
)

SEKRETARIAT = "Sekretariat"
UMUM = "Subbagian Umum dan Kepegawaian"
KESEKRETARIATAN = "Kesekretariatan"

K = PositionKind
R = FunctionalRank


def _office_positions(head: str, urusan: str) -> tuple[PositionData, ...]:
    """The positions every dinas has: its head, the secretary and the general administration."""
    return (
        PositionData(head, K.JPT_PRATAMA, (urusan,)),
        PositionData("Sekretaris", K.ADMINISTRATOR, (KESEKRETARIATAN,), SEKRETARIAT),
        PositionData("Kepala Subbagian Umum dan Kepegawaian", K.PENGAWAS, (KESEKRETARIATAN,), SEKRETARIAT),
        PositionData("Pengadministrasi Umum", K.PELAKSANA, (KESEKRETARIATAN,), UMUM),
        PositionData("Pengelola Data", K.PELAKSANA, (KESEKRETARIATAN, urusan), UMUM),
    )


POSITIONS: dict[tuple[str, str], tuple[PositionData, ...]] = {
    (MADIUN, DINKES): (
        *_office_positions("Kepala Dinas Kesehatan", "Kesehatan"),
        PositionData(
            "Kepala Bidang Pencegahan dan Pengendalian Penyakit",
            K.ADMINISTRATOR,
            ("Kesehatan",),
            "Bidang Pencegahan dan Pengendalian Penyakit",
        ),
        PositionData(
            "Kepala Seksi Surveilans dan Imunisasi",
            K.PENGAWAS,
            ("Kesehatan",),
            "Bidang Pencegahan dan Pengendalian Penyakit",
        ),
        PositionData(
            "Epidemiolog Kesehatan",
            K.FUNGSIONAL,
            ("Kesehatan",),
            "Bidang Pencegahan dan Pengendalian Penyakit",
            R.AHLI_MUDA,
        ),
        PositionData("Administrator Kesehatan", K.FUNGSIONAL, ("Kesehatan",), SEKRETARIAT, R.AHLI_PERTAMA),
        PositionData("Penyuluh Kesehatan Masyarakat", K.FUNGSIONAL, ("Kesehatan",), "", R.AHLI_MADYA),
    ),
    (MADIUN, DISDIK): (
        *_office_positions("Kepala Dinas Pendidikan", "Pendidikan"),
        PositionData("Kepala Bidang Pembinaan SMP", K.ADMINISTRATOR, ("Pendidikan",), "Bidang Pembinaan SMP"),
        PositionData(
            "Kepala Seksi Kurikulum dan Penilaian", K.PENGAWAS, ("Pendidikan",), "Bidang Pembinaan SMP"
        ),
        PositionData("Guru", K.FUNGSIONAL, ("Pendidikan",), "", R.AHLI_PERTAMA),
        PositionData("Pengawas Sekolah", K.FUNGSIONAL, ("Pendidikan",), "", R.AHLI_MADYA),
        PositionData("Pranata Komputer", K.FUNGSIONAL, ("Pendidikan",), SEKRETARIAT, R.TERAMPIL),
    ),
    (MADIUN, BKPSDM): (
        PositionData("Kepala Badan Kepegawaian dan Pengembangan SDM", K.JPT_PRATAMA, ("Kepegawaian",)),
        PositionData("Sekretaris", K.ADMINISTRATOR, (KESEKRETARIATAN,), SEKRETARIAT),
        PositionData("Analis Sumber Daya Manusia Aparatur", K.FUNGSIONAL, ("Kepegawaian",), "", R.AHLI_MUDA),
        PositionData("Pengadministrasi Umum", K.PELAKSANA, (KESEKRETARIATAN,), UMUM),
    ),
    (BATANG, DISHUB): (
        *_office_positions("Kepala Dinas Perhubungan", "Perhubungan"),
        PositionData("Kepala Bidang Lalu Lintas", K.ADMINISTRATOR, ("Perhubungan",), "Bidang Lalu Lintas"),
        PositionData(
            "Kepala Seksi Manajemen dan Rekayasa Lalu Lintas",
            K.PENGAWAS,
            ("Perhubungan",),
            "Bidang Lalu Lintas",
        ),
        PositionData(
            "Penguji Kendaraan Bermotor", K.FUNGSIONAL, ("Perhubungan",), "UPT Pengujian", R.PENYELIA
        ),
        PositionData(
            "Asisten Penguji Kendaraan Bermotor", K.FUNGSIONAL, ("Perhubungan",), "UPT Pengujian", R.PEMULA
        ),
        PositionData("Petugas Pengatur Lalu Lintas", K.PELAKSANA, ("Perhubungan",), "Bidang Lalu Lintas"),
    ),
    (BATANG, DISKOMINFO): (
        PositionData(
            "Kepala Dinas Komunikasi dan Informatika", K.JPT_PRATAMA, ("Komunikasi dan Informatika",)
        ),
        PositionData("Sekretaris", K.ADMINISTRATOR, (KESEKRETARIATAN,), SEKRETARIAT),
        PositionData(
            "Pranata Hubungan Masyarakat", K.FUNGSIONAL, ("Komunikasi dan Informatika",), "", R.AHLI_MUDA
        ),
        PositionData("Pengadministrasi Umum", K.PELAKSANA, (KESEKRETARIATAN,), UMUM),
    ),
    (BATANG, KECAMATAN_BATANG): (
        PositionData("Camat", K.ADMINISTRATOR, ("Pemerintahan Umum",)),
        PositionData("Sekretaris Kecamatan", K.ADMINISTRATOR, ("Pemerintahan Umum",), SEKRETARIAT),
        PositionData("Kepala Seksi Pemerintahan", K.PENGAWAS, ("Pemerintahan Umum",), "Seksi Pemerintahan"),
    ),
    (BALIKPAPAN, DINKES): (
        PositionData("Kepala Dinas Kesehatan", K.JPT_PRATAMA, ("Kesehatan",)),
        PositionData("Epidemiolog Kesehatan", K.FUNGSIONAL, ("Kesehatan",), "", R.AHLI_PERTAMA),
    ),
    (BALIKPAPAN, DPMPTSP): (
        PositionData(
            "Kepala Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
            K.JPT_PRATAMA,
            ("Penanaman Modal",),
        ),
        PositionData("Analis Perizinan", K.PELAKSANA, ("Penanaman Modal",), "Bidang Pelayanan Perizinan"),
    ),
}

USERS = (
    UserData("admin", "Teguh", "Santoso", Role.ADMINISTRATOR),
    UserData("madiun.organisasi", "Sri", "Wahyuningsih", Role.BAGIAN_ORGANISASI, MADIUN),
    UserData("madiun.penyusun.dinkes", "Dewi", "Lestari Putri", Role.DRAFTER, MADIUN, DINKES),
    UserData("madiun.pemeriksa.dinkes", "Agus", "Setiawan", Role.REVIEWER, MADIUN, DINKES),
    UserData("madiun.penyusun.disdik", "Rina", "Kurniawati", Role.DRAFTER, MADIUN, DISDIK),
    UserData("madiun.pemeriksa.disdik", "Bambang", "Supriyadi", Role.REVIEWER, MADIUN, DISDIK),
    UserData("batang.organisasi", "Siti", "Aminah Rahayu", Role.BAGIAN_ORGANISASI, BATANG),
    UserData("batang.penyusun.dishub", "Eko", "Prasetyo", Role.DRAFTER, BATANG, DISHUB),
    UserData("batang.pemeriksa.dishub", "Hendra", "Gunawan", Role.REVIEWER, BATANG, DISHUB),
    UserData("kemenpan", "Yulia", "Anggraini", Role.MINISTRY),
)
SUPERUSERS = ("admin",)

# The instansi whose Bagian Organisasi opens a drafting round in the demo.
DRAFTING_ROUND_NAME = "Penyusunan SKJ 2026"
DRAFTING_ROUND_INSTANSI = (MADIUN, BATANG)
DRAFTING_ROUND_WEEKS = 9
