"""The runner and the scale benchmarks: databases per scale, sizes per table, pages that answer."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from django.db import connection

from bench import common, run, scale_pages, seed_report
from demo.scale import ScaleOptions, seed_scale
from tests.services import need

NOW = datetime.datetime(2026, 11, 20, 3, 0, tzinfo=datetime.UTC)


def test_each_scale_gets_its_own_database_beside_the_configured_one(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BENCH_DATABASE_URL", raising=False)
    monkeypatch.setenv("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/alur_x")

    assert run.database_url("10k") == "postgres://postgres@127.0.0.1:5432/alur_x_10k"
    assert run.database_url("1m") == "postgres://postgres@127.0.0.1:5432/alur_x_1m"


def test_a_million_standards_are_spread_over_the_country_s_546_instansi() -> None:
    assert run.instansi_for(1_000_000) == 546
    assert run.instansi_for(10_000) == 5
    assert run.instansi_for(50) == 1


def test_a_figure_repeated_three_times_reads_as_its_median_and_range() -> None:
    assert common.spread([1.3, 1.1, 1.25]) == "1.25x (1.10-1.30)"


@pytest.mark.django_db
def test_a_scale_run_writes_its_own_section_beside_the_unscaled_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(common, "RESULTS", tmp_path / "RESULTS.md")
    common.write_section("list_pages", "Lists", "old numbers")
    monkeypatch.setenv("BENCH_SCALE", "10k")

    common.write_section("list_pages", "Lists", "new numbers")

    text = (tmp_path / "RESULTS.md").read_text()
    assert "old numbers" in text
    assert "new numbers" in text
    assert "## Lists (10k)" in text
    assert "load average" in text


@pytest.fixture
def seeded(db: None) -> None:
    need(connection.vendor == "postgresql", "benchmark skala membutuhkan PostgreSQL (set DATABASE_URL)")
    seed_scale(ScaleOptions(submissions=50, instansi=1, opds_per_instansi=2, with_rows=True), now=NOW)


def test_the_size_report_counts_the_rows_of_every_table_the_generator_fills(seeded: None) -> None:
    sizes = {table: (rows, size) for table, rows, size in seed_report.table_sizes()}

    assert sizes["submissions_submission"][0] == 50
    assert sizes["submissions_competencyrow"][0] == 500
    assert sizes["submissions_requirementrow"][0] == 150
    assert all(size > 0 for _, size in sizes.values())


def test_the_documents_benchmark_follows_the_keyset_to_the_last_page(seeded: None) -> None:
    caller = scale_pages.Caller(scale_pages.ORGANISASI)

    last, pages = scale_pages.last_keyset_page(caller, "/api/v1/submissions/?page_size=10")

    assert pages == 5
    assert "cursor=" in last
    assert caller.get(last).status_code == 200


def test_every_page_benchmark_measures_three_rounds_of_answered_requests(seeded: None) -> None:
    for name, benchmark in scale_pages.BENCHMARKS.items():
        title, lines = benchmark(1)

        assert title, name
        assert not [line for line in lines if "| 500 |" in line or "| 404 |" in line], name
        assert any("budget" in line for line in lines), name
