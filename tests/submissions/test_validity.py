"""Every validity problem a drafter can meet, each produced by a document that has it."""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable
from typing import Any

import pytest

from submissions import validity
from submissions.models import (
    CompetencyGroup,
    Importance,
    MinimumLevel,
    PositionKind,
    RequirementRow,
    RequirementSection,
    Submission,
)
from submissions.validity import (
    ERROR,
    MANAGERIAL_CODES,
    WARNING,
    Content,
    MinimumRule,
    content_problems,
)
from tests.factories import PositionFactory, competency_row, copy_of, give_rows

ADMINISTRATOR_MINIMUM = MinimumRule(level=3, blocking=True)

Row = dict[str, Any]


def competency(group: str, code: str | None, level: int = 3, **changes: Any) -> Row:
    row: Row = {
        "group": group,
        "code": code,
        "name": f"Kompetensi {code or 'teknis'}",
        "level": level,
        "description": "Deskripsi level yang dipilih.",
        "indicators": ["Indikator pertama.", "Indikator kedua.", "Indikator ketiga."],
    }
    return {**row, **changes}


def requirement(section: str, text: str, importance: str = Importance.MUTLAK) -> Row:
    return {"section": section, "text": text, "importance": importance}


def valid_content() -> Content:
    rows = [competency(CompetencyGroup.MANAGERIAL, code) for code in MANAGERIAL_CODES]
    rows.append(competency(CompetencyGroup.SOCIOCULTURAL, "SK.01"))
    rows.append(competency(CompetencyGroup.TECHNICAL, "T.KES.01", level=2))
    return Content(
        summary="Melaksanakan surveilans penyakit menular di wilayah kota.",
        competencies=rows,
        requirements=[
            requirement(RequirementSection.EDUCATION_LEVEL, "S-1/D-IV"),
            requirement(RequirementSection.FIELD_OF_STUDY, "Kesehatan Masyarakat", Importance.PENTING),
            requirement(RequirementSection.EXPERIENCE, "Surveilans 2 tahun", Importance.PERLU),
        ],
    )


def with_competencies(change: Callable[[list[Row]], list[Row]]) -> Content:
    content = valid_content()
    content.competencies = change([dict(row) for row in content.competencies])
    return content


def with_requirements(change: Callable[[list[Row]], list[Row]]) -> Content:
    content = valid_content()
    content.requirements = change([dict(row) for row in content.requirements])
    return content


def with_summary(summary: str) -> Content:
    content = valid_content()
    content.summary = summary
    return content


def replace_row(index: int, **changes: Any) -> Callable[[list[Row]], list[Row]]:
    def change(rows: list[Row]) -> list[Row]:
        rows[index] = {**rows[index], **changes}
        return rows

    return change


def without_group(group: str) -> Callable[[list[Row]], list[Row]]:
    return lambda rows: [row for row in rows if row["group"] != group]


# One document per problem code; the parametrized test below fails for a code missing here.
CASES: dict[str, Callable[[], Content]] = {
    "summary_missing": lambda: with_summary("   "),
    "managerial_missing": lambda: with_competencies(lambda rows: rows[1:]),
    "managerial_duplicate": lambda: with_competencies(lambda rows: [rows[0], *rows]),
    "managerial_unexpected": lambda: with_competencies(
        lambda rows: [*rows, competency(CompetencyGroup.MANAGERIAL, "M.09")]
    ),
    "sociocultural_missing": lambda: with_competencies(without_group(CompetencyGroup.SOCIOCULTURAL)),
    "sociocultural_duplicate": lambda: with_competencies(
        lambda rows: [*rows, competency(CompetencyGroup.SOCIOCULTURAL, "SK.01")]
    ),
    "sociocultural_unexpected": lambda: with_competencies(
        lambda rows: [*rows, competency(CompetencyGroup.SOCIOCULTURAL, None)]
    ),
    "technical_missing": lambda: with_competencies(without_group(CompetencyGroup.TECHNICAL)),
    "competency_name_missing": lambda: with_competencies(replace_row(9, name="")),
    "level_out_of_range": lambda: with_competencies(replace_row(9, level=6)),
    "level_below_minimum": lambda: with_competencies(replace_row(0, level=2)),
    "competency_description_missing": lambda: with_competencies(replace_row(3, description=" ")),
    "competency_indicators_missing": lambda: with_competencies(replace_row(3, indicators=["", "  "])),
    "education_level_missing": lambda: with_requirements(lambda rows: rows[1:]),
    "requirement_section_invalid": lambda: with_requirements(replace_row(1, section="hobi")),
    "requirement_text_missing": lambda: with_requirements(replace_row(1, text="")),
    "requirement_importance_invalid": lambda: with_requirements(replace_row(1, importance="wajib")),
}


