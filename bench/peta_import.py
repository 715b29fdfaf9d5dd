"""Preview and commit a 5,000-row peta jabatan: time and queries, bulk writes (issue 13).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/alur_skj_bench .venv/bin/python -m bench.peta_import

Builds a fresh instansi with `--opds` OPDs, a peta jabatan file of `--rows` positions (every one but
each OPD's head with a parent in its OPD), then measures, each with its query count and the number
of INSERT/UPDATE statements: the preview, the commit (one transaction), and the preview and commit
of the same file again (nothing changes). The instansi is removed afterwards.
"""

from __future__ import annotations

import argparse
import time
from typing import Any

from bench.common import setup_django, write_section


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--opds", type=int, default=125)
    parser.add_argument("--database-url")
    parser.add_argument("--no-write", action="store_true", help="print only, leave RESULTS.md alone")
    args = parser.parse_args()
    setup_django(args.database_url)
    results = _measure(args.rows, args.opds)
    for label, numbers in results.items():
        print(f"{label}: {numbers}")
    if not args.no_write:
        write_section("peta_import", "Peta jabatan import (issue 13)", _report(args.rows, args.opds, results))


def _measure(rows: int, opds: int) -> dict[str, dict[str, Any]]:
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    from bench.region_files import URUSAN, opd_rows, peta_rows, table
    from submissions.imports import plan_import, preview_import
    from submissions.models import OPD, ImportKind, Instansi, InstansiKind, Position, Urusan

    for name in URUSAN:
        Urusan.objects.get_or_create(name=name)
    instansi = Instansi.objects.create(
        name=f"Instansi Bench Peta {time.time_ns()}", kind=InstansiKind.KABUPATEN
    )
    OPD.objects.bulk_create(
        [OPD(instansi=instansi, name=row[0], short_name=row[1]) for row in opd_rows(opds)]
    )
    content = table(ImportKind.PETA_JABATAN, peta_rows(opds, rows // opds))
    results: dict[str, dict[str, Any]] = {}

    def measured(label: str, work: Any) -> Any:
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            value = work()
            elapsed = time.perf_counter() - started
        writes = [
            q["sql"] for q in queries.captured_queries if q["sql"].startswith(("INSERT", "UPDATE", "DELETE"))
        ]
        results[label] = {"seconds": round(elapsed, 2), "queries": len(queries), "writes": len(writes)}
        return value

    def commit() -> Any:
        with transaction.atomic():
            plan = plan_import(ImportKind.PETA_JABATAN, content, instansi)
            if plan.preview.ok:
                plan.write()
            return plan.preview

    try:
        first = measured(
            "preview (empty instansi)", lambda: preview_import(ImportKind.PETA_JABATAN, content, instansi)
        )
        results["preview (empty instansi)"]["rows"] = len(first.rows)
        results["preview (empty instansi)"]["file_kb"] = len(content) // 1024
        assert first.ok, first.all_problems()[:3]
        measured("commit (5,000 new)", commit)
        again = measured("preview again", lambda: preview_import(ImportKind.PETA_JABATAN, content, instansi))
        results["preview again"]["unchanged"] = again.counts["unchanged"]
        measured("commit again (nothing changes)", commit)
        results["stored"] = {"positions": Position.objects.filter(opd__instansi=instansi).count()}
    finally:
        positions = Position.objects.filter(opd__instansi=instansi)
        positions.update(parent=None)
        Position.urusan.through.objects.filter(position__in=positions).delete()
        positions.delete()
        OPD.objects.filter(instansi=instansi).delete()
        instansi.delete()
    return results


def _report(rows: int, opds: int, results: dict[str, dict[str, Any]]) -> str:
    lines = [
        f"A peta jabatan of {rows:,} positions in {opds} OPDs (XLSX, "
        f"{results['preview (empty instansi)'].get('file_kb', '?')} KB), read with tablib and checked by "
        "our rules, then committed in one transaction; then the same file again.",
        "",
        "| step | seconds | queries | INSERT/UPDATE/DELETE statements |",
        "|---|---|---|---|",
    ]
    for label, numbers in results.items():
        if label == "stored":
            continue
        lines.append(f"| {label} | {numbers['seconds']} | {numbers['queries']} | {numbers['writes']} |")
    lines += [
        "",
        "The number of queries does not grow with the rows: the preview reads the instansi's OPDs, "
        "positions, urusan links and standards once each (about half of its time is openpyxl reading the"
        " XLSX); the commit inserts the new positions level by level of the tree, parents first, one "
        "multi-row INSERT per level and 1,000 rows, so no position is updated after its insert, and "
        "writes the urusan links in batches of 2,000. The same file again writes nothing. A first "
        "version set the parents afterwards with Django's bulk_update: 77 s for the same commit, nearly "
        "all of it building the CASE WHEN expressions in Python.",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
