"""Schemathesis, stateful: chains of operations linked by what one answer gives the next (a created
position's id to its GET and PATCH, a listed document's id to its status, history and export...),
for every role. Links are inferred by schemathesis from the schema; no server error, every answer
as the schema says. Derandomized, so the run is repeatable."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from hypothesis.stateful import run_state_machine_as_test

from tests.api.test_schema_fuzz import CHECKS, FUZZ_ROLES, keep_connection, schema, tokens  # noqa: F401

APIWorkflow = schema.as_state_machine()


class RoleWorkflow(APIWorkflow):  # type: ignore[misc, valid-type]
    token = ""

    def get_call_kwargs(self, case: Any) -> dict[str, Any]:
        return {"headers": {"Authorization": f"Token {self.token}"}}

    def validate_response(
        self, response: Any, case: Any, additional_checks: Any = None, **kwargs: Any
    ) -> None:
        case.validate_response(response, checks=CHECKS)


@pytest.mark.parametrize("role", FUZZ_ROLES)
@pytest.mark.usefixtures("keep_connection")
def test_chains_of_operations_answer_as_the_schema_says(role: str, tokens: dict[str, str]) -> None:  # noqa: F811
    workflow = type(f"Workflow_{role}", (RoleWorkflow,), {"token": tokens[role]})

    run_state_machine_as_test(
        workflow,
        settings=settings(
            max_examples=3,
            stateful_step_count=5,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        ),
    )
