"""Production settings: refuse a default secret, pass Django's deployment checklist."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    # The browser tier sets DJANGO_ALLOW_ASYNC_UNSAFE for itself; production never has it.
    inherited = ("DEBUG", "SECRET_KEY", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")
    clean = {k: v for k, v in os.environ.items() if k not in inherited}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_refuses_to_start_without_a_secret_key() -> None:
    result = run_manage("check", DEBUG="0")

    assert result.returncode != 0
    assert "SECRET_KEY is unset or left at its development default" in result.stderr


def test_production_refuses_the_development_default_secret_key() -> None:
    result = run_manage("check", DEBUG="0", SECRET_KEY="django-insecure-alur-skj-development-only")

    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_settings_pass_the_deployment_checklist() -> None:
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="skj.example.go.id",
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_a_development_machine_starts_with_the_default_secret() -> None:
    result = run_manage("check", DEBUG="1")

    assert result.returncode == 0, result.stderr


def test_a_process_that_imports_pytest_outside_a_test_run_is_not_testing() -> None:
    code = (
        "import os, pytest; os.environ.pop('PYTEST_VERSION', None);"
        "os.environ['DJANGO_SETTINGS_MODULE'] = 'config.settings';"
        "from django.conf import settings; print(settings.TESTING)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**os.environ, "DEBUG": "1"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert result.stdout.strip() == "False", result.stderr


def test_production_refuses_the_placeholder_secret_key_of_the_example_environment() -> None:
    example = (ROOT / ".env.example").read_text()
    placeholder = next(line for line in example.splitlines() if line.startswith("SECRET_KEY="))

    result = run_manage("check", DEBUG="0", SECRET_KEY=placeholder.removeprefix("SECRET_KEY="))

    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_believes_x_forwarded_proto_only_through_gunicorn() -> None:
    # Django itself would trust the header from anyone; gunicorn checks the sender (FORWARDED_ALLOW_IPS).
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.SECURE_PROXY_SSL_HEADER)",
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
    )

    assert result.stdout.strip().splitlines()[-1] == "None", result.stderr


def test_migrate_runs_as_the_owner_given_by_database_migration_url(tmp_path: Path) -> None:
    app, owner = tmp_path / "app.sqlite3", tmp_path / "owner.sqlite3"
    urls = {"DATABASE_URL": f"sqlite:///{app}", "DATABASE_MIGRATION_URL": f"sqlite:///{owner}"}

    result = run_manage("migrate", "--noinput", DEBUG="1", **urls)

    assert result.returncode == 0, result.stderr
    assert owner.exists()
    assert not app.exists()
