"""Imports from XLSX and CSV: upload -> a preview of every row's outcome -> commit all or nothing.

`KINDS` names each kind's columns, template rows and plan. The pages, the API and the management
commands all go through `preview_import` and `plan_import`; the transaction of a commit belongs to
the caller (`workflow.setup.imports`), which also does what must follow it (invitations).
"""

from __future__ import annotations

import tablib

from submissions.imports import dictionary, opds, people, peta
from submissions.imports.base import ImportSpec, Plan, Written
from submissions.imports.dictionary import import_dictionary, split_indicators, strip_list_marker
from submissions.imports.outcomes import ImportProblem, Outcome, Preview, RowOutcome
from submissions.imports.reading import read_table
from submissions.models import ImportKind, Instansi

KINDS: dict[str, ImportSpec] = {
    spec.kind: spec for spec in (opds.SPEC, peta.SPEC, people.SPEC, dictionary.SPEC)
}

__all__ = [
    "KINDS",
    "ImportProblem",
    "ImportSpec",
    "Outcome",
    "Plan",
    "Preview",
    "RowOutcome",
    "Written",
    "import_dictionary",
    "plan_import",
    "preview_import",
    "split_indicators",
    "strip_list_marker",
    "template_file",
]


def plan_import(kind: str, content: bytes, instansi: Instansi | None) -> Plan:
    """Read and check the file against what exists; the plan's writer commits it (in a transaction)."""
    spec = KINDS[kind]
    table = read_table(content, spec.columns)
    if table.problems:
        return Plan(Preview(kind=kind, problems=table.problems), lambda: Written())
    return spec.plan(table.rows, instansi)


def preview_import(kind: str, content: bytes, instansi: Instansi | None) -> Preview:
    return plan_import(kind, content, instansi).preview


def template_file(kind: str, file_format: str = "xlsx") -> bytes:
    """The kind's template: its column titles and a few example rows to overwrite."""
    spec = KINDS[kind]
    dataset = tablib.Dataset(*spec.examples, headers=spec.columns.header(), title=ImportKind(kind).label[:31])
    exported = dataset.export(file_format)
    return exported.encode("utf-8") if isinstance(exported, str) else bytes(exported)


def template_filename(kind: str, file_format: str = "xlsx") -> str:
    return f"templat-{kind.replace('_', '-')}.{file_format}"
