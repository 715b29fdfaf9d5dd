"""Consistency across OPDs: positions of the same name and kind whose standards differ.

Regions copy positions across units ("Sekretaris", "Pengadministrasi Umum", "Analis Kebijakan");
their standards should agree unless the work differs. While verifying, Bagian Organisasi sees the
peers of a document side by side; the report lists every group of peers that disagree. A peer's
standard is its open version, else its approved one. Reads a bounded number of queries per call.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from submissions.models import CompetencyRow, Instansi, Position, RequirementRow, Submission
from workflow.machine import ACTIVE_STATES, State


@dataclass
class Standard:
    submission_id: int
    position_id: int
    position: str
    opd: str
    state: str
    levels: dict[str, int] = field(default_factory=dict)  # competency name -> level
    requirements: set[tuple[str, str, str]] = field(default_factory=set)


@dataclass
class Difference:
    peer: Standard
    levels: list[tuple[str, int | None, int | None]]  # (competency, this one's level, the peer's)
    requirements_only_here: list[str]
    requirements_only_there: list[str]

    @property
    def any(self) -> bool:
        return bool(self.levels or self.requirements_only_here or self.requirements_only_there)


@dataclass
class PeerGroup:
    name: str
    kind_label: str
    base: Standard
    differences: list[Difference]


def _key(position: Position) -> tuple[str, str, str]:
    return (" ".join(position.name.lower().split()), position.kind, position.rank)


def _current(submissions: list[Submission]) -> Submission | None:
    open_ones = [s for s in submissions if s.state in ACTIVE_STATES]
    approved = [s for s in submissions if s.state == State.APPROVED]
    chosen = open_ones or approved
    return chosen[0] if chosen else None


def _standards(positions: list[Position]) -> dict[int, Standard]:
    """The current standard of each position, with its levels and requirements (three queries)."""
    by_position: dict[int, list[Submission]] = defaultdict(list)
    names = {p.pk: p for p in positions}
    for submission in Submission.objects.filter(position__in=positions).exclude(state=State.SUPERSEDED):
        by_position[submission.position_id].append(submission)
    standards: dict[int, Standard] = {}
    chosen: list[tuple[Submission, Standard]] = []
    for position_id, submissions in by_position.items():
        current = _current(submissions)
        if current is None:
            continue
        position = names[position_id]
        standards[current.pk] = Standard(
            current.pk, position_id, position.name, position.opd.name, current.state
        )
        chosen.append((current, standards[current.pk]))
    # Documents that share a set read its rows once.
    by_competency_set: dict[int, list[Standard]] = defaultdict(list)
    by_requirement_set: dict[int, list[Standard]] = defaultdict(list)
    for current, standard in chosen:
        if current.competency_set_id is not None:
            by_competency_set[current.competency_set_id].append(standard)
        if current.requirement_set_id is not None:
            by_requirement_set[current.requirement_set_id].append(standard)
    competencies = CompetencyRow.objects.filter(set_id__in=by_competency_set)
    for set_id, name, level in competencies.values_list("set_id", "text__name", "level"):
        for standard in by_competency_set[set_id]:
            standard.levels[name] = level
    requirements = RequirementRow.objects.filter(set_id__in=by_requirement_set)
    for set_id, section, text, importance in requirements.values_list(
        "set_id", "section", "text", "importance"
    ):
        for standard in by_requirement_set[set_id]:
            standard.requirements.add((section, " ".join(text.split()), importance))
    return {standard.position_id: standard for standard in standards.values()}


def compare(base: Standard, peer: Standard) -> Difference:
    names = sorted(set(base.levels) | set(peer.levels))
    levels = [
        (name, base.levels.get(name), peer.levels.get(name))
        for name in names
        if base.levels.get(name) != peer.levels.get(name)
    ]
    return Difference(
        peer=peer,
        levels=levels,
        requirements_only_here=sorted(
            f"{text} ({importance})" for _, text, importance in base.requirements - peer.requirements
        ),
        requirements_only_there=sorted(
            f"{text} ({importance})" for _, text, importance in peer.requirements - base.requirements
        ),
    )


def differing_peers(submission: Submission) -> list[Difference]:
    """Positions of the same name and kind in other OPDs of the instansi whose standard differs."""
    position = submission.position
    candidates = list(
        Position.objects.filter(
            opd__instansi_id=position.opd.instansi_id, kind=position.kind, rank=position.rank
        )
        .filter(name__iexact=position.name)
        .select_related("opd")
    )
    peers = [p for p in candidates if _key(p) == _key(position)]
    standards = _standards(peers)
    mine = standards.get(position.pk)
    if mine is None or mine.submission_id != submission.pk:
        mine = _standards([position]).get(position.pk)
    if mine is None:
        return []
    differences = [
        compare(mine, standard)
        for position_id, standard in standards.items()
        if position_id != position.pk and standard.opd != mine.opd
    ]
    return [difference for difference in differences if difference.any]


def consistency_report(instansi: Instansi) -> list[PeerGroup]:
    """Every group of same-named, same-kind positions across OPDs whose standards disagree."""
    positions = list(Position.objects.filter(opd__instansi=instansi, active=True).select_related("opd"))
    groups: dict[tuple[str, str, str], list[Position]] = defaultdict(list)
    for position in positions:
        groups[_key(position)].append(position)
    shared = [members for members in groups.values() if len({p.opd_id for p in members}) > 1]
    standards = _standards([p for members in shared for p in members])
    report = []
    for members in shared:
        present = [standards[p.pk] for p in sorted(members, key=lambda p: p.opd.name) if p.pk in standards]
        if len(present) < 2:
            continue
        base, *others = present
        differences = [d for d in (compare(base, other) for other in others) if d.any]
        if differences:
            report.append(PeerGroup(members[0].name, members[0].kind_label, base, differences))
    return sorted(report, key=lambda group: group.name)
