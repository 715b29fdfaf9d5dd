"""Importing users and their roles: one row per (user, role), matched by username.

New users get no password: they set one through their invitation. A role must lie inside the
instansi (a drafter or reviewer of one of its OPDs, or its Bagian Organisasi); a user who holds
roles elsewhere, or is an administrator, is not changed from here.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from submissions.imports.base import ImportSpec, Plan, Rows, Written, nothing_to_write
from submissions.imports.outcomes import ImportProblem, Outcome, Preview, RowOutcome
from submissions.imports.reading import Columns, normalise, text
from submissions.models import OPD, ActingKind, ImportKind, Instansi, Role, RoleAssignment
from submissions.signals import users_written_in_bulk

COLUMNS = Columns(
    titles={
        "username": ("username", "nama pengguna"),
        "nama": ("nama", "nama lengkap"),
        "email": ("email", "surel"),
        "peran": ("peran",),
        "opd": ("opd", "nama opd"),
        "penugasan": ("penugasan", "jenis penugasan"),
        "bertindak_untuk": ("bertindak untuk",),
        "mulai": ("mulai", "berlaku mulai"),
        "sampai": ("sampai", "berlaku sampai"),
    },
    required=frozenset({"username", "email", "peran"}),
    template="pengguna dan peran",
)
ROLES = {
    "penyusun": Role.DRAFTER,
    "penyusun opd": Role.DRAFTER,
    "drafter": Role.DRAFTER,
    "pemeriksa": Role.REVIEWER,
    "pemeriksa opd": Role.REVIEWER,
    "reviewer": Role.REVIEWER,
    "bagian organisasi": Role.BAGIAN_ORGANISASI,
}
OUTSIDE_ROLES = {"administrator", "admin", "kemenpan", "kemenpan rb", "ministry"}
ACTING = {
    "": "",
    "definitif": "",
    "plt": ActingKind.PLT,
    "plt.": ActingKind.PLT,
    "plh": ActingKind.PLH,
    "plh.": ActingKind.PLH,
}
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y")
_username_validator = UnicodeUsernameValidator()


@dataclass
class Entry:
    row: RowOutcome
    username: str
    name: str
    email: str
    role: str
    opd: OPD | None
    acting: str
    acting_for: str
    valid_from: datetime.date | None
    valid_until: datetime.date | None


def plan(rows: Rows, instansi: Instansi | None) -> Plan:
    preview = Preview(kind=ImportKind.PEOPLE)
    if instansi is None:
        preview.problems.append(ImportProblem(None, "Pengguna selalu diimpor ke satu instansi."))
        return Plan(preview, nothing_to_write)
    opds = {normalise(opd.name): opd for opd in OPD.objects.filter(instansi=instansi)}
    opds.update({normalise(o.short_name): o for o in opds.copy().values() if o.short_name})
    entries = [_entry(number, values, opds, preview) for number, values in rows]
    valid = [entry for entry in entries if entry is not None]
    _check_people_agree(valid)
    users = _existing_users(valid)
    _check_ownership(valid, users, instansi)
    assignments = _existing_assignments(users)
    new_users, changed_users, new_roles, changed_roles = _compare(instansi, valid, users, assignments)
    if not preview.ok:
        return Plan(preview, nothing_to_write)

    def write() -> Written:
        for user in new_users:
            user.set_unusable_password()
        User.objects.bulk_create(new_users)
        User.objects.bulk_update(changed_users, ["email", "first_name", "last_name"])
        created = {user.username: user for user in new_users}
        for assignment, username in new_roles:
            assignment.user = created.get(username) or users[username]
        RoleAssignment.objects.bulk_create([assignment for assignment, _ in new_roles])
        RoleAssignment.objects.bulk_update(changed_roles, ["acting_for", "valid_from", "valid_until"])
        touched = {user.pk for user in changed_users} | {a.user_id for a, _ in new_roles}
        touched |= {assignment.user_id for assignment in changed_roles}
        users_written_in_bulk.send(sender=RoleAssignment, user_ids=sorted(touched))
        return Written(new_user_ids=[user.pk for user in new_users])

    return Plan(preview, write)


def _entry(number: int, values: dict[str, Any], opds: dict[str, OPD], preview: Preview) -> Entry | None:
    username = text(values.get("username"))
    email = text(values.get("email")).lower()
    role_text = normalise(text(values.get("peran")))
    opd_text = text(values.get("opd"))
    row = RowOutcome(
        number, " - ".join(part for part in (username, text(values.get("peran")), opd_text) if part)
    )
    preview.rows.append(row)
    if not username:
        row.fail("Username wajib diisi.")
    else:
        try:
            _username_validator(username)
        except ValidationError:
            row.fail(f"Username '{username}' hanya boleh berisi huruf, angka, dan . @ + - _.")
        if len(username) > 150:
            row.fail("Username paling panjang 150 karakter.")
    try:
        validate_email(email)
    except ValidationError:
        row.fail(f"Alamat email '{email or '(kosong)'}' tidak sah.")
    role = ROLES.get(role_text)
    if role_text in OUTSIDE_ROLES:
        row.fail(
            "Peran ini di luar instansi; hanya penyusun, pemeriksa, dan Bagian Organisasi "
            "yang dapat diberikan."
        )
    elif role is None:
        row.fail(
            f"Peran '{text(values.get('peran')) or '(kosong)'}' tidak dikenal; "
            "isi penyusun, pemeriksa, atau bagian organisasi."
        )
    opd = opds.get(normalise(opd_text))
    if role in (Role.DRAFTER, Role.REVIEWER):
        if not opd_text:
            row.fail("Penyusun dan pemeriksa wajib terikat pada satu OPD; isi kolom opd.")
        elif opd is None:
            row.fail(f"OPD '{opd_text}' tidak ada di instansi ini.")
    elif role == Role.BAGIAN_ORGANISASI and opd_text:
        row.fail("Bagian Organisasi terikat pada instansi, bukan pada OPD; kosongkan kolom opd.")
    acting = ACTING.get(normalise(text(values.get("penugasan"))))
    if acting is None:
        row.fail("Penugasan harus definitif, Plt., atau Plh.")
    valid_from, valid_until = (
        _date(values.get("mulai"), row, "mulai"),
        _date(values.get("sampai"), row, "sampai"),
    )
    if acting and valid_until is None:
        row.fail("Penugasan Plt./Plh. wajib memiliki tanggal sampai.")
    if valid_from and valid_until and valid_until < valid_from:
        row.fail("Tanggal sampai tidak boleh sebelum tanggal mulai.")
    if not row.ok or role is None or acting is None:
        return None
    return Entry(
        row=row,
        username=username,
        name=" ".join(text(values.get("nama")).split())[:150],
        email=email,
        role=role,
        opd=opd if role != Role.BAGIAN_ORGANISASI else None,
        acting=acting,
        acting_for=text(values.get("bertindak_untuk"))[:255],
        valid_from=valid_from,
        valid_until=valid_until,
    )


def _date(value: Any, row: RowOutcome, column: str) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    written = text(value)
    if not written:
        return None
    for pattern in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(written, pattern).date()
        except ValueError:
            continue
    row.fail(f"Tanggal {column} '{written}' tidak dikenal; tulis seperti 2026-01-31 atau 31/01/2026.")
    return None


def _check_people_agree(entries: list[Entry]) -> None:
    """Rows of one username agree on name and email; an email belongs to one username."""
    first: dict[str, Entry] = {}
    owner_of_email: dict[str, Entry] = {}
    for entry in entries:
        earlier = first.setdefault(entry.username.lower(), entry)
        if earlier is not entry and (earlier.email, earlier.name) != (entry.email, entry.name):
            entry.row.fail(
                f"Username {entry.username} di baris {earlier.row.row} berisi nama atau email lain."
            )
        owner = owner_of_email.setdefault(entry.email, entry)
        if owner.username.lower() != entry.username.lower():
            entry.row.fail(
                f"Email {entry.email} sudah dipakai username {owner.username} di baris {owner.row.row}."
            )


def _existing_users(entries: list[Entry]) -> dict[str, User]:
    usernames = {entry.username for entry in entries}
    emails = {entry.email for entry in entries}
    users = {user.username: user for user in User.objects.filter(username__in=usernames)}
    by_email = {user.email.lower(): user for user in User.objects.filter(email__in=emails)}
    for entry in entries:
        other = by_email.get(entry.email)
        if other is not None and other.username != entry.username:
            entry.row.fail(f"Email {entry.email} sudah dipakai pengguna lain ({other.username}).")
    return users


def _check_ownership(entries: list[Entry], users: dict[str, User], instansi: Instansi) -> None:
    """An existing user is changed only when every role he holds lies in this instansi."""
    ids = [user.pk for user in users.values()]
    outside = set(
        RoleAssignment.objects.filter(user_id__in=ids)
        .exclude(opd__instansi=instansi)
        .exclude(instansi=instansi)
        .values_list("user_id", flat=True)
    )
    for entry in entries:
        user = users.get(entry.username)
        if user is not None and (user.pk in outside or user.is_superuser or user.is_staff):
            entry.row.fail(
                f"Pengguna {entry.username} memegang peran di luar instansi ini; tidak diubah dari sini."
            )


def _existing_assignments(users: dict[str, User]) -> dict[tuple[int, str, int | None, str], RoleAssignment]:
    assignments = RoleAssignment.objects.filter(user_id__in=[user.pk for user in users.values()]).order_by(
        "pk"
    )
    return {(a.user_id, a.role, a.opd_id, a.acting): a for a in assignments}


def _compare(
    instansi: Instansi,
    entries: list[Entry],
    users: dict[str, User],
    assignments: dict[tuple[int, str, int | None, str], RoleAssignment],
) -> tuple[list[User], list[User], list[tuple[RoleAssignment, str]], list[RoleAssignment]]:
    new_users: dict[str, User] = {}
    changed_users: dict[str, User] = {}
    new_roles: list[tuple[RoleAssignment, str]] = []
    changed_roles: list[RoleAssignment] = []
    for entry in entries:
        if not entry.row.ok:
            continue
        user = users.get(entry.username)
        notes: list[str] = []
        if user is None:
            if entry.username not in new_users:
                new_users[entry.username] = User(
                    username=entry.username, email=entry.email, first_name=entry.name
                )
            entry.row.outcome = Outcome.NEW
        else:
            if (user.email.lower(), user.get_full_name()) != (entry.email, entry.name):
                notes.append("nama atau email diperbarui")
                user.email, user.first_name, user.last_name = entry.email, entry.name, ""
                changed_users[user.username] = user
        assignment = (
            assignments.get((user.pk, entry.role, entry.opd.pk if entry.opd else None, entry.acting))
            if user
            else None
        )
        if assignment is None:
            new_roles.append((_assignment(entry, instansi), entry.username))
            if user is not None:
                entry.row.outcome = Outcome.NEW
        else:
            period = (entry.acting_for, entry.valid_from, entry.valid_until)
            if (assignment.acting_for, assignment.valid_from, assignment.valid_until) != period:
                notes.append("masa berlaku atau jabatan yang dilaksanakan berubah")
                assignment.acting_for, assignment.valid_from, assignment.valid_until = period
                changed_roles.append(assignment)
        if notes and entry.row.outcome != Outcome.NEW:
            entry.row.outcome, entry.row.notes = Outcome.CHANGED, notes
    return list(new_users.values()), list(changed_users.values()), new_roles, changed_roles


def _assignment(entry: Entry, instansi: Instansi) -> RoleAssignment:
    return RoleAssignment(
        role=entry.role,
        opd=entry.opd,
        instansi=instansi if entry.opd is None else None,
        acting=entry.acting,
        acting_for=entry.acting_for,
        valid_from=entry.valid_from,
        valid_until=entry.valid_until,
    )


SPEC = ImportSpec(
    kind=ImportKind.PEOPLE,
    columns=COLUMNS,
    examples=(
        (
            "dinkes.penyusun1",
            "Siti Rahmawati",
            "siti@example.go.id",
            "penyusun",
            "Dinas Kesehatan",
            "",
            "",
            "",
            "",
        ),
        (
            "dinkes.kepala",
            "Budi Santoso",
            "budi@example.go.id",
            "pemeriksa",
            "Dinas Kesehatan",
            "",
            "",
            "",
            "",
        ),
        (
            "dinkes.sekretaris",
            "Ani Lestari",
            "ani@example.go.id",
            "pemeriksa",
            "Dinas Kesehatan",
            "Plt.",
            "Kepala Dinas Kesehatan",
            "2026-01-01",
            "2026-06-30",
        ),
        ("organisasi.kasubag", "Dewi Kartika", "dewi@example.go.id", "bagian organisasi", "", "", "", "", ""),
    ),
    plan=plan,
)