def codes_in_module() -> set[str]:
    """Every problem code the validity module can produce, read from its source."""
    source = inspect.getsource(validity)
    codes = set(re.findall(r'Problem\(\s*"([a-z_]+)"', source))
    for suffix in re.findall(r'Problem\(\s*f"\{_group_key\(group\)\}(_[a-z]+)"', source):
        codes |= {f"managerial{suffix}", f"sociocultural{suffix}"}
    return codes


def codes(content: Content, minimum: MinimumRule | None = ADMINISTRATOR_MINIMUM) -> list[str]:
    return [problem.code for problem in content_problems(content, minimum)]


def test_a_complete_document_has_no_problems() -> None:
    assert content_problems(valid_content(), ADMINISTRATOR_MINIMUM) == []


def test_the_source_of_the_module_yields_the_codes_this_file_expects() -> None:
    # Guards the regular expression above: if it found nothing, the next test would prove nothing.
    assert {"summary_missing", "managerial_missing", "requirement_importance_invalid"} <= codes_in_module()


@pytest.mark.parametrize("code", sorted(codes_in_module()))
def test_every_problem_code_is_produced_by_a_document_that_has_it(code: str) -> None:
    assert code in CASES, f"Kode masalah '{code}' belum memiliki uji."
    assert code in codes(CASES[code]())


@pytest.mark.parametrize("code", sorted(CASES))
def test_each_broken_document_has_only_its_own_problem(code: str) -> None:
    assert set(codes(CASES[code]())) == {code}


def test_every_problem_has_a_message_in_indonesian_and_a_field() -> None:
    for code, build in CASES.items():
        for problem in content_problems(build(), ADMINISTRATOR_MINIMUM):
            assert problem.message.endswith("."), code
            assert problem.field, code
            assert problem.as_dict()["code"] == problem.code


def test_all_problems_are_reported_at_once() -> None:
    content = Content(summary="", competencies=[], requirements=[])
    found = set(codes(content))
    assert {"summary_missing", "managerial_missing", "sociocultural_missing", "technical_missing"} <= found
    assert "education_level_missing" in found
    assert codes(content).count("managerial_missing") == len(MANAGERIAL_CODES)


def test_a_level_below_a_blocking_minimum_is_an_error() -> None:
    problems = content_problems(CASES["level_below_minimum"](), MinimumRule(level=3, blocking=True))
    assert [(p.code, p.severity) for p in problems] == [("level_below_minimum", ERROR)]


def test_a_level_below_a_non_blocking_minimum_is_only_a_warning() -> None:
    problems = content_problems(CASES["level_below_minimum"](), MinimumRule(level=3, blocking=False))
    assert [(p.code, p.severity) for p in problems] == [("level_below_minimum", WARNING)]
    assert not any(problem.is_error for problem in problems)


def test_a_technical_competency_may_be_below_the_minimum() -> None:
    content = with_competencies(replace_row(9, level=1))
    assert codes(content, MinimumRule(level=3, blocking=True)) == []


def test_without_a_minimum_rule_any_level_from_one_is_accepted() -> None:
    content = with_competencies(lambda rows: [{**row, "level": 1} for row in rows])
    assert codes(content, None) == []


@pytest.mark.parametrize("level", [0, "3", True, None])
def test_a_level_that_is_not_a_number_from_one_to_five_is_out_of_range(level: object) -> None:
    assert codes(with_competencies(replace_row(9, level=level))) == ["level_out_of_range"]


# The same checks on a stored document


def stored_submission(content: Content) -> Submission:
    position = PositionFactory.create(kind=PositionKind.ADMINISTRATOR)
    submission = Submission.objects.create(position=position, summary=content.summary)
    return give_rows(
        submission,
        competencies=[competency_row(**{**row, "code": row["code"] or ""}) for row in content.competencies],
        requirements=[RequirementRow(**row) for row in content.requirements],
    )


@pytest.mark.django_db
def test_a_stored_document_is_checked_against_the_minimum_of_its_position_kind() -> None:
    MinimumLevel.objects.create(kind=PositionKind.ADMINISTRATOR, level=4, blocking=True)
    submission = stored_submission(valid_content())

    problems = submission.validity_problems()

    # Every managerial and socio-cultural row is at level 3, one below the stored minimum of 4.
    assert {problem.code for problem in problems} == {"level_below_minimum"}
    assert len(submission.validity_errors()) == len(MANAGERIAL_CODES) + 1


@pytest.mark.django_db
def test_a_complete_stored_document_has_no_problems() -> None:
    MinimumLevel.objects.create(kind=PositionKind.ADMINISTRATOR, level=3, blocking=True)
    submission = stored_submission(valid_content())
    assert submission.validity_problems() == []
    without_technical = submission.competency_rows.exclude(group=CompetencyGroup.TECHNICAL)
    give_rows(submission, competencies=[copy_of(row) for row in without_technical])
    assert [problem.code for problem in submission.validity_problems()] == ["technical_missing"]
