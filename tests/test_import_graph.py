"""The import graph of the non-test modules follows DESIGN.md section 1 and has no cycle.

Every import counts: at module level, inside functions, under `TYPE_CHECKING`. A function-level
import hides a dependency from the reader, not from this graph.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APPS = (
    "config",
    "submissions",
    "workflow",
    "notifications",
    "api",
    "web",
    "integrations",
    "demo",
    "security",
)
STATE_DECLARATIONS = "workflow.machine"
# Per-process copies of rarely changing rows, versioned in the shared cache (issue 15): plumbing
# below the apps, like the cache itself, which workflow and notifications may use.
MEMOS = "config.memo"

# Which apps each app may import (besides itself): api, web -> workflow -> submissions -> the state
# declarations; notifications is told recipients and events by workflow and knows nothing of its rules;
# nothing imports demo.
MAY_IMPORT: dict[str, frozenset[str]] = {
    "config": frozenset(
        {"api", "web", "integrations", "workflow", "notifications", "submissions", "security", MEMOS}
    ),
    "api": frozenset({"integrations", "workflow", "notifications", "submissions", "security"}),
    "web": frozenset({"integrations", "workflow", "notifications", "submissions", "security"}),
    # Tokens and service accounts: beside api and web, which alone (with config) import it.
    "integrations": frozenset({"workflow", "notifications", "submissions", "security"}),
    "workflow": frozenset({"notifications", "submissions", MEMOS}),
    "notifications": frozenset({"submissions", MEMOS}),
    MEMOS: frozenset({"security"}),
    "submissions": frozenset({STATE_DECLARATIONS}),
    STATE_DECLARATIONS: frozenset(),
    "demo": frozenset({"workflow", "notifications", "submissions"}),
    # Login protection, client addresses, the security log, database roles: below everything.
    "security": frozenset(),
}


@dataclass(frozen=True)
class Import:
    source: str
    target: str
    line: int

    def __str__(self) -> str:
        return f"{self.source} -> {self.target} (line {self.line})"


def module_files(root: Path = ROOT) -> dict[str, Path]:
    files: dict[str, Path] = {}
    for app in APPS:
        for path in sorted((root / app).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            parts = list(path.relative_to(root).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            files[".".join(parts)] = path
    return files


def imports_in(module: str, source: str, known: set[str], *, is_package: bool = False) -> Iterator[Import]:
    """Each project module `source` imports, wherever the import statement stands."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = _absolute(module, node, is_package=is_package)
            # `from a import b` imports module a.b if there is one, else a name defined in a.
            names = [f"{base}.{alias.name}" for alias in node.names]
        else:
            continue
        for name in names:
            target = _known_prefix(name, known)
            if target and target != module:
                yield Import(module, target, node.lineno)


def _absolute(module: str, node: ast.ImportFrom, *, is_package: bool) -> str:
    if not node.level:
        return node.module or ""
    package = module.split(".") if is_package else module.split(".")[:-1]
    package = package[: len(package) - (node.level - 1)]
    return ".".join([*package, *([node.module] if node.module else [])])


def _known_prefix(name: str, known: set[str]) -> str:
    while name and name not in known:
        name = name.rpartition(".")[0]
    return name


def project_imports() -> list[Import]:
    files = module_files()
    known = set(files)
    return [
        found
        for module, path in files.items()
        for found in imports_in(module, path.read_text(), known, is_package=path.name == "__init__.py")
    ]


def layer_of(module: str) -> str:
    if module == MEMOS:
        return MEMOS
    if module == STATE_DECLARATIONS or module.startswith(STATE_DECLARATIONS + "."):
        return STATE_DECLARATIONS
    return module.split(".")[0]


def against_the_direction(imports: list[Import]) -> list[Import]:
    wrong = []
    for found in imports:
        source, target = layer_of(found.source), layer_of(found.target)
        if source == target:
            continue
        # The state declarations are part of workflow: workflow itself may use them.
        if source == "workflow" and target == STATE_DECLARATIONS:
            continue
        allowed = MAY_IMPORT[source]
        if target not in allowed and not (target == STATE_DECLARATIONS and "workflow" in allowed):
            wrong.append(found)
    return wrong


def cycles(imports: list[Import]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan), each sorted."""
    graph: dict[str, set[str]] = {}
    for found in imports:
        graph.setdefault(found.source, set()).add(found.target)
        graph.setdefault(found.target, set())
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for successor in sorted(graph[node]):
            if successor not in index:
                visit(successor)
                low[node] = min(low[node], low[successor])
            elif successor in on_stack:
                low[node] = min(low[node], index[successor])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return groups


@pytest.fixture(scope="module")
def imports() -> list[Import]:
    return project_imports()


def test_the_graph_covers_every_app(imports):
    sources = {layer_of(found.source) for found in imports}

    assert sources >= {"api", "web", "workflow", "notifications", "submissions", "demo"}


def test_no_module_imports_against_the_direction_of_design_section_1(imports):
    assert [str(found) for found in against_the_direction(imports)] == []


def test_nothing_but_demo_imports_demo(imports):
    assert [str(f) for f in imports if layer_of(f.target) == "demo" and layer_of(f.source) != "demo"] == []


def test_the_state_declarations_import_no_other_project_module(imports):
    assert [str(found) for found in imports if found.source == STATE_DECLARATIONS] == []


def test_no_two_modules_import_each_other_even_indirectly(imports):
    assert cycles(imports) == []


# The checks themselves, on made-up modules: they see what a reader might miss.

KNOWN = {"submissions", "submissions.validity", "submissions.models", "workflow", "workflow.services"}


def test_a_function_level_import_counts():
    source = "def problems():\n    from workflow.services import submit\n"

    found = list(imports_in("submissions.validity", source, KNOWN))

    assert [str(f) for f in found] == ["submissions.validity -> workflow.services (line 2)"]
    assert against_the_direction(found) == found


def test_an_import_under_type_checking_and_a_relative_one_count():
    source = "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .models import Submission\n"

    found = list(imports_in("submissions.validity", source, KNOWN))

    assert [f.target for f in found] == ["submissions.models"]


def test_a_cycle_through_three_modules_is_found():
    ring = [Import("a", "b", 1), Import("b", "c", 1), Import("c", "a", 1), Import("c", "d", 1)]

    assert cycles(ring) == [["a", "b", "c"]]


def test_notifications_may_not_know_workflow():
    found = [Import("notifications.services", "workflow.rules", 3)]

    assert against_the_direction(found) == found
