"""Turning submitted content (API JSON, editor forms) into rows, and a new draft's first rows.

The rows are built unsaved; the service stores them as a set (`submissions.models.stored_set`).

Shape errors (an unknown group, a level outside 1-5, a NUL byte) stop a save; completeness problems
(a missing technical row, an empty summary) do not: a draft may be unfinished, `submit` checks it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.db.models import F, Q

from submissions.models import (
    CompetencyGroup,
    CompetencyLevel,
    CompetencyRow,
    Importance,
    Position,
    RequirementRow,
    RequirementSection,
    Submission,
    Wording,
    level_texts,
)
from submissions.validity import MANAGERIAL_CODES, SOCIOCULTURAL_CODES, minimum_rule_for
from workflow.errors import InvalidContent

MAX_TEXT = 10_000
MAX_NAME = 255
MAX_CODE = 30
MAX_ROWS = 200
MAX_INDICATORS = 20


def _error(field: str, message: str, code: str = "invalid_value") -> dict[str, str]:
    return {"code": code, "message": message, "field": field}


def _text(value: Any, field: str, errors: list[dict[str, str]], limit: int = MAX_TEXT) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        errors.append(_error(field, "Isian harus berupa teks."))
        return ""
    if "\x00" in value:
        errors.append(_error(field, "Teks tidak boleh mengandung karakter NUL."))
        return ""
    if len(value) > limit:
        errors.append(_error(field, f"Teks terlalu panjang (paling banyak {limit} karakter)."))
        return ""
    return value.strip()


def _require_row_list(rows: Any, field: str, label: str) -> None:
    if not isinstance(rows, Sequence) or isinstance(rows, str) or len(rows) > MAX_ROWS:
        raise InvalidContent(
            f"Daftar {label} tidak valid.",
            errors=[_error(field, f"Berikan daftar berisi paling banyak {MAX_ROWS} baris.")],
        )


def clean_summary(value: Any) -> str:
    errors: list[dict[str, str]] = []
    text = _text(value, "summary", errors)
    if errors:
        raise InvalidContent("Ikhtisar jabatan tidak dapat disimpan.", errors=errors)
    return text


def _dictionary_levels(codes: set[str], instansi_id: int) -> dict[tuple[str, int], CompetencyLevel]:
    """Dictionary levels by (code, level): the instansi's own entry wins over the national one."""
    levels = CompetencyLevel.objects.filter(competency__code__in=codes).filter(
        Q(competency__instansi__isnull=True) | Q(competency__instansi_id=instansi_id)
    )
    found: dict[tuple[str, int], CompetencyLevel] = {}
    # National entries first so the instansi's own overwrite them; PostgreSQL sorts NULLs last by default.
    national_first = F("competency__instansi_id").asc(nulls_first=True)
    for level in levels.select_related("competency").order_by(national_first):
        found[(level.competency.code, level.level)] = level
    return found


def _is_code(value: Any) -> bool:
    return isinstance(value, str) and 0 < len(value) <= MAX_CODE and "\x00" not in value


def competency_rows(rows: Sequence[Mapping[str, Any]], submission: Submission) -> list[CompetencyRow]:
    """Validate and build competency rows (unsaved); a row given by code and level is filled from the
    dictionary of the document's instansi."""
    _require_row_list(rows, "competencies", "kompetensi")
    errors: list[dict[str, str]] = []
    # Only well-formed codes reach the query: a NUL byte would make PostgreSQL fail, not refuse.
    codes = {row["code"].strip() for row in rows if isinstance(row, Mapping) and _is_code(row.get("code"))}
    dictionary = _dictionary_levels(codes, submission.position.opd.instansi_id)
    built = [_competency_row(index, row, dictionary, errors) for index, row in enumerate(rows)]
    if errors:
        raise InvalidContent("Baris kompetensi tidak dapat disimpan.", errors=errors)
    # Only valid rows store their texts: one lookup for all of them (and one insert of the new ones).
    texts = level_texts(wording for _row, wording in built)
    for row, wording in built:
        row.text = texts[wording.digest]
    return [row for row, _wording in built]


