"""An SVG picture of the state machine, drawn from its declaration (no Graphviz needed).

The states sit at fixed places (`LAYOUT`); the arrows come from the transition table
(`workflow.machine.TRANSITIONS`), so a transition added to the machine appears in the picture by itself.
Forward steps are solid, send-backs (which start a new round) dashed, internal steps dotted.
The output is deterministic, so `docs/state-machine.svg` can be compared with a fresh rendering.
"""

from __future__ import annotations

import textwrap
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from workflow.machine import TRANSITIONS, State, Step

SVG_NS = "http://www.w3.org/2000/svg"
TITLE = gettext_noop("Alur status dokumen SKJ")

BOX_W, BOX_H, GAP = 180, 70, 120
LEFT, TOP_ROW_Y, ROW_STEP = 70, 270, 180
WIDTH, HEIGHT = LEFT + 4 * BOX_W + 3 * GAP + 40, 640

# (column, row) of each state: the procedure reads left to right, the outcomes sit below.
LAYOUT: dict[str, tuple[int, int]] = {
    State.DRAFT: (0, 0),
    State.OPD_REVIEW: (1, 0),
    State.COMPILATION: (2, 0),
    State.MINISTRY_CONSULTATION: (3, 0),
    State.APPROVED: (3, 1),
    State.SUPERSEDED: (2, 1),
}

STYLES = {
    "forward": {"stroke": "#1f3a68", "stroke-width": "2"},
    "send_back": {"stroke": "#a4262c", "stroke-width": "2", "stroke-dasharray": "8 5"},
    "internal": {"stroke": "#5c5c5c", "stroke-width": "2", "stroke-dasharray": "2 4"},
}
LEGEND = {
    "forward": gettext_noop("Maju ke tahap berikutnya"),
    "send_back": gettext_noop("Dikembalikan untuk diperbaiki (putaran baru)"),
    "internal": gettext_noop("Dilakukan sistem"),
}
FONT = "DejaVu Sans, Arial, sans-serif"
MONO = "DejaVu Sans Mono, monospace"


@dataclass(frozen=True)
class Edge:
    name: str
    source: str
    target: str
    label: str
    style: str


@dataclass(frozen=True)
class Box:
    x: int
    y: int

    @property
    def mid_x(self) -> float:
        return self.x + BOX_W / 2

    @property
    def mid_y(self) -> float:
        return self.y + BOX_H / 2


def declared_edges() -> list[Edge]:
    """The transitions of the machine's table, in the order of the procedure."""
    return [_edge(step) for step in TRANSITIONS.values()]


def _edge(step: Step) -> Edge:
    style = "send_back" if step.send_back else "internal" if step.internal else "forward"
    return Edge(step.name, str(step.source), str(step.target), _(step.label), style)


def box_of(state: str) -> Box:
    column, row = LAYOUT[state]
    return Box(LEFT + column * (BOX_W + GAP), TOP_ROW_Y + row * ROW_STEP)


def render_svg(edges: list[Edge] | None = None) -> str:
    edges = declared_edges() if edges is None else edges
    root = _root(edges)
    _defs(root)
    _text(root, WIDTH / 2, 34, [_(TITLE)], size=20, weight="bold", anchor="middle")
    edges_group = ET.SubElement(root, "g", {"id": "transitions"})
    _draw_edges(edges_group, edges)
    states_group = ET.SubElement(root, "g", {"id": "states"})
    _draw_start(states_group)
    for state in State:
        _draw_state(states_group, state)
    _draw_legend(root)
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _root(edges: list[Edge]) -> ET.Element:
    root = ET.Element(
        "svg",
        {
            "xmlns": SVG_NS,
            "width": str(WIDTH),
            "height": str(HEIGHT),
            "viewBox": f"0 0 {WIDTH} {HEIGHT}",
            "role": "img",
            "aria-labelledby": "diagram-title diagram-desc",
            "font-family": FONT,
        },
    )
    ET.SubElement(root, "title", {"id": "diagram-title"}).text = _(TITLE)
    ET.SubElement(root, "desc", {"id": "diagram-desc"}).text = _description(edges)
    ET.SubElement(root, "rect", {"width": "100%", "height": "100%", "fill": "#ffffff"})
    return root


