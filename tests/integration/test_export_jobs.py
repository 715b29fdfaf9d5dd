"""A book built by a real Celery worker: asked for in one process, built in another, downloaded."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from submissions.models import ExportJob, ExportStatus
from tests.builders import build_world
from tests.integration.services import SMTPServer, wait_for
from tests.submissions.exporting import approved
from workflow import export_jobs as jobs
from workflow.exports import ExportRequest, request_export

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def test_the_worker_builds_the_book_and_a_second_delivery_changes_nothing(
    worker: SMTPServer, worker_media: Path, settings
) -> None:
    settings.MEDIA_ROOT = str(worker_media)
    world = build_world()
    approved(world)

    job = request_export(
        actor=world.organisasi,
        request=ExportRequest(kind="book", format="pdf", instansi_id=world.instansi.pk),
    )

    done = wait_for(
        lambda: ExportJob.objects.filter(pk=job.pk, status=ExportStatus.DONE).first(),
        timeout=120,
        what="buku selesai dibuat oleh worker",
    )
    assert done.percent == 100
    with done.file.open("rb") as stored:
        reader = PdfReader(io.BytesIO(stored.read()))
    assert len(reader.pages) == 2 + 2  # cover, contents, the standard's two pages
    assert "Kepala Seksi Surveilans" in (reader.pages[1].extract_text() or "")

    # The broker may deliver a task again (acks_late): the job is already done, so nothing is rebuilt.
    assert jobs.run(job.pk) == jobs.SKIPPED
    assert ExportJob.objects.get(pk=job.pk).file.name == done.file.name
