"""What changed between two rounds, in words a reviewer reads."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest

from submissions.models import Instansi, Submission
from workflow.diff import ChangeKind, diff_contents, diff_snapshots
from workflow.models import Snapshot


def content() -> dict[str, Any]:
    return {
        "summary": "Melaksanakan surveilans penyakit menular.",
        "competencies": [
            {
                "group": "managerial",
                "code": "M.04",
                "name": "Komunikasi",
                "level": 2,
                "description": "a",
                "indicators": ["2.1 x"],
            },
            {
                "group": "technical",
                "code": None,
                "name": "Surveilans Kesehatan",
                "level": 3,
                "description": "b",
                "indicators": [],
            },
        ],
        "requirements": [
            {"section": "education_level", "text": "S-1/D-IV", "importance": "mutlak"},
            {"section": "training_technical", "text": "Pelatihan Surveilans", "importance": "penting"},
        ],
    }


def messages(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    return [change.message for change in diff_contents(old, new)]


def test_identical_contents_have_no_changes() -> None:
    assert diff_contents(content(), content()) == []


def test_a_changed_level_reads_as_a_sentence() -> None:
    new = content()
    new["competencies"][0]["level"] = 3
    [change] = diff_contents(content(), new)
    assert change.kind == ChangeKind.LEVEL_CHANGED
    assert (change.group, change.label, change.old, change.new) == ("managerial", "Komunikasi", 2, 3)
    assert change.message == "Level Komunikasi berubah dari 2 menjadi 3."


def test_a_row_without_a_code_is_matched_by_its_name() -> None:
    new = content()
    new["competencies"][1]["level"] = 4
    assert messages(content(), new) == ["Level Surveilans Kesehatan berubah dari 3 menjadi 4."]


def test_a_renamed_coded_competency_is_the_same_row_with_a_changed_name() -> None:
    new = content()
    new["competencies"][0]["name"] = "Komunikasi Efektif"
    [change] = diff_contents(content(), new)
    assert (change.kind, change.old, change.new) == (
        ChangeKind.TEXT_CHANGED,
        "Komunikasi",
        "Komunikasi Efektif",
    )


def test_changed_description_and_indicators_are_text_changes() -> None:
    new = content()
    new["competencies"][0]["description"] = "deskripsi baru"
    new["competencies"][0]["indicators"] = ["2.1 y"]
    assert messages(content(), new) == [
        "Deskripsi kompetensi Komunikasi diubah.",
        "Indikator kompetensi Komunikasi diubah.",
    ]


def test_added_and_removed_competencies_are_named_with_their_group_and_level() -> None:
    new = content()
    removed = new["competencies"].pop(1)
    new["competencies"].append({**removed, "name": "Pengelolaan Data Kesehatan", "level": 2})
    assert messages(content(), new) == [
        "Kompetensi teknis Pengelolaan Data Kesehatan (level 2) ditambahkan.",
        "Kompetensi teknis Surveilans Kesehatan (level 3) dihapus.",
    ]
    kinds = [change.kind for change in diff_contents(content(), new)]
    assert kinds == [ChangeKind.ADDED, ChangeKind.REMOVED]


def test_a_changed_summary_is_reported_once() -> None:
    new = content()
    new["summary"] = "Mengoordinasikan surveilans."
    [change] = diff_contents(content(), new)
    assert (change.kind, change.message) == (ChangeKind.SUMMARY_CHANGED, "Ikhtisar jabatan diubah.")
    assert change.new == "Mengoordinasikan surveilans."


def test_a_reworded_requirement_is_one_removed_and_one_added_row() -> None:
    new = content()
    new["requirements"][1]["text"] = "Pelatihan Surveilans Epidemiologi"
    assert messages(content(), new) == [
        'Persyaratan "Pelatihan teknis" ditambahkan: Pelatihan Surveilans Epidemiologi (Penting).',
        'Persyaratan "Pelatihan teknis" dihapus: Pelatihan Surveilans (Penting).',
    ]


def test_a_requirement_whose_importance_changed_says_from_what_to_what() -> None:
    new = content()
    new["requirements"][1]["importance"] = "mutlak"
    [change] = diff_contents(content(), new)
    assert change.kind == ChangeKind.IMPORTANCE_CHANGED
    assert (
        change.message
        == 'Tingkat pentingnya persyaratan "Pelatihan Surveilans" berubah dari Penting menjadi Mutlak.'
    )


def test_reordering_rows_is_not_a_change() -> None:
    new = content()
    new["competencies"].reverse()
    new["requirements"].reverse()
    assert diff_contents(content(), new) == []


def test_two_rows_with_the_same_name_are_matched_in_order() -> None:
    old = content()
    old["competencies"].append(copy.deepcopy(old["competencies"][1]))
    new = copy.deepcopy(old)
    new["competencies"][2]["level"] = 5
    assert messages(old, new) == ["Level Surveilans Kesehatan berubah dari 3 menjadi 5."]


def test_a_change_serialises_for_the_api() -> None:
    new = content()
    new["competencies"][0]["level"] = 3
    [change] = diff_contents(content(), new)
    assert change.as_dict() == {
        "kind": "level_changed",
        "group": "managerial",
        "label": "Komunikasi",
        "old": 2,
        "new": 3,
        "message": "Level Komunikasi berubah dari 2 menjadi 3.",
    }


@pytest.mark.django_db
def test_two_snapshots_are_compared_by_their_content(
    instansi: Instansi, make_submission: Callable[..., Submission]
) -> None:
    submission = make_submission(instansi)
    first = Snapshot.objects.create(submission=submission, round=1, content=content())
    revised = content()
    revised["competencies"][0]["level"] = 3
    second = Snapshot.objects.create(submission=submission, round=2, content=revised)
    assert [change.message for change in diff_snapshots(first, second)] == [
        "Level Komunikasi berubah dari 2 menjadi 3."
    ]