def _description(edges: Iterable[Edge]) -> str:
    states = "; ".join(f"{_(state.label)} ({state.value})" for state in State)
    steps = " ".join(
        _("%(step)s (%(name)s): dari %(source)s ke %(target)s")
        % {
            "step": edge.label,
            "name": edge.name,
            "source": _(State(edge.source).label),
            "target": _(State(edge.target).label),
        }
        + (_(", dokumen dikembalikan") if edge.style == "send_back" else "")
        + "."
        for edge in edges
    )
    return _("Status dokumen: %(states)s. Dokumen baru dimulai sebagai Draf. Transisi: %(steps)s") % {
        "states": states,
        "steps": steps,
    }


def _defs(root: ET.Element) -> None:
    defs = ET.SubElement(root, "defs")
    for style, attributes in STYLES.items():
        marker = ET.SubElement(
            defs,
            "marker",
            {
                "id": f"arrow-{style}",
                "viewBox": "0 0 10 10",
                "refX": "9",
                "refY": "5",
                "markerWidth": "8",
                "markerHeight": "8",
                "orient": "auto-start-reverse",
            },
        )
        ET.SubElement(marker, "path", {"d": "M 0 0 L 10 5 L 0 10 z", "fill": attributes["stroke"]})


def _draw_state(parent: ET.Element, state: State) -> None:
    box = box_of(state)
    final = state in (State.APPROVED, State.SUPERSEDED)
    group = ET.SubElement(parent, "g", {"id": f"state-{state.value}", "class": "state"})
    rect = {"x": str(box.x), "y": str(box.y), "width": str(BOX_W), "height": str(BOX_H), "rx": "10"}
    colours = {"fill": "#eef7ee" if final else "#eef2fa", "stroke": "#2f4f2f" if final else "#1f3a68"}
    ET.SubElement(group, "rect", {**rect, **colours, "stroke-width": "2"})
    lines = _wrap(_(state.label), 18)
    first_y = box.mid_y - 7 * len(lines) + 4
    _text(group, box.mid_x, first_y, lines, size=13, weight="bold", anchor="middle")
    _text(group, box.mid_x, first_y + 15 * len(lines), [state.value], size=10, anchor="middle", mono=True)


def _draw_start(parent: ET.Element) -> None:
    box = box_of(State.DRAFT)
    group = ET.SubElement(parent, "g", {"id": "start", "role": "img", "aria-label": _("Awal")})
    ET.SubElement(group, "circle", {"cx": str(LEFT - 40), "cy": str(box.mid_y), "r": "8", "fill": "#1f3a68"})
    _line(group, (LEFT - 32, box.mid_y), (box.x, box.mid_y), "forward")


def _draw_edges(parent: ET.Element, edges: list[Edge]) -> None:
    pairs = {(edge.source, edge.target) for edge in edges}
    arcs = [edge for edge in edges if _is_arc(edge, pairs)]
    anchors = _arc_anchors(arcs)
    for edge in edges:
        group = ET.SubElement(parent, "g", {"id": f"transition-{edge.name}", "class": edge.style})
        if edge in anchors:
            _draw_arc(group, edge, *anchors[edge])
        else:
            _draw_straight(group, edge)


def _is_arc(edge: Edge, pairs: set[tuple[str, str]]) -> bool:
    """Backward on one row: an arc above it, unless the states are neighbours with one arrow."""
    (source_col, source_row), (target_col, target_row) = LAYOUT[edge.source], LAYOUT[edge.target]
    if source_row != target_row or target_col > source_col:
        return False
    return source_col - target_col > 1 or (edge.target, edge.source) in pairs


def _arc_anchors(arcs: list[Edge]) -> dict[Edge, tuple[float, float, float]]:
    """(start x, end x, height) per arc: wider arcs go higher and attach further out."""
    ordered = sorted(arcs, key=lambda edge: (_span(edge), arcs.index(edge)))
    heights = {edge: 70.0 + 60 * index for index, edge in enumerate(ordered)}
    attachments: dict[str, list[tuple[float, Edge, str]]] = {}
    for edge in ordered:
        attachments.setdefault(edge.source, []).append((heights[edge], edge, "source"))
        attachments.setdefault(edge.target, []).append((-heights[edge], edge, "target"))
    xs: dict[tuple[Edge, str], float] = {}
    for state, attached in attachments.items():
        box, count = box_of(state), len(attached)
        for position, (_order, edge, end) in enumerate(sorted(attached, key=lambda item: item[0])):
            xs[(edge, end)] = box.x + BOX_W * (position + 1) / (count + 1)
    return {edge: (xs[(edge, "source")], xs[(edge, "target")], heights[edge]) for edge in ordered}


