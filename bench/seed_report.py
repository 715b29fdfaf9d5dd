"""The seeding section of bench/RESULTS.md: how long `seed_scale` took, rows and size per table."""

from __future__ import annotations

import argparse

from bench.common import setup_django, write_section

TABLES = (
    "submissions_position",
    "submissions_position_urusan",
    "submissions_submission",
    "workflow_transitionlog",
    "notifications_notification",
    "submissions_competencyset",
    "submissions_competencyrow",
    "submissions_leveltext",
    "submissions_requirementset",
    "submissions_requirementrow",
)


def table_sizes() -> list[tuple[str, int, int]]:
    """(table, rows, bytes with indexes and TOAST) of the tables the generator fills."""
    from django.db import connection

    sizes = []
    with connection.cursor() as cursor:
        for table in TABLES:
            cursor.execute(f'SELECT COUNT(*), pg_total_relation_size(%s) FROM "{table}"', [table])
            rows, size = cursor.fetchone()
            sizes.append((table, int(rows), int(size)))
        cursor.execute("SELECT pg_database_size(current_database())")
        sizes.append(("(whole database)", 0, int(cursor.fetchone()[0])))
    return sizes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, required=True, help="How long seed_scale took.")
    args = parser.parse_args()
    setup_django()
    from django.db import connection

    from demo.scale import BULK_THRESHOLD, scale_submissions

    documents = scale_submissions().count()
    lines = [
        f"`seed_scale --submissions {documents} --with-rows` (COPY) took **{args.seconds:.0f} s** "
        f"({args.seconds / 60:.1f} min) into `{connection.settings_dict['NAME']}`, in one transaction "
        f"with the filled tables' secondary indexes and foreign keys built once at its end "
        f"(demo/scale/bulk.py, any load of {BULK_THRESHOLD:,} documents or more into a smaller dataset).",
        "",
        "| table | rows | size (pg_total_relation_size) |",
        "|---|---|---|",
    ]
    for table, rows, size in table_sizes():
        lines.append(
            f"| `{table}` | {rows:,} | {size / 2**20:,.1f} MB |"
            if rows
            else f"| {table} | | {size / 2**20:,.1f} MB |"
        )
    write_section("seed", "Seeding with COPY", "\n".join(lines))


if __name__ == "__main__":
    main()
