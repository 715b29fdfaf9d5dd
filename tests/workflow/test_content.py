"""Saving a draft's content: dictionary fill, rows kept as typed, shape errors with their fields."""

from __future__ import annotations

from typing import Any

import pytest

from submissions.models import Competency, CompetencyGroup, CompetencyLevel, Submission
from tests.builders import World, valid_content
from tests.documents import complete_draft
from workflow import services
from workflow.errors import InvalidContent, StaleContent


def _save(world: World, submission: Submission, **content: Any) -> Submission:
    return services.submission_update_content(submission_id=submission.pk, actor=world.drafter, **content)


def _rows(submission: Submission) -> list[dict[str, Any]]:
    fields = ("group", "code", "name", "level", "description", "indicators", "competency_id")
    return [
        {field: getattr(row, field) for field in fields}
        # Read again: a saved edit points the document at another set (the object in hand is older).
        for row in Submission.objects.get(pk=submission.pk).competency_rows.order_by("order")
    ]


def _technical(**row: Any) -> dict[str, Any]:
    return {"group": "technical", **row}


@pytest.fixture
def draft(world: World) -> Submission:
    return complete_draft(world)


def test_a_national_row_given_by_code_and_level_is_filled_from_the_dictionary(
    world: World, draft: Submission
) -> None:
    _save(world, draft, competencies=[{"group": "managerial", "code": "M.03", "level": 4}])

    (row,) = _rows(draft)
    assert row["name"] == "Kompetensi M.03"
    assert row["description"] == "Deskripsi M.03 level 4"
    assert row["indicators"] == [f"4.{i} Indikator M.03" for i in range(1, 4)]
    assert row["competency_id"] == Competency.objects.get(code="M.03", instansi=None).pk


def test_the_instansis_own_technical_entry_fills_a_row(world: World, draft: Submission) -> None:
    _save(world, draft, competencies=[_technical(code="T.01", level=3)])

    (row,) = _rows(draft)
    assert (row["name"], row["description"]) == ("Surveilans Kesehatan", "Surveilans level 3")


def test_another_instansis_technical_entry_is_not_used(world: World, draft: Submission) -> None:
    foreign = Competency.objects.create(
        code="T.09",
        name="Manajemen Lalu Lintas",
        group=CompetencyGroup.TECHNICAL,
        instansi=world.other_instansi_opd.instansi,
    )
    CompetencyLevel.objects.create(competency=foreign, level=2, description="Rahasia", indicators=["x"])

    _save(world, draft, competencies=[_technical(code="T.09", level=2, name="Kompetensi ketik sendiri")])

    (row,) = _rows(draft)
    assert row["competency_id"] is None
    assert (row["name"], row["description"], row["indicators"]) == ("Kompetensi ketik sendiri", "", [])


def test_the_instansis_own_entry_wins_over_a_national_entry_of_the_same_code(
    world: World, draft: Submission
) -> None:
    national = Competency.objects.create(code="T.01", name="Nasional", group=CompetencyGroup.TECHNICAL)
    CompetencyLevel.objects.create(competency=national, level=3, description="Nasional 3", indicators=["n"])

    _save(world, draft, competencies=[_technical(code="T.01", level=3)])

    (row,) = _rows(draft)
    assert (row["name"], row["description"]) == ("Surveilans Kesehatan", "Surveilans level 3")


def test_a_code_typed_with_spaces_still_finds_the_dictionary(world: World, draft: Submission) -> None:
    _save(world, draft, competencies=[{"group": "managerial", "code": " M.02 ", "level": 3}])

    (row,) = _rows(draft)
    assert (row["code"], row["description"]) == ("M.02", "Deskripsi M.02 level 3")


def test_what_the_drafter_typed_wins_over_the_dictionary(world: World, draft: Submission) -> None:
    _save(
        world,
        draft,
        competencies=[
            {"group": "managerial", "code": "M.01", "level": 2, "description": "  Uraian sendiri  "}
        ],
    )

    (row,) = _rows(draft)
    assert (row["name"], row["description"]) == ("Kompetensi M.01", "Uraian sendiri")


