"""Writes the demo world (organisations, positions, people, roles, drafting rounds) into the database."""

from __future__ import annotations

import datetime

from django.contrib.auth.models import User
from django.utils import timezone

from demo import world
from demo.loading import ensure
from submissions.models import OPD, Instansi, Position, RoleAssignment, Urusan
from workflow.models import DraftingRound


def load_world() -> None:
    for data in world.INSTANSI:
        ensure(Instansi, {"name": data.name}, {"kind": data.kind, "time_zone": data.time_zone})
    for opd_data in world.OPDS:
        ensure(
            OPD,
            {"instansi": Instansi.objects.get(name=opd_data.instansi), "name": opd_data.name},
            {"short_name": opd_data.short_name},
        )
    for (instansi_name, opd_name), positions in world.POSITIONS.items():
        opd = demo_opd(instansi_name, opd_name)
        for position in positions:
            _load_position(opd, position)
    for user in world.USERS:
        _load_user(user)
    _load_drafting_rounds(timezone.localdate())


def demo_opd(instansi_name: str, opd_name: str) -> OPD:
    return OPD.objects.get(instansi__name=instansi_name, name=opd_name)


def _load_position(opd: OPD, data: world.PositionData) -> Position:
    position = ensure(
        Position,
        {"opd": opd, "name": data.name, "sub_unit": data.sub_unit},
        {"kind": data.kind, "rank": data.rank},
    )
    urusan = [Urusan.objects.get_or_create(name=name)[0] for name in data.urusan]
    # set() only adds and removes the difference, so a second run writes nothing.
    position.urusan.set(urusan)
    return position


def _load_user(data: world.UserData) -> User:
    superuser = data.username in world.SUPERUSERS
    user = ensure(
        User,
        {"username": data.username},
        {
            "first_name": data.first_name,
            "last_name": data.last_name,
            "email": data.email,
            "is_staff": superuser,
            "is_superuser": superuser,
            "is_active": True,
        },
    )
    # Hashing is deliberately slow: only hash again when the stored password is not the demo one.
    if not user.has_usable_password() or not user.check_password(world.DEMO_PASSWORD):
        user.set_password(world.DEMO_PASSWORD)
        user.save(update_fields=["password"])
    opd = demo_opd(data.instansi, data.opd) if data.opd else None
    instansi = Instansi.objects.get(name=data.instansi) if data.instansi and not opd else None
    RoleAssignment.objects.get_or_create(user=user, role=data.role, opd=opd, instansi=instansi, acting="")
    return user


def _load_drafting_rounds(today: datetime.date) -> None:
    for name in world.DRAFTING_ROUND_INSTANSI:
        # Keyed on instansi and name only: a later run keeps the deadline set on the first day.
        DraftingRound.objects.get_or_create(
            instansi=Instansi.objects.get(name=name),
            name=world.DRAFTING_ROUND_NAME,
            defaults={
                "opened_at": today,
                "deadline": today + datetime.timedelta(weeks=world.DRAFTING_ROUND_WEEKS),
            },
        )