def _competency_row(
    index: int,
    row: Any,
    dictionary: dict[tuple[str, int], CompetencyLevel],
    errors: list[dict[str, str]],
) -> tuple[CompetencyRow, Wording]:
    where = f"competencies[{index}]"
    if not isinstance(row, Mapping):
        errors.append(_error(where, "Setiap baris kompetensi harus berupa objek."))
        return CompetencyRow(), Wording("", "", "")
    group = row.get("group")
    if group not in CompetencyGroup.values:
        errors.append(_error(f"{where}.group", "Kelompok harus managerial, sociocultural, atau technical."))
    level = row.get("level")
    if not isinstance(level, int) or isinstance(level, bool) or not 1 <= level <= 5:
        errors.append(_error(f"{where}.level", "Level kompetensi harus bilangan bulat antara 1 dan 5."))
        level = 1
    code = _text(row.get("code"), f"{where}.code", errors, limit=MAX_CODE)
    entry = dictionary.get((code, level)) if code else None
    name = _text(row.get("name"), f"{where}.name", errors, limit=MAX_NAME)
    description = _text(row.get("description"), f"{where}.description", errors)
    indicators = _indicators(row.get("indicators"), f"{where}.indicators", errors)
    wording = Wording(
        code=code,
        name=name or (entry.competency.name if entry else ""),
        description=description or (entry.description if entry else ""),
        indicators=tuple(indicators or (entry.indicators if entry else ())),
    )
    built = CompetencyRow(
        group=group or "",
        order=index,
        competency=entry.competency if entry else None,
        level=level,
    )
    return built, wording


def _indicators(value: Any, field: str, errors: list[dict[str, str]]) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or len(value) > MAX_INDICATORS:
        errors.append(_error(field, f"Indikator harus daftar berisi paling banyak {MAX_INDICATORS} teks."))
        return []
    texts = [_text(item, field, errors, limit=2_000) for item in value]
    return [text for text in texts if text]


def requirement_rows(rows: Sequence[Mapping[str, Any]], submission: Submission) -> list[RequirementRow]:
    """Validate and build requirement rows (unsaved: `stored_set` stores them as a set)."""
    _require_row_list(rows, "requirements", "persyaratan")
    errors: list[dict[str, str]] = []
    built = []
    for index, row in enumerate(rows):
        where = f"requirements[{index}]"
        if not isinstance(row, Mapping):
            errors.append(_error(where, "Setiap baris persyaratan harus berupa objek."))
            continue
        if row.get("section") not in RequirementSection.values:
            errors.append(_error(f"{where}.section", "Jenis persyaratan tidak dikenal."))
        if row.get("importance") not in Importance.values:
            errors.append(_error(f"{where}.importance", "Pilih tepat satu: mutlak, penting, atau perlu."))
        text = _text(row.get("text"), f"{where}.text", errors)
        built.append(
            RequirementRow(
                section=row.get("section") or "",
                order=index,
                text=text,
                importance=row.get("importance") or "",
            )
        )
    if errors:
        raise InvalidContent("Baris persyaratan tidak dapat disimpan.", errors=errors)
    return built


def initial_competency_rows(submission: Submission, position: Position) -> list[CompetencyRow]:
    """The 8 managerial and 1 socio-cultural rows of a new draft, at the position's minimum level."""
    rule = minimum_rule_for(position)
    level = rule.level if rule else 1
    fixed = [{"group": CompetencyGroup.MANAGERIAL, "code": code, "level": level} for code in MANAGERIAL_CODES]
    fixed += [
        {"group": CompetencyGroup.SOCIOCULTURAL, "code": code, "level": level} for code in SOCIOCULTURAL_CODES
    ]
    return competency_rows(fixed, submission)


def share_rows(source: Submission, target: Submission) -> None:
    """`target` starts with the rows of `source` (a new version starts from the approved one).

    The same sets, not copies: a new version starts with exactly the wording of the approved one,
    and its first saved edit points it at other sets while the approved version keeps its own.
    """
    target.competency_set_id = source.competency_set_id
    target.requirement_set_id = source.requirement_set_id
