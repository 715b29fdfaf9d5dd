"""The editor offers the technical competencies of the position's urusan first."""

from __future__ import annotations

from submissions.models import Competency, CompetencyGroup, Urusan
from tests.builders import World
from web.selectors import search_technical
from workflow import services


def test_the_search_lists_the_positions_urusan_first(world: World) -> None:
    draft = services.submission_create_draft(position_id=world.position.pk, actor=world.drafter)
    own = world.position.urusan.first()
    other, _ = Urusan.objects.get_or_create(name="Perikanan")
    Competency.objects.create(
        code="A.01", name="Pemetaan Khusus Ikan", group=CompetencyGroup.TECHNICAL, urusan=other
    )
    Competency.objects.create(
        code="Z.99", name="Pemetaan Khusus Penyakit", group=CompetencyGroup.TECHNICAL, urusan=own
    )

    found = [competency.code for competency in search_technical(world.drafter, draft, "Pemetaan Khusus")]

    assert found == ["Z.99", "A.01"]
