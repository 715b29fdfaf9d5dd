"""docker-compose.yml, the Dockerfile and .env.example agree with the code they start.

No Docker daemon is needed: the files are parsed, and every entry point they name is imported or
looked up, so a renamed module or command breaks this test instead of a deployment.
"""

from __future__ import annotations

import importlib
import json
import re
import shlex
from pathlib import Path
from typing import Any

import pytest
import yaml
from celery import Celery
from django.core.management import get_commands
from django.urls import resolve

ROOT = Path(__file__).resolve().parent.parent
APP_SERVICES = ("web", "worker", "beat")
SERVICES = ("web", "worker", "beat", "postgres", "redis", "mailpit")
# DESIGN.md section 5: the environment every deployment sets.
DESIGN_VARIABLES = (
    "SECRET_KEY",
    "DEBUG",
    "ALLOWED_HOSTS",
    "DATABASE_URL",
    "REDIS_URL",
    "EMAIL_URL",
    "DEFAULT_FROM_EMAIL",
    "SITE_URL",
    "TIME_ZONE",
    "LANGUAGE_CODE",
)


# Read by gunicorn itself, not by the settings: the proxies X-Forwarded-Proto is believed from.
READ_BY_GUNICORN = ("FORWARDED_ALLOW_IPS",)


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


@pytest.fixture(scope="module")
def services(compose: dict[str, Any]) -> dict[str, Any]:
    return compose["services"]


def as_argv(command: str | list[str]) -> list[str]:
    return shlex.split(command) if isinstance(command, str) else list(command)


def commands_in(argv: list[str]) -> list[list[str]]:
    """The programs one command line runs; `sh -c "a && b"` runs a and b."""
    if argv[:2] == ["sh", "-c"]:
        return [shlex.split(part) for part in re.split(r"&&|;", argv[2])]
    return [argv]


def attribute_of(module_name: str, path: str) -> Any:
    try:
        found: Any = importlib.import_module(module_name)
    except ImportError:
        return None
    for name in path.split("."):
        found = getattr(found, name, None)
    return found


def entry_point_problems(argv: list[str]) -> list[str]:
    program, args = argv[0], argv[1:]
    if program == "celery":
        module_name = args[args.index("-A") + 1]
        celery_app = attribute_of(module_name, "celery.app")
        return [] if isinstance(celery_app, Celery) else [f"no Celery app at {module_name}.celery.app"]
    if program == "gunicorn":
        target = next(arg for arg in args if ":" in arg and not arg[0].isdigit())
        module_name, attribute = target.split(":")
        return [] if callable(attribute_of(module_name, attribute)) else [f"no WSGI application {target}"]
    if program == "python" and args[:1] == ["manage.py"]:
        return [] if args[1] in get_commands() else [f"unknown manage.py command {args[1]}"]
    if program == "python" and args[:1] == ["-c"]:
        compile(args[1], "<healthcheck>", "exec")
        return []
    return [f"unchecked program {program}"]


def test_the_six_services_exist(services: dict[str, Any]) -> None:
    assert set(SERVICES) <= set(services)


def test_there_is_exactly_one_beat(services: dict[str, Any]) -> None:
    beat = services["beat"]
    assert beat.get("deploy", {}).get("replicas", 1) == 1
    assert beat.get("scale", 1) == 1
    assert sum("beat" in as_argv(service.get("command", [])) for service in services.values()) == 1


@pytest.mark.parametrize("name", APP_SERVICES)
def test_the_application_waits_for_healthy_postgres_and_redis_and_migrations(
    services: dict[str, Any], name: str
) -> None:
    depends_on = services[name]["depends_on"]
    assert depends_on["postgres"]["condition"] == "service_healthy"
    assert depends_on["redis"]["condition"] == "service_healthy"
    assert depends_on["migrate"]["condition"] == "service_completed_successfully"


def test_migrations_run_before_the_application(services: dict[str, Any]) -> None:
    programs = commands_in(as_argv(services["migrate"]["command"]))
    assert ["python", "manage.py", "migrate", "--noinput"] in programs


def test_redis_keeps_the_queue_on_disk_and_never_evicts_it(services: dict[str, Any]) -> None:
    argv = as_argv(services["redis"]["command"])
    assert argv[argv.index("--appendonly") + 1] == "yes"
    assert argv[argv.index("--appendfsync") + 1] == "everysec"
    assert argv[argv.index("--maxmemory-policy") + 1] == "noeviction"
    assert services["redis"]["image"].startswith("redis:7")


