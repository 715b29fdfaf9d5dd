"""What happens to each generated position: its kind, the versions of its standard, their history.

A plan depends only on the position's index and the seed, so a top-up continues the same sequence
and two runs with the same numbers build the same data. Timestamps are spread over the past so lists
sorted by date, overdue filters and deadlines behave as they would after months of real use.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field

from submissions.models import FunctionalRank, PositionKind
from workflow.machine import TRANSITIONS, Actor, Kind, State

DAY = datetime.timedelta(days=1)
HOUR = datetime.timedelta(hours=1)

# (states of the position's versions, oldest first; weight). Weights give roughly: a third of the
# documents still in the workflow, a third approved, the rest superseded or being revised.
PLAN_WEIGHTS: tuple[tuple[tuple[State, ...], int], ...] = (
    ((State.DRAFT,), 25),
    ((State.OPD_REVIEW,), 12),
    ((State.COMPILATION,), 12),
    ((State.MINISTRY_CONSULTATION,), 8),
    ((State.APPROVED,), 28),
    ((State.SUPERSEDED, State.APPROVED), 8),
    ((State.APPROVED, State.DRAFT), 7),
)
# Log entries that are not transitions: a document starts in draft.
_STARTS = ("create", "start_revision")
# Which member of a generated OPD's cast acts as each actor (the system's steps go to organisasi).
_CAST_OF = {
    Actor.OPD_DRAFTER: "drafter",
    Actor.SUBMITTER: "drafter",
    Actor.OPD_REVIEWER: "reviewer",
    Actor.BAGIAN_ORGANISASI: "organisasi",
}


def _forward_path() -> dict[State, tuple[str, ...]]:
    """The steps that advance a new draft to each state, read from the transition table."""
    paths: dict[State, tuple[str, ...]] = {State.DRAFT: ()}
    state = State.DRAFT
    advances = {step.source: step for step in TRANSITIONS.values() if step.kind is Kind.ADVANCE}
    while advance := advances.get(state):
        paths[advance.target] = (*paths[state], advance.name)
        state = advance.target
    return paths


FORWARD_PATH = _forward_path()
STEP_STATES: dict[str, tuple[str, str]] = {
    **dict.fromkeys(_STARTS, ("", State.DRAFT)),
    **{name: (step.source, step.target) for name, step in TRANSITIONS.items()},
}
STEP_ACTOR: dict[str, str] = {
    **dict.fromkeys(_STARTS, "drafter"),
    **{name: _CAST_OF[step.actors[0]] if step.actors else "organisasi" for name, step in TRANSITIONS.items()},
}
# Calendar days a stage typically lasts (about 1.4 x its working-day budget in settings).
STAGE_DAYS = {
    State.DRAFT: 14,
    State.OPD_REVIEW: 7,
    State.COMPILATION: 14,
    State.MINISTRY_CONSULTATION: 42,
}
KIND_WEIGHTS = (
    (PositionKind.PELAKSANA, 35),
    (PositionKind.FUNGSIONAL, 30),
    (PositionKind.PENGAWAS, 15),
    (PositionKind.ADMINISTRATOR, 12),
    (PositionKind.JPT_PRATAMA, 8),
)
TITLES = {
    PositionKind.PELAKSANA: ("Pengadministrasi Perkantoran", "Pengolah Data dan Informasi", "Penata Layanan"),
    PositionKind.FUNGSIONAL: ("Analis Kebijakan", "Pranata Komputer", "Perencana", "Arsiparis", "Auditor"),
    PositionKind.PENGAWAS: ("Kepala Seksi Pelayanan", "Kepala Subbagian Umum", "Kepala Seksi Data"),
    PositionKind.ADMINISTRATOR: ("Kepala Bidang Pelayanan", "Sekretaris", "Kepala Bidang Perencanaan"),
    PositionKind.JPT_PRATAMA: ("Kepala Dinas", "Kepala Badan", "Staf Ahli Bupati"),
}
SKILLED_RANKS = (FunctionalRank.PENYELIA, FunctionalRank.MAHIR, FunctionalRank.TERAMPIL)
EXPERT_RANKS = (FunctionalRank.AHLI_MADYA, FunctionalRank.AHLI_MUDA, FunctionalRank.AHLI_PERTAMA)


@dataclass(frozen=True)
class Step:
    name: str
    at: datetime.datetime
    round: int

    @property
    def from_state(self) -> str:
        return STEP_STATES[self.name][0]

    @property
    def to_state(self) -> str:
        return STEP_STATES[self.name][1]


@dataclass
class VersionPlan:
    state: State
    version: int
    round: int
    entered_at: datetime.datetime  # when it entered its current state
    content_revision: int
    steps: list[Step] = field(default_factory=list)

    @property
    def created_at(self) -> datetime.datetime:
        return self.steps[0].at

    def approved_at(self) -> datetime.datetime | None:
        return next((s.at for s in self.steps if s.name == "ministry_agree"), None)


@dataclass
class PositionPlan:
    index: int
    kind: str
    rank: str
    name: str
    versions: list[VersionPlan]


def plan_position(index: int, seed: int, now: datetime.datetime, single: bool = False) -> PositionPlan:
    """The plan of the `index`-th scale position; `single` keeps only its newest version."""
    rng = random.Random(seed * 1_000_003 + index)
    kind = rng.choices([k for k, _ in KIND_WEIGHTS], [w for _, w in KIND_WEIGHTS])[0]
    rank = _rank(rng) if kind == PositionKind.FUNGSIONAL else ""
    title = rng.choice(TITLES[PositionKind(kind)])
    rank_label = f" {FunctionalRank(rank).label}" if rank else ""
    states = rng.choices([p for p, _ in PLAN_WEIGHTS], [w for _, w in PLAN_WEIGHTS])[0]
    if single:
        states = states[-1:]
    newest = _version(rng, states[-1], len(states), now - _age(rng, states[-1]))
    versions = [newest]
    if len(states) == 2:
        versions.insert(0, _older_version(rng, states[0], newest))
    return PositionPlan(index, kind, rank, f"{title}{rank_label} (formasi {index:06d})", versions)


def _rank(rng: random.Random) -> str:
    return rng.choice(EXPERT_RANKS if rng.random() < 0.7 else SKILLED_RANKS)


def _age(rng: random.Random, state: State) -> datetime.timedelta:
    """How long ago the version entered its state; about a third of active ones end up overdue."""
    if state in STAGE_DAYS:
        return rng.uniform(0, STAGE_DAYS[state] * 1.5) * DAY
    return rng.uniform(5, 400) * DAY


def _version(rng: random.Random, state: State, version: int, entered_at: datetime.datetime) -> VersionPlan:
    rounds = 1 + (rng.random() < 0.25) + (rng.random() < 0.08)
    path = FORWARD_PATH[State.APPROVED if state == State.SUPERSEDED else state]
    names = ["submit", "return_to_drafter"] * (rounds - 1) + list(path)
    steps = _timeline(rng, ["start_revision" if version > 1 else "create", *names], entered_at)
    return VersionPlan(state, version, rounds, entered_at, rng.randint(1, 12), steps)


def _older_version(rng: random.Random, state: State, newest: VersionPlan) -> VersionPlan:
    """Version 1 of a two-version position: approved well before version 2 was started."""
    approved = newest.created_at - rng.uniform(30, 400) * DAY
    older = _version(rng, State.APPROVED, 1, approved)
    if state == State.SUPERSEDED:
        replaced = newest.approved_at() or newest.entered_at
        older.steps.append(Step("supersede", replaced, older.round))
        older.state, older.entered_at = State.SUPERSEDED, replaced
    return older


def _timeline(rng: random.Random, names: list[str], end: datetime.datetime) -> list[Step]:
    """Steps spaced one to five days apart, the last one at `end`; rounds count the send-backs."""
    times = [end]
    for _ in names[1:]:
        times.append(times[-1] - rng.uniform(1, 5) * DAY)
    times.reverse()
    steps, current = [], 1
    for name, at in zip(names, times, strict=True):
        if name == "return_to_drafter":
            current += 1
        steps.append(Step(name, at, current))
    return steps


def deadline_fields(plan: VersionPlan, rng: random.Random, now: datetime.datetime) -> dict[str, object]:
    """due_at, the reminder schedule and the counters of a version in its current stage.

    Nothing is due right after seeding: a reminder already passed is replaced by the next daily
    escalation within a day, so the reminder benchmark decides itself how many items are due.
    """
    if plan.state not in STAGE_DAYS:
        return {"due_at": None, "next_reminder_at": None, "reminders_sent": 0, "escalations_sent": 0}
    due_at = plan.entered_at + STAGE_DAYS[plan.state] * DAY
    first_reminder = due_at - 2 * DAY
    overdue_days = max(0, (now - due_at).days)
    return {
        "due_at": due_at,
        "next_reminder_at": first_reminder if first_reminder > now else now + rng.uniform(1, 24) * HOUR,
        "reminders_sent": 0 if first_reminder > now else (2 if now > due_at else 1),
        "escalations_sent": min(overdue_days, 5),
    }
