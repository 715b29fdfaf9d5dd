"""The runner and the scale benchmarks: databases per scale, sizes per table, pages that answer."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from django.db import connection

from bench import common, list_pages, run, scale_pages, seed_report
from bench.server import Run
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


def test_every_script_in_bench_runs_at_a_scale_or_says_why_it_does_not() -> None:
    scripts = {path.stem for path in Path(run.__file__).parent.glob("*.py")} - {"__init__", *run.HELPERS}

    assert scripts == {*run.BENCHMARKS, *run.NOT_SCALED} - {"seed"}
    assert not set(run.BENCHMARKS) & set(run.NOT_SCALED)


def test_the_readme_gives_the_reason_for_every_script_the_runner_leaves_out() -> None:
    readme = (Path(run.__file__).parent / "README.md").read_text()

    assert [name for name in run.NOT_SCALED if f"`{name}`" not in readme] == []


def test_a_ratio_is_taken_round_by_round_from_the_two_sides_of_each_round() -> None:
    assert common.round_ratios([2.0, 3.0, 4.0], [1.0, 3.0, 8.0]) == [2.0, 1.0, 0.5]
    with pytest.raises(ValueError, match="kedua sisi"):
        common.round_ratios([1.0, 2.0], [1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match="kedua sisi"):
        common.round_ratios([], [])


def test_the_deep_page_ratio_is_the_median_of_its_rounds_not_of_the_pooled_requests() -> None:
    def batch(*milliseconds: float) -> Run:
        return Run(latencies=[value / 1000 for value in milliseconds], wall=1.0)

    scenario = list_pages.Scenario(
        "skala.admin",
        1000,
        first=[batch(10, 10, 10), batch(20, 20, 20), batch(10, 10, 10)],
        deep=[batch(10, 10, 10), batch(10, 10, 10), batch(30, 30, 30)],
        queries=(3, 3),
    )

    assert [round(ratio, 2) for ratio in scenario.ratios] == [1.0, 0.5, 3.0]
    assert common.spread(scenario.ratios) == "1.00x (0.50-3.00)"
    assert len(list_pages.pooled(scenario.first).latencies) == 9


def test_the_reminder_sweep_of_every_scale_compares_with_one_shared_small_database(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("BENCH_DATABASE_URL", raising=False)
    monkeypatch.setenv("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/alur_x")

    arguments = run.arguments_for("reminder_sweep", quick=False)

    assert arguments[:2] == ["-m", "bench.reminder_sweep"]
    assert arguments[arguments.index("--small-url") + 1] == "postgres://postgres@127.0.0.1:5432/alur_x_1k"


def test_a_quick_run_sends_fewer_requests_but_keeps_three_rounds() -> None:
    for name in run.BENCHMARKS:
        full, quick = run.arguments_for(name, quick=False), run.arguments_for(name, quick=True)

        assert quick[: len(full)] == full, name
        assert not {"--rounds", "--repeats"} & set(quick), name
    assert run.arguments_for("status_endpoint", quick=True)[-4:] == ["--requests", "200", "--ids", "100"]
    assert common.ROUNDS == 3


def test_the_runner_s_section_gives_each_script_s_minutes_and_load_and_the_total_after_seeding() -> None:
    steps = [
        run.Step("seed", 120.0, "1.0, 1.0, 1.0", "1.5, 1.1, 1.0"),
        run.Step("scale_pages", 300.0, "1.5, 1.1, 1.0", "2.5, 2.0, 1.2"),
        run.Step("list_pages", 60.0, "2.5, 2.0, 1.2", "2.0, 2.0, 1.3", failed="failed (code 1)"),
    ]

    body = run.timings_body(steps, seeded=600.0, quick=True)

    assert "| scale_pages | 5.0 | 1.5, 1.1, 1.0 | 2.5, 2.0, 1.2 | ok |" in body
    assert "| list_pages | 1.0 | 2.5, 2.0, 1.2 | 2.0, 2.0, 1.3 | failed (code 1) |" in body
    assert "**6.0 min**" in body  # seeding is not part of the benchmarks' time
    assert "Seeding (`seed_scale`, before them): 10.0 min." in body
    assert "`--quick`" in body


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
    # The documents share their rows: every one points at a set, stored once per distinct list.
    assert sizes["submissions_competencyset"][0] <= 5
    assert sizes["submissions_requirementrow"][0] == 3
    assert all(size > 0 for _, size in sizes.values())


def test_the_documents_benchmark_follows_the_keyset_to_the_last_full_page(seeded: None) -> None:
    caller = scale_pages.Caller(scale_pages.ORGANISASI)

    last, pages = scale_pages.last_full_keyset_page(caller, "/api/v1/submissions/?page_size=10")
    before_a_short_one, full_pages = scale_pages.last_full_keyset_page(
        caller, "/api/v1/submissions/?page_size=15"
    )

    assert pages == 5  # 50 documents: five full pages
    assert "cursor=" in last
    assert caller.get(last).status_code == 200
    assert full_pages == 3  # 15, 15, 15, then 5: the third is the last as full as the first
    assert len(caller.get(before_a_short_one).json()["results"]) == 15


def test_every_page_benchmark_measures_three_rounds_of_answered_requests(seeded: None) -> None:
    for name, benchmark in scale_pages.BENCHMARKS.items():
        title, lines = benchmark(1)

        assert title, name
        assert not [line for line in lines if "| 500 |" in line or "| 404 |" in line], name
        assert any("budget" in line for line in lines), name
