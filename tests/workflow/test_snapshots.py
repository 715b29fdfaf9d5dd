"""Snapshots freeze a document's content in the shape of the API's document JSON."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from submissions.models import Instansi, RequirementRow, Submission
from tests.factories import competency_row, copy_of, give_rows
from workflow.machine import State
from workflow.models import TransitionLog
from workflow.snapshots import snapshot_content, take_snapshot

pytestmark = pytest.mark.django_db


@pytest.fixture
def document(instansi: Instansi, make_submission: Callable[..., Submission]) -> Submission:
    submission = make_submission(instansi, summary="Melaksanakan surveilans penyakit menular.")
    integrity = competency_row(
        group="managerial",
        code="M.01",
        name="Integritas",
        level=2,
        description="Mampu mengingatkan rekan kerja untuk bertindak sesuai etika.",
        indicators=["2.1 Mengingatkan rekan", "2.2 Menjadi contoh"],
    )
    surveillance = competency_row(group="technical", name="Surveilans Kesehatan", level=3)
    education = RequirementRow(section="education_level", text="S-1/D-IV", importance="mutlak")
    return give_rows(submission, competencies=[integrity, surveillance], requirements=[education])


def test_the_snapshot_holds_the_position_summary_competencies_and_requirements(document: Submission) -> None:
    content = snapshot_content(document)
    assert content["position"] == {"name": document.position.name, "kind": "pengawas", "rank": None}
    assert content["summary"] == "Melaksanakan surveilans penyakit menular."
    assert content["competencies"] == [
        {
            "group": "managerial",
            "code": "M.01",
            "name": "Integritas",
            "level": 2,
            "description": "Mampu mengingatkan rekan kerja untuk bertindak sesuai etika.",
            "indicators": ["2.1 Mengingatkan rekan", "2.2 Menjadi contoh"],
        },
        {
            "group": "technical",
            "code": None,
            "name": "Surveilans Kesehatan",
            "level": 3,
            "description": "",
            "indicators": [],
        },
    ]
    assert content["requirements"] == [
        {"section": "education_level", "text": "S-1/D-IV", "importance": "mutlak"}
    ]


def test_a_snapshot_is_stored_with_the_round_of_its_log_entry_and_stays_as_it_was(
    document: Submission,
) -> None:
    log = TransitionLog.objects.create(
        submission=document,
        transition="submit",
        from_state=State.DRAFT,
        to_state=State.OPD_REVIEW,
        actor=document.created_by,
        round=2,
    )
    snapshot = take_snapshot(document, log)
    integrity, surveillance = document.competency_rows.all()
    give_rows(document, competencies=[copy_of(integrity, level=4), copy_of(surveillance)])

    snapshot.refresh_from_db()
    assert (snapshot.submission_id, snapshot.round, snapshot.log_entry_id) == (document.pk, 2, log.pk)
    assert snapshot.content["competencies"][0]["level"] == 2
    assert snapshot_content(document)["competencies"][0]["level"] == 4
