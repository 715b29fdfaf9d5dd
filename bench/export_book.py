"""A 250-standard book as Word and as PDF, built the way the Celery worker builds it.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/alur_skj_bench .venv/bin/python -m bench.export_book

Budget (issue 12): a book of about 250 standards never holds a web request or a web worker's
memory; it runs as a background job. This records what that job costs the worker: wall time
and peak resident memory per format, with the page count and size of the file. The data is an
instansi of its own ("Instansi Buku Benchmark", 10 OPDs, N approved standards with the 8
managerial rows, the socio-cultural row, 3 technical rows of 3 indicators each and 8 requirement
rows), created on first use in the benchmark database and reused after. Each measurement runs
in a fresh process calling `workflow.export_jobs.run(job_id)`, exactly what the task does;
its peak RSS (`getrusage`) is reported next to the RSS of the same process before the build.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import resource
import subprocess
import sys
import time
from typing import Any

from bench.common import PROJECT_DIR, setup_django, write_section

MARK = "RESULT "
INSTANSI = "Instansi Buku Benchmark"
LOREM = (
    "Menyusun rencana, melaksanakan, dan mengevaluasi kegiatan sesuai ketentuan peraturan "
    "perundang-undangan agar hasil kerja unit tercapai tepat waktu dan tepat sasaran."
)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--standards", type=int, default=250)
    parser.add_argument("--formats", default="docx,pdf")
    parser.add_argument("--child-job", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    setup_django()
    if args.child_job:
        _child(args.child_job)
        return
    instansi_id = _ensure_data(args.standards)
    results = [_measure(instansi_id, fmt) for fmt in args.formats.split(",")]
    _report(args.standards, results)


def _ensure_data(count: int) -> int:
    from submissions.models import Submission

    instansi = _instansi()
    have = Submission.objects.filter(position__opd__instansi=instansi, state="approved").count()
    if have < count:
        _create_standards(instansi, count - have, start=have)
    return instansi.pk


def _instansi() -> Any:
    from submissions.models import OPD, Instansi

    instansi, _ = Instansi.objects.get_or_create(name=INSTANSI, defaults={"kind": "kabupaten"})
    for number in range(1, 11):
        OPD.objects.get_or_create(instansi=instansi, name=f"Dinas Benchmark {number:02d}")
    return instansi


def _create_standards(instansi: Any, count: int, *, start: int) -> None:
    from django.db import transaction
    from django.utils import timezone

    from submissions.models import CompetencySet, Position, RequirementSet, Submission, stored_set
    from workflow.decrees.models import Decree, Enactment

    opds = list(instansi.opds.order_by("name"))
    with transaction.atomic():
        # The same rows for every standard: one set of each kind, as the documents of a kind share.
        competency_set = stored_set(CompetencySet, _competencies())
        requirement_set = stored_set(RequirementSet, _requirements())
        positions = Position.objects.bulk_create(
            Position(opd=opds[n % len(opds)], name=f"Kepala Seksi Benchmark {n + 1:03d}", kind="pengawas")
            for n in range(start, start + count)
        )
        submissions = Submission.objects.bulk_create(
            Submission(
                position=position,
                state="approved",
                summary=LOREM,
                approved_at=timezone.now(),
                competency_set=competency_set,
                requirement_set=requirement_set,
            )
            for position in positions
        )
        # All under one decree, as a book's lampiran expects (the title page prints its number).
        decree, _ = Decree.objects.get_or_create(
            instansi=instansi,
            kind="keputusan",
            head="wali_kota",
            number="800/BENCH/2026",
            date=timezone.localdate(),
            defaults={"title": "Standar Kompetensi Jabatan"},
        )
        Enactment.objects.bulk_create(
            Enactment(decree=decree, submission=submission) for submission in submissions
        )


def _competencies() -> list[Any]:
    from submissions.models import CompetencyRow, level_text_for

    fixed = [("managerial", f"M.0{n}") for n in range(1, 9)] + [("sociocultural", "SK.01")]
    technical = [("technical", f"T.{n:02d}") for n in range(1, 4)]
    indicators = [f"{LOREM[:70]} ({index})" for index in range(1, 4)]
    return [
        CompetencyRow(
            group=group,
            level=2,
            text=level_text_for(
                code=code, name=f"Kompetensi {code}", description=LOREM, indicators=indicators
            ),
        )
        for group, code in fixed + technical
    ]


def _requirements() -> list[Any]:
    from submissions.models import RequirementRow

    sections = (
        "education_level",
        "field_of_study",
        "training_managerial",
        "training_technical",
        "training_functional",
        "experience",
        "rank",
        "performance_indicator",
    )
    return [RequirementRow(section=section, text=LOREM[:90], importance="mutlak") for section in sections]


def _measure(instansi_id: int, fmt: str) -> dict[str, Any]:
    from django.contrib.auth.models import User

    from submissions.models import ExportJob

    user, _ = User.objects.get_or_create(username="bench.export")
    job = ExportJob.objects.create(requested_by=user, kind="book", format=fmt, instansi_id=instansi_id)
    command = [sys.executable, "-m", "bench.export_book", "--child-job", str(job.pk)]
    output = subprocess.run(command, cwd=PROJECT_DIR, capture_output=True, text=True, check=True).stdout
    line = next(line for line in output.splitlines() if line.startswith(MARK))
    result: dict[str, Any] = json.loads(line[len(MARK) :])
    print(f"{fmt}: {result}")
    return result


def _child(job_id: int) -> None:
    from submissions.models import ExportJob
    from workflow import export_jobs as jobs

    before = _rss_mb()
    started, cpu_started = time.perf_counter(), time.process_time()
    outcome = jobs.run(job_id)
    seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu_started
    job = ExportJob.objects.get(pk=job_id)
    with job.file.open("rb") as stored:
        content = stored.read()
    result = {
        "format": job.format,
        "outcome": outcome,
        "seconds": round(seconds, 1),
        "cpu_seconds": round(cpu_seconds, 1),
        "load": round(os.getloadavg()[0], 1),
        "rss_before_mb": before,
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "size_mb": round(len(content) / 1_000_000, 1),
        "pages": _pages(job.format, content),
        "sections": _sections(job.format, content),
    }
    job.file.storage.delete(str(job.file.name))
    print(MARK + json.dumps(result))


def _rss_mb() -> int:
    with open("/proc/self/status") as status:
        line = next(line for line in status if line.startswith("VmRSS:"))
    return round(int(line.split()[1]) / 1024)


def _pages(fmt: str, content: bytes) -> int | None:
    if fmt != "pdf":
        return None
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(content)).pages)


def _sections(fmt: str, content: bytes) -> int | None:
    if fmt != "docx":
        return None
    import docx

    return len(docx.Document(io.BytesIO(content)).sections)


def _report(count: int, results: list[dict[str, Any]]) -> None:
    rows = "\n".join(
        f"| {r['format']} | {r['seconds']} s | {r['cpu_seconds']} s (load {r['load']}) "
        f"| {r['peak_rss_mb']} MB "
        f"(process at start: {r['rss_before_mb']} MB) "
        f"| {r['pages'] or '-'} | {r['sections'] or '-'} | {r['size_mb']} MB |"
        for r in results
    )
    body = f"""A book of {count} approved standards (12 competencies with 3 indicators and 8 requirement rows
each), built by `workflow.export_jobs.run` in a fresh process, as the Celery worker runs it.
The machine's 2 cores are shared with other work: the CPU time is what the build itself cost,
the wall time what it took with the load at the time.

| format | wall time | CPU time (load at the end) | peak RSS of worker | PDF pages | Word sections | file |
|---|---|---|---|---|---|---|
{rows}
"""
    write_section("export_book", f"Book of {count} standards (Word and PDF)", body)


if __name__ == "__main__":
    main()