def test_postgres_and_redis_and_web_have_health_checks(services: dict[str, Any]) -> None:
    assert "pg_isready" in " ".join(as_argv(services["postgres"]["healthcheck"]["test"]))
    assert as_argv(services["redis"]["healthcheck"]["test"])[-2:] == ["redis-cli", "ping"]
    assert services["postgres"]["image"].startswith("postgres:16")
    assert "/healthz/" in " ".join(as_argv(services["web"]["healthcheck"]["test"]))


def test_the_web_health_check_targets_a_real_view() -> None:
    assert resolve("/healthz/").func is not None


def test_web_runs_five_gunicorn_workers(services: dict[str, Any]) -> None:
    argv = as_argv(services["web"]["command"])
    assert argv[0] == "gunicorn"
    assert argv[argv.index("--workers") + 1] == "5"


def test_mailpit_receives_smtp_on_1025_and_shows_it_on_8025(services: dict[str, Any]) -> None:
    mailpit = services["mailpit"]
    assert mailpit["image"].startswith("axllent/mailpit")
    assert "1025" in [str(port) for port in mailpit.get("expose", [])]
    assert any(str(port).endswith("8025") for port in mailpit["ports"])


def test_the_application_reads_its_environment_from_dot_env(services: dict[str, Any]) -> None:
    for name in (*APP_SERVICES, "migrate"):
        assert ".env" in services[name]["env_file"], name


def test_every_command_in_compose_starts_something_that_exists(services: dict[str, Any]) -> None:
    problems = []
    for name, service in services.items():
        if "build" not in service:
            continue  # third-party images (postgres, redis, mailpit) bring their own programs
        for argv in commands_in(as_argv(service.get("command", []))):
            problems += [f"{name}: {problem}" for problem in entry_point_problems(argv)]
        healthcheck = as_argv(service.get("healthcheck", {}).get("test", ["NONE"]))
        if healthcheck[0] == "CMD":
            problems += [f"{name} healthcheck: {p}" for p in entry_point_problems(healthcheck[1:])]
    assert problems == []


def dockerfile_instructions(keyword: str) -> list[str]:
    text = (ROOT / "Dockerfile").read_text().replace("\\\n", " ")
    return [line.split(None, 1)[1] for line in text.splitlines() if line.upper().startswith(f"{keyword} ")]


def test_the_dockerfile_cmd_and_entrypoint_exist() -> None:
    entries = dockerfile_instructions("CMD") + dockerfile_instructions("ENTRYPOINT")
    assert entries
    for entry in entries:
        argv = json.loads(entry)
        assert entry_point_problems(argv) == []


def test_the_image_is_slim_python_311_runs_as_non_root_and_installs_the_lock_with_hashes() -> None:
    assert dockerfile_instructions("FROM") == ["python:3.11-slim"]
    users = dockerfile_instructions("USER")
    assert users
    assert users[-1] not in ("root", "0")
    assert any("--require-hashes -r requirements.lock" in run for run in dockerfile_instructions("RUN"))
    assert any("collectstatic" in run and "SECRET_KEY=" in run for run in dockerfile_instructions("RUN"))


def test_every_file_the_dockerfile_copies_by_name_exists() -> None:
    for copy in dockerfile_instructions("COPY"):
        sources = [part for part in copy.split()[:-1] if not part.startswith("--")]
        for source in sources:
            assert (ROOT / source).exists(), source


def env_example_variables() -> list[str]:
    text = (ROOT / ".env.example").read_text()
    return re.findall(r"^#?\s?([A-Z][A-Z0-9_]+)=", text, flags=re.MULTILINE)


def test_the_env_example_sets_every_variable_of_the_design() -> None:
    active = re.findall(r"^([A-Z][A-Z0-9_]+)=", (ROOT / ".env.example").read_text(), flags=re.MULTILINE)
    assert set(DESIGN_VARIABLES) <= set(active)


def test_every_variable_in_the_env_example_is_read_by_the_settings() -> None:
    settings_source = (ROOT / "config" / "settings.py").read_text()
    variables = env_example_variables()
    assert len(variables) >= len(DESIGN_VARIABLES)
    unread = [name for name in variables if f'"{name}"' not in settings_source]
    assert unread == list(READ_BY_GUNICORN)


def test_the_worker_and_every_long_running_service_restart_by_themselves(services: dict[str, Any]) -> None:
    for name in ("web", "worker", "beat", "postgres", "redis"):
        assert services[name]["restart"] in ("always", "unless-stopped"), name
    assert services["migrate"]["restart"] == "no"
