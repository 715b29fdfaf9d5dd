"""The state diagram is drawn from the machine's declaration and kept in docs/ up to date."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from pathlib import Path

from django.conf import settings
from django.core.management import call_command

from submissions.models import Submission
from workflow.diagram import declared_edges, render_svg
from workflow.machine import State

SVG = "{http://www.w3.org/2000/svg}"
COMMITTED = Path(settings.BASE_DIR) / "docs" / "state-machine.svg"


def parsed() -> ET.Element:
    return ET.fromstring(render_svg().encode("utf-8"))


def all_text(root: ET.Element) -> str:
    return " ".join(" ".join(element.itertext()) for element in root.iter(f"{SVG}text"))


def test_the_svg_parses_as_xml_and_has_a_title_and_description() -> None:
    root = parsed()
    assert root.tag == f"{SVG}svg"
    title, description = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title is not None
    assert title.text == "Alur status dokumen SKJ"
    assert description is not None
    assert "Transisi" in (description.text or "")


def test_every_state_appears_with_its_indonesian_label() -> None:
    root = parsed()
    ids = {element.get("id") for element in root.iter(f"{SVG}g")}
    text = all_text(root)
    for state in State:
        assert f"state-{state.value}" in ids
        assert " ".join(str(state.label).split()) in " ".join(text.split())


def test_every_declared_transition_appears_as_an_arrow_with_its_label() -> None:
    field = Submission._meta.get_field("state")
    declared = {transition.name for transition in field.get_all_transitions(Submission)}
    root = parsed()
    arrows = {element.get("id"): element for element in root.iter(f"{SVG}g") if element.get("class")}
    text = " ".join(all_text(root).split())
    assert {f"transition-{name}" for name in declared} <= set(arrows)
    for edge in declared_edges():
        assert edge.name in text
        assert edge.label in text


def test_send_backs_are_dashed_and_forward_steps_are_not() -> None:
    arrows = {element.get("id"): element for element in parsed().iter(f"{SVG}g") if element.get("class")}
    for name in ("return_to_drafter", "return_to_opd", "ministry_return"):
        assert arrows[f"transition-{name}"].get("class") == "send_back"
        stroke = next(iter(arrows[f"transition-{name}"]))
        assert stroke.get("stroke-dasharray")
    for name in ("submit", "forward", "send_to_ministry", "ministry_agree"):
        stroke = next(iter(arrows[f"transition-{name}"]))
        assert stroke.get("stroke-dasharray") is None


def test_rendering_is_deterministic() -> None:
    assert render_svg() == render_svg()


def test_the_committed_diagram_matches_the_machine() -> None:
    assert COMMITTED.read_text(encoding="utf-8") == render_svg(), (
        "docs/state-machine.svg is stale: run `python manage.py render_state_diagram`"
    )


def test_the_command_writes_the_diagram_where_it_is_told(tmp_path: Path) -> None:
    output = tmp_path / "diagram.svg"
    call_command("render_state_diagram", output=output, stdout=io.StringIO())
    assert output.read_text(encoding="utf-8") == render_svg()