def _span(edge: Edge) -> int:
    return abs(LAYOUT[edge.source][0] - LAYOUT[edge.target][0])


def _draw_arc(group: ET.Element, edge: Edge, start_x: float, end_x: float, height: float) -> None:
    top = box_of(edge.source).y
    path = f"M {start_x:g} {top} C {start_x:g} {top - height:g} {end_x:g} {top - height:g} {end_x:g} {top}"
    ET.SubElement(group, "path", {"d": path, "fill": "none", **_stroke(edge.style)})
    # Just above the arc's apex, so each label rests on its own arrow.
    apex = top - 0.75 * height
    _edge_label(group, (start_x + end_x) / 2, apex - 19, edge, width=40)


def _draw_straight(group: ET.Element, edge: Edge) -> None:
    source, target = box_of(edge.source), box_of(edge.target)
    if source.y == target.y:
        _draw_horizontal(group, edge, source, target)
    else:
        _draw_vertical(group, edge, source, target)


def _draw_horizontal(group: ET.Element, edge: Edge, source: Box, target: Box) -> None:
    leftwards = target.x < source.x
    start_x: float = source.x if leftwards else source.x + BOX_W
    end_x: float = target.x + BOX_W if leftwards else target.x
    _line(group, (start_x, source.mid_y), (end_x, target.mid_y), edge.style)
    _edge_label(group, (start_x + end_x) / 2, source.mid_y + 18, edge, width=17)


def _draw_vertical(group: ET.Element, edge: Edge, source: Box, target: Box) -> None:
    downwards = target.y > source.y
    start_y: float = source.y + BOX_H if downwards else source.y
    end_y: float = target.y if downwards else target.y + BOX_H
    _line(group, (source.mid_x, start_y), (target.mid_x, end_y), edge.style)
    # Beside the arrow, on the side away from the canvas edge.
    x, y = (source.mid_x + target.mid_x) / 2 - 12, (start_y + end_y) / 2 - 12
    _edge_label(group, x, y, edge, 18, "end")


def _line(parent: ET.Element, start: tuple[float, float], end: tuple[float, float], style: str) -> None:
    points = {"x1": f"{start[0]:g}", "y1": f"{start[1]:g}", "x2": f"{end[0]:g}", "y2": f"{end[1]:g}"}
    ET.SubElement(parent, "line", {**points, **_stroke(style)})


def _stroke(style: str) -> dict[str, str]:
    return {**STYLES[style], "marker-end": f"url(#arrow-{style})"}


def _edge_label(
    parent: ET.Element, x: float, y: float, edge: Edge, width: int, anchor: str = "middle"
) -> None:
    lines = _wrap(edge.label, width)
    _text(parent, x, y, lines, size=11, anchor=anchor, halo=True)
    _text(parent, x, y + 13 * len(lines), [edge.name], size=10, anchor=anchor, mono=True, halo=True)


def _wrap(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, width, break_on_hyphens=False, break_long_words=False)


def _draw_legend(root: ET.Element) -> None:
    group = ET.SubElement(root, "g", {"id": "legend"})
    y = HEIGHT - 34
    for index, (style, text) in enumerate(LEGEND.items()):
        x = LEFT + index * 360
        _line(group, (x, y), (x + 50, y), style)
        _text(group, x + 60, y + 4, [_(text)], size=12)


def _text(
    parent: ET.Element,
    x: float,
    y: float,
    lines: list[str],
    size: int,
    anchor: str = "start",
    weight: str = "normal",
    mono: bool = False,
    halo: bool = False,
) -> None:
    attributes = {"x": f"{x:g}", "y": f"{y:g}", "font-size": str(size), "text-anchor": anchor}
    if weight != "normal":
        attributes["font-weight"] = weight
    if mono:
        attributes["font-family"] = MONO
    if halo:
        # A white outline keeps a label readable where an arrow passes behind it.
        attributes.update({"stroke": "#ffffff", "stroke-width": "4", "paint-order": "stroke"})
    text = ET.SubElement(parent, "text", {**attributes, "fill": "#1a1a1a"})
    for index, line in enumerate(lines):
        dy = "0" if index == 0 else f"{size + 2}"
        ET.SubElement(text, "tspan", {"x": f"{x:g}", "dy": dy}).text = line
