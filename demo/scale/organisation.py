"""The organisations and people of the scale dataset: instansi, OPDs, urusan and role holders.

Everything is found by name and created only when missing, so a second run (a top-up) adds nothing
here. Users share one password hash: hashing is deliberately slow, and a thousand hashes of the
same demo password would cost minutes for nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password

from demo.world import DEMO_PASSWORD
from submissions.models import OPD, Instansi, InstansiKind, Role, RoleAssignment, TimeZone, Urusan

INSTANSI_PREFIX = "Instansi Skala"
USERNAME_PREFIX = "skala."
ADMIN_USERNAME = "skala.admin"
MINISTRY_USERNAME = "skala.kemenpan"
EMAIL_DOMAIN = "skala.alur-skj.id"

OPD_NAMES = (
    "Dinas Kesehatan",
    "Dinas Pendidikan",
    "Dinas Perhubungan",
    "Dinas Sosial",
    "Dinas Pekerjaan Umum dan Penataan Ruang",
    "Dinas Komunikasi dan Informatika",
    "Dinas Kependudukan dan Pencatatan Sipil",
    "Dinas Lingkungan Hidup",
    "Dinas Pertanian dan Ketahanan Pangan",
    "Dinas Perdagangan",
    "Dinas Koperasi dan Usaha Mikro",
    "Dinas Tenaga Kerja",
    "Dinas Pariwisata dan Kebudayaan",
    "Dinas Pemuda dan Olahraga",
    "Dinas Perumahan dan Kawasan Permukiman",
    "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
    "Dinas Perpustakaan dan Kearsipan",
    "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
    "Badan Perencanaan Pembangunan Daerah",
    "Badan Pengelolaan Keuangan dan Aset Daerah",
    "Badan Pendapatan Daerah",
    "Badan Penanggulangan Bencana Daerah",
    "Inspektorat Daerah",
    "Satuan Polisi Pamong Praja",
    "Sekretariat DPRD",
)
URUSAN_BY_KEYWORD = (
    ("Kesehatan", "Kesehatan"),
    ("Pendidikan", "Pendidikan"),
    ("Perhubungan", "Perhubungan"),
    ("Sosial", "Sosial"),
    ("Komunikasi", "Komunikasi dan Informatika"),
    ("Lingkungan", "Lingkungan Hidup"),
)
DEFAULT_URUSAN = "Kesekretariatan"
INSTANSI_KINDS = (InstansiKind.KABUPATEN, InstansiKind.KOTA, InstansiKind.KABUPATEN, InstansiKind.PROVINSI)
# Most regional governments are in WIB; a few in WITA and WIT keep the deadline code honest.
TIME_ZONES = (TimeZone.WIB,) * 6 + (TimeZone.WITA, TimeZone.WITA, TimeZone.WIT)


@dataclass
class Cast:
    """Who acts for each OPD and instansi of the scale dataset (user ids)."""

    opds: list[OPD]
    drafter: dict[int, int] = field(default_factory=dict)  # OPD id -> user id
    reviewer: dict[int, int] = field(default_factory=dict)
    organisasi: dict[int, int] = field(default_factory=dict)  # instansi id -> user id
    urusan: dict[int, int] = field(default_factory=dict)  # OPD id -> urusan id
    instansi_of: dict[int, int] = field(default_factory=dict)  # OPD id -> instansi id
    ministry: int = 0  # user id of the ministry's reviewer


def instansi_name(number: int) -> str:
    return f"{INSTANSI_PREFIX} {number:03d}"


def opd_name(index: int) -> str:
    base = OPD_NAMES[index % len(OPD_NAMES)]
    round_number = index // len(OPD_NAMES)
    return base if round_number == 0 else f"{base} {round_number + 1}"


def ensure_organisation(instansi_count: int, opds_per_instansi: int) -> Cast:
    """The first `instansi_count` scale instansi with `opds_per_instansi` OPDs each, and their people."""
    instansi = [_ensure_instansi(number) for number in range(1, instansi_count + 1)]
    existing = {(o.instansi_id, o.name): o for o in OPD.objects.filter(instansi__in=instansi)}
    missing = [
        OPD(instansi=inst, name=opd_name(i))
        for inst in instansi
        for i in range(opds_per_instansi)
        if (inst.pk, opd_name(i)) not in existing
    ]
    OPD.objects.bulk_create(missing)
    opds = list(
        OPD.objects.filter(instansi__in=instansi, name__in=[opd_name(i) for i in range(opds_per_instansi)])
        .select_related("instansi")
        .order_by("instansi__name", "id")
    )
    cast = _ensure_people(instansi, opds)
    cast.urusan = _urusan_by_opd(opds)
    return cast


def _ensure_instansi(number: int) -> Instansi:
    instansi, _ = Instansi.objects.get_or_create(
        name=instansi_name(number),
        defaults={
            "kind": INSTANSI_KINDS[number % len(INSTANSI_KINDS)],
            "time_zone": TIME_ZONES[number % len(TIME_ZONES)],
        },
    )
    return instansi


def _ensure_people(instansi: list[Instansi], opds: list[OPD]) -> Cast:
    wanted: dict[str, tuple[str, OPD | None, Instansi | None]] = {
        ADMIN_USERNAME: (Role.ADMINISTRATOR, None, None),
        MINISTRY_USERNAME: (Role.MINISTRY, None, None),
    }
    for government in instansi:
        wanted[f"{USERNAME_PREFIX}{_slug(government)}.organisasi"] = (
            Role.BAGIAN_ORGANISASI,
            None,
            government,
        )
    for unit in opds:
        stem = f"{USERNAME_PREFIX}{_slug(unit.instansi)}.o{unit.pk}"
        wanted[f"{stem}.penyusun"] = (Role.DRAFTER, unit, None)
        wanted[f"{stem}.pemeriksa"] = (Role.REVIEWER, unit, None)
    ids = _ensure_users(list(wanted))
    have = set(RoleAssignment.objects.filter(user_id__in=ids.values()).values_list("user_id", "role"))
    RoleAssignment.objects.bulk_create(
        RoleAssignment(user_id=ids[name], role=role, opd=opd, instansi=inst)
        for name, (role, opd, inst) in wanted.items()
        if (ids[name], role) not in have
    )
    cast = Cast(opds=opds, instansi_of={o.pk: o.instansi_id for o in opds}, ministry=ids[MINISTRY_USERNAME])
    for name, (role, opd, inst) in wanted.items():
        if role == Role.DRAFTER and opd is not None:
            cast.drafter[opd.pk] = ids[name]
        elif role == Role.REVIEWER and opd is not None:
            cast.reviewer[opd.pk] = ids[name]
        elif role == Role.BAGIAN_ORGANISASI and inst is not None:
            cast.organisasi[inst.pk] = ids[name]
    return cast


def _slug(instansi: Instansi) -> str:
    return "i" + instansi.name.removeprefix(INSTANSI_PREFIX).strip()


def _ensure_users(usernames: list[str]) -> dict[str, int]:
    user_model = get_user_model()
    existing = dict(user_model.objects.filter(username__in=usernames).values_list("username", "id"))
    password = make_password(DEMO_PASSWORD)
    user_model.objects.bulk_create(
        user_model(
            username=name,
            email=f"{name}@{EMAIL_DOMAIN}",
            first_name="Pengguna",
            last_name=name.removeprefix(USERNAME_PREFIX),
            password=password,
            is_active=True,
            is_superuser=False,
        )
        for name in usernames
        if name not in existing
    )
    return dict(user_model.objects.filter(username__in=usernames).values_list("username", "id"))


def _urusan_by_opd(opds: list[OPD]) -> dict[int, int]:
    names = {_urusan_name(opd.name) for opd in opds}
    for name in names:
        Urusan.objects.get_or_create(name=name)
    ids = dict(Urusan.objects.filter(name__in=names).values_list("name", "id"))
    return {opd.pk: ids[_urusan_name(opd.name)] for opd in opds}


def _urusan_name(opd_name: str) -> str:
    return next((urusan for keyword, urusan in URUSAN_BY_KEYWORD if keyword in opd_name), DEFAULT_URUSAN)
