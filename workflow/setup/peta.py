"""The peta jabatan as a tree per OPD, with headcount, each standard's state, and coverage.

Coverage is the share of active positions whose standard is approved, and of those enacted by
decree: per OPD and for the instansi (the figure a merit-system assessment asks for). Three
queries for the whole instansi, whatever its size.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from submissions.models import OPD, Position, Submission
from workflow.machine import ACTIVE_STATES, State

if TYPE_CHECKING:
    from submissions.models import Instansi

NOT_STARTED = "Belum disusun"


@dataclass
class Node:
    id: int
    name: str
    sub_unit: str
    kind: str
    kind_label: str
    bezetting: int
    kebutuhan: int
    state: str
    state_label: str
    approved: bool
    enacted: bool
    depth: int = 0
    children: list[Node] = field(default_factory=list)

    @property
    def gap(self) -> int:
        """Bezetting minus kebutuhan: negative when the position lacks people."""
        return self.bezetting - self.kebutuhan

    def as_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "name": self.name,
            "sub_unit": self.sub_unit,
            "kind": self.kind,
            "kind_label": self.kind_label,
            "bezetting": self.bezetting,
            "kebutuhan": self.kebutuhan,
            "state": self.state,
            "state_label": self.state_label,
            "approved": self.approved,
            "enacted": self.enacted,
            "children": [child.as_dict() for child in self.children],
        }


@dataclass
class Coverage:
    positions: int = 0
    approved: int = 0
    enacted: int = 0
    bezetting: int = 0
    kebutuhan: int = 0

    @property
    def approved_percent(self) -> float:
        return round(100 * self.approved / self.positions, 1) if self.positions else 0.0

    @property
    def enacted_percent(self) -> float:
        return round(100 * self.enacted / self.positions, 1) if self.positions else 0.0

    def add(self, node: Node) -> None:
        self.positions += 1
        self.approved += node.approved
        self.enacted += node.enacted
        self.bezetting += node.bezetting
        self.kebutuhan += node.kebutuhan

    def as_dict(self) -> dict[str, object]:
        return {
            "positions": self.positions,
            "approved": self.approved,
            "enacted": self.enacted,
            "approved_percent": self.approved_percent,
            "enacted_percent": self.enacted_percent,
            "bezetting": self.bezetting,
            "kebutuhan": self.kebutuhan,
        }


@dataclass
class OpdMap:
    id: int
    name: str
    active: bool
    roots: list[Node] = field(default_factory=list)
    coverage: Coverage = field(default_factory=Coverage)

    def rows(self) -> list[Node]:
        """The tree flattened depth-first, each node with its depth (for an indented table)."""
        flat: list[Node] = []

        def walk(nodes: list[Node], depth: int) -> None:
            for node in nodes:
                node.depth = depth
                flat.append(node)
                walk(node.children, depth + 1)

        walk(self.roots, 0)
        return flat

    def as_dict(self, *, with_tree: bool = True) -> dict[str, object]:
        data: dict[str, object] = {"id": self.id, "name": self.name, "active": self.active}
        data["coverage"] = self.coverage.as_dict()
        if with_tree:
            data["positions"] = [node.as_dict() for node in self.roots]
        return data


@dataclass
class PetaJabatan:
    instansi: str
    opds: list[OpdMap]
    coverage: Coverage


def peta_jabatan(instansi: Instansi, *, opd_id: int | None = None) -> PetaJabatan:
    opds = OPD.objects.filter(instansi=instansi).order_by("name")
    positions = Position.objects.filter(opd__instansi=instansi, active=True).order_by("name", "sub_unit")
    if opd_id is not None:
        opds, positions = opds.filter(pk=opd_id), positions.filter(opd_id=opd_id)
    states = _standard_states(instansi, opd_id)
    maps = {opd.pk: OpdMap(opd.pk, opd.name, opd.active) for opd in opds}
    nodes: dict[int, Node] = {}
    parents: dict[int, int | None] = {}
    opd_of: dict[int, int] = {}
    for position in positions:
        state, approved, enacted = states.get(position.pk, ("", False, False))
        nodes[position.pk] = Node(
            id=position.pk,
            name=position.name,
            sub_unit=position.sub_unit,
            kind=position.kind,
            kind_label=position.kind_label,
            bezetting=position.bezetting,
            kebutuhan=position.kebutuhan,
            state=state,
            state_label=State(state).label if state else NOT_STARTED,
            approved=approved,
            enacted=enacted,
        )
        parents[position.pk], opd_of[position.pk] = position.parent_id, position.opd_id
        maps[position.opd_id].coverage.add(nodes[position.pk])
    for position_id, node in nodes.items():
        parent = nodes.get(parents[position_id] or 0)
        if parent is not None:
            parent.children.append(node)
        else:
            maps[opd_of[position_id]].roots.append(node)
    total = Coverage()
    for opd_map in maps.values():
        for name in ("positions", "approved", "enacted", "bezetting", "kebutuhan"):
            setattr(total, name, getattr(total, name) + getattr(opd_map.coverage, name))
    return PetaJabatan(instansi.name, list(maps.values()), total)


def _standard_states(instansi: Instansi, opd_id: int | None) -> dict[int, tuple[str, bool, bool]]:
    """Per position: the state to show (the open version's, else approved) and its coverage flags."""
    submissions = Submission.objects.filter(instansi=instansi).exclude(state=State.SUPERSEDED)
    if opd_id is not None:
        submissions = submissions.filter(opd_id=opd_id)
    result: dict[int, tuple[str, bool, bool]] = {}
    # Enacted as the standards in force read it: an approved version with an enactment by a decree.
    enacted_ids = set(
        submissions.filter(state=State.APPROVED, enactment__isnull=False).values_list("pk", flat=True)
    )
    for pk, position_id, state in submissions.values_list("pk", "position_id", "state"):
        shown, approved, enacted = result.get(position_id, ("", False, False))
        if state == State.APPROVED:
            approved, enacted = True, enacted or pk in enacted_ids
            shown = shown or state
        elif state in ACTIVE_STATES:
            shown = state
        result[position_id] = (shown, approved, enacted)
    return result
