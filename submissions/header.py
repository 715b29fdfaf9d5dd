"""The header of a standard (DOMAIN.md items 1-5), live or as captured into the version.

A version captures its header when it leaves `draft` and again when it is approved. An approved or
superseded version is shown, served and exported with what it captured, so renaming a position
or changing its urusan afterwards changes only its next version; a version still in progress
follows the live position.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from submissions.models.positions import FunctionalRank, PositionKind
from workflow.machine import State

if TYPE_CHECKING:
    from submissions.models import Submission

FROZEN_STATES = (State.APPROVED, State.SUPERSEDED)


@dataclass(frozen=True)
class Header:
    position_name: str
    kind: str
    rank: str
    urusan: tuple[str, ...]
    code: str
    sub_unit: str
    opd_name: str
    instansi_name: str

    @property
    def kind_label(self) -> str:
        label = PositionKind(self.kind).label if self.kind in PositionKind.values else self.kind
        if self.rank in FunctionalRank.values:
            return f"{label} {FunctionalRank(self.rank).label}"
        return label

    @property
    def unit(self) -> str:
        return ", ".join(part for part in (self.sub_unit.strip(), self.opd_name, self.instansi_name) if part)

    def as_dict(self) -> dict[str, Any]:
        values = asdict(self)
        values["urusan"] = list(self.urusan)
        return values


def live_header(submission: Submission) -> Header:
    """What the position says today (reads the urusan: prefetch `position__urusan` for lists)."""
    position = submission.position
    opd = position.opd
    return Header(
        position_name=position.name,
        kind=position.kind,
        rank=position.rank,
        urusan=tuple(sorted(item.name for item in position.urusan.all())),
        code=position.code.strip(),
        sub_unit=position.sub_unit,
        opd_name=opd.name,
        instansi_name=opd.instansi.name,
    )


def capture_header(submission: Submission) -> None:
    """Store the live header in the version (does not save)."""
    submission.header = live_header(submission).as_dict()


def header_of(submission: Submission) -> Header:
    """The header every page, API response and export shows for this version."""
    return frozen_header(submission) or live_header(submission)


def frozen_header(submission: Submission) -> Header | None:
    """The captured header of an approved or superseded version (None: it follows the position).

    Costs no query, so lists may call it for every row.
    """
    captured = submission.header
    if submission.state not in FROZEN_STATES or not captured:
        return None
    values = {name: str(captured.get(name) or "") for name in _TEXT_FIELDS}
    return Header(**values, urusan=tuple(str(u) for u in captured.get("urusan") or ()))


_TEXT_FIELDS = tuple(name for name in Header.__dataclass_fields__ if name != "urusan")