def test_a_free_typed_technical_row_is_kept_as_typed(world: World, draft: Submission) -> None:
    typed = _technical(
        code=None,
        name="Pengelolaan Data Epidemiologi",
        level=3,
        description="Mampu mengolah data kasus mingguan.",
        indicators=["Menyusun laporan mingguan", "Memetakan sebaran kasus"],
    )

    _save(world, draft, competencies=[typed])

    (row,) = _rows(draft)
    assert {key: row[key] for key in ("name", "level", "description", "indicators")} == {
        key: typed[key] for key in ("name", "level", "description", "indicators")
    }
    assert (row["code"], row["competency_id"]) == ("", None)


def test_a_code_of_no_dictionary_is_kept_as_typed(world: World, draft: Submission) -> None:
    _save(world, draft, competencies=[_technical(code="X.99", level=2, name="Baru")])

    (row,) = _rows(draft)
    assert (row["code"], row["name"], row["competency_id"]) == ("X.99", "Baru", None)


TOO_LONG_NAME = "n" * 256
TOO_LONG_TEXT = "t" * 10_001

BAD_COMPETENCIES: dict[str, tuple[Any, str]] = {
    "unknown group": ([{"group": "teknis", "name": "A", "level": 2}], "competencies[0].group"),
    "missing group": ([{"name": "A", "level": 2}], "competencies[0].group"),
    "level 0": ([_technical(name="A", level=0)], "competencies[0].level"),
    "level 6": ([_technical(name="A", level=6)], "competencies[0].level"),
    "level as text": ([_technical(name="A", level="3")], "competencies[0].level"),
    "level as boolean": ([_technical(name="A", level=True)], "competencies[0].level"),
    "level as fraction": ([_technical(name="A", level=2.5)], "competencies[0].level"),
    "missing level": ([_technical(name="A")], "competencies[0].level"),
    "NUL in name": ([_technical(name="A\x00B", level=2)], "competencies[0].name"),
    "NUL in code": ([_technical(code="T.\x0001", level=2)], "competencies[0].code"),
    "name too long": ([_technical(name=TOO_LONG_NAME, level=2)], "competencies[0].name"),
    "description too long": (
        [_technical(name="A", level=2, description=TOO_LONG_TEXT)],
        "competencies[0].description",
    ),
    "name not text": ([_technical(name=["A"], level=2)], "competencies[0].name"),
    "indicators not a list": (
        [_technical(name="A", level=2, indicators="satu")],
        "competencies[0].indicators",
    ),
    "too many indicators": (
        [_technical(name="A", level=2, indicators=["i"] * 21)],
        "competencies[0].indicators",
    ),
    "NUL in an indicator": (
        [_technical(name="A", level=2, indicators=["ok", "x\x00"])],
        "competencies[0].indicators",
    ),
    "row not an object": (["M.01"], "competencies[0]"),
    "too many rows": ([_technical(name="A", level=2)] * 201, "competencies"),
    "an object, not a list": ({"group": "technical"}, "competencies"),
    "a string, not a list": ("M.01", "competencies"),
    "a number, not a list": (7, "competencies"),
}


@pytest.mark.parametrize(("value", "field"), BAD_COMPETENCIES.values(), ids=list(BAD_COMPETENCIES))
def test_a_badly_shaped_competency_list_is_refused_with_its_field_and_nothing_changes(
    world: World, draft: Submission, value: Any, field: str
) -> None:
    rows_before, revision_before = _rows(draft), draft.content_revision

    with pytest.raises(InvalidContent) as invalid:
        _save(world, draft, competencies=value)

    assert field in [error["field"] for error in invalid.value.errors]
    assert invalid.value.kind == "invalid"
    draft.refresh_from_db()
    assert (_rows(draft), draft.content_revision) == (rows_before, revision_before)


