"""Export jobs in the worker: claimed once, safe to run twice, progress reported, files kept then purged."""

from __future__ import annotations

import datetime
import io

import docx
import pytest
from django.utils import timezone
from pypdf import PdfReader

from submissions.models import ExportJob, ExportStatus
from tests.builders import World
from tests.submissions.exporting import approved
from workflow import export_jobs as jobs


def job_for(world: World, **fields) -> ExportJob:
    values = {"kind": "book", "format": "docx", "instansi": world.instansi, **fields}
    return ExportJob.objects.create(requested_by=world.organisasi, **values)


@pytest.fixture
def in_force(world: World) -> World:
    approved(world)
    return world


def test_a_book_job_builds_its_file_reports_progress_and_sets_its_expiry(in_force: World, settings) -> None:
    settings.EXPORT_FILE_TTL_HOURS = 6
    job = job_for(in_force)

    assert jobs.run(job.pk) == jobs.CLAIMED

    job.refresh_from_db()
    assert job.status == ExportStatus.DONE
    assert (job.done, job.total, job.percent) == (2, 2, 100)  # one standard, then writing the file
    assert job.filename == "Buku-SKJ-pemerintah-kota-uji.docx"
    assert job.expires_at is not None
    assert job.finished_at is not None
    assert job.expires_at - job.finished_at == datetime.timedelta(hours=6)
    with job.file.open("rb") as stored:
        document = docx.Document(io.BytesIO(stored.read()))
    assert len(document.sections) == 2


def test_running_the_same_job_twice_builds_it_once(in_force: World) -> None:
    job = job_for(in_force, format="pdf")

    assert jobs.run(job.pk) == jobs.CLAIMED
    first = ExportJob.objects.get(pk=job.pk)
    assert jobs.run(job.pk) == jobs.SKIPPED

    again = ExportJob.objects.get(pk=job.pk)
    assert (again.file.name, again.attempts, again.finished_at) == (first.file.name, 1, first.finished_at)
    with again.file.open("rb") as stored:
        assert len(PdfReader(io.BytesIO(stored.read())).pages) >= 3


def test_a_job_another_worker_is_running_is_left_alone(in_force: World) -> None:
    job = job_for(in_force)
    ExportJob.objects.filter(pk=job.pk).update(status=ExportStatus.RUNNING, heartbeat_at=timezone.now())

    assert jobs.run(job.pk) == jobs.SKIPPED
    assert ExportJob.objects.get(pk=job.pk).status == ExportStatus.RUNNING


def test_a_job_whose_worker_fell_silent_is_taken_up_again(in_force: World, settings) -> None:
    settings.EXPORT_STALE_SECONDS = 60
    job = job_for(in_force)
    silent = timezone.now() - datetime.timedelta(minutes=5)
    ExportJob.objects.filter(pk=job.pk).update(status=ExportStatus.RUNNING, heartbeat_at=silent, attempts=1)

    assert jobs.run(job.pk) == jobs.CLAIMED
    job.refresh_from_db()
    assert (job.status, job.attempts) == (ExportStatus.DONE, 2)


def test_a_job_out_of_attempts_is_not_taken_up(in_force: World, settings) -> None:
    settings.EXPORT_MAX_ATTEMPTS = 2
    job = job_for(in_force)
    ExportJob.objects.filter(pk=job.pk).update(attempts=2)

    assert jobs.run(job.pk) == jobs.SKIPPED


def test_a_failing_build_marks_the_job_failed_with_a_message_for_people(in_force: World, monkeypatch) -> None:
    job = job_for(in_force)

    def broken(job: ExportJob) -> tuple[bytes, str]:
        raise ValueError("layout exploded")

    monkeypatch.setattr(jobs, "build", broken)

    assert jobs.run(job.pk) == jobs.FAILED
    job.refresh_from_db()
    assert job.status == ExportStatus.FAILED
    assert job.error == jobs.FAILURE_MESSAGE
    assert "exploded" not in job.error


def test_expired_files_are_deleted_and_their_jobs_marked_expired(in_force: World) -> None:
    job = job_for(in_force)
    jobs.run(job.pk)
    job.refresh_from_db()
    storage, name = job.file.storage, job.file.name
    assert name is not None
    assert storage.exists(name)

    assert jobs.purge_expired(now=timezone.now()) == 0
    assert jobs.purge_expired(now=timezone.now() + datetime.timedelta(hours=25)) == 1

    assert not storage.exists(name)
    assert ExportJob.objects.get(pk=job.pk).status == ExportStatus.EXPIRED


def test_a_recap_and_a_single_standard_are_jobs_too(in_force: World) -> None:
    recap = job_for(in_force, kind="recap", format="xlsx")
    single = job_for(
        in_force, kind="standard", format="pdf", instansi=None, submission=in_force.position.submissions.get()
    )

    jobs.run(recap.pk)
    jobs.run(single.pk)

    assert ExportJob.objects.get(pk=recap.pk).filename == "Rekap-SKJ-pemerintah-kota-uji.xlsx"
    assert ExportJob.objects.get(pk=single.pk).filename == "SKJ-kepala-seksi-surveilans-v1.pdf"