BAD_REQUIREMENTS: dict[str, tuple[Any, str]] = {
    "unknown section": (
        [{"section": "hobby", "text": "x", "importance": "perlu"}],
        "requirements[0].section",
    ),
    "unknown importance": (
        [{"section": "experience", "text": "x", "importance": "wajib"}],
        "requirements[0].importance",
    ),
    "missing importance": ([{"section": "experience", "text": "x"}], "requirements[0].importance"),
    "NUL in text": (
        [{"section": "experience", "text": "x\x00", "importance": "perlu"}],
        "requirements[0].text",
    ),
    "text too long": (
        [{"section": "experience", "text": TOO_LONG_TEXT, "importance": "perlu"}],
        "requirements[0].text",
    ),
    "row not an object": ([["experience", "x", "perlu"]], "requirements[0]"),
    "not a list": ({"section": "experience"}, "requirements"),
}


@pytest.mark.parametrize(("value", "field"), BAD_REQUIREMENTS.values(), ids=list(BAD_REQUIREMENTS))
def test_a_badly_shaped_requirement_list_is_refused_with_its_field(
    world: World, draft: Submission, value: Any, field: str
) -> None:
    with pytest.raises(InvalidContent) as invalid:
        _save(world, draft, requirements=value)

    assert field in [error["field"] for error in invalid.value.errors]
    assert draft.requirement_rows.count() == len(valid_content()["requirements"])


@pytest.mark.parametrize("summary", [12, "x\x00", "s" * 10_001], ids=["number", "NUL", "too long"])
def test_a_bad_summary_is_refused(world: World, draft: Submission, summary: Any) -> None:
    with pytest.raises(InvalidContent) as invalid:
        _save(world, draft, summary=summary)

    assert [error["field"] for error in invalid.value.errors] == ["summary"]
    draft.refresh_from_db()
    assert draft.summary == valid_content()["summary"]


def test_every_bad_field_is_reported_at_once(world: World, draft: Submission) -> None:
    with pytest.raises(InvalidContent) as invalid:
        _save(
            world,
            draft,
            summary=None,
            competencies=[
                _technical(name="A", level=9),
                _technical(name="B", level=2),
                {"group": "x", "name": "C", "level": 2},
            ],
            requirements=[{"section": "experience", "text": "x", "importance": "?"}],
        )

    fields = sorted(error["field"] for error in invalid.value.errors)
    assert fields == ["competencies[0].level", "competencies[2].group", "requirements[0].importance"]


def test_a_given_list_replaces_the_whole_list_and_an_omitted_one_is_kept(
    world: World, draft: Submission
) -> None:
    new_rows = [_technical(code="T.01", level=4), {"group": "sociocultural", "code": "SK.01", "level": 3}]

    _save(world, draft, competencies=new_rows)

    assert [(row["code"], row["level"]) for row in _rows(draft)] == [("T.01", 4), ("SK.01", 3)]
    assert draft.requirement_rows.count() == len(valid_content()["requirements"])
    emptied = _save(world, draft, requirements=[])
    assert emptied.requirement_rows.count() == 0
    assert emptied.requirement_set is None
    assert len(_rows(draft)) == 2


def test_each_save_bumps_the_content_revision_by_one(world: World, draft: Submission) -> None:
    start = draft.content_revision

    saved = _save(world, draft, expected_revision=start, summary="Versi kedua.")
    again = _save(world, draft, expected_revision=start + 1, summary="Versi ketiga.")

    assert (saved.content_revision, again.content_revision) == (start + 1, start + 2)


def test_a_save_based_on_an_old_revision_is_refused_and_changes_nothing(
    world: World, draft: Submission
) -> None:
    start = draft.content_revision
    _save(world, draft, summary="Disimpan rekan lebih dulu.")

    with pytest.raises(StaleContent) as stale:
        _save(world, draft, expected_revision=start, summary="Versi saya.")

    assert stale.value.current_revision == start + 1
    draft.refresh_from_db()
    assert (draft.summary, draft.content_revision) == ("Disimpan rekan lebih dulu.", start + 1)
