"""A consultation package clicked through: compile, send with a cover letter PDF, answer, enact."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from submissions.models import Position, PositionKind, Role, RoleAssignment, Submission
from tests.browser.test_lifecycle import MINISTRY, ORGANISASI, Session
from tests.builders import valid_content
from tests.letters import pdf_bytes
from workflow import services
from workflow.machine import State
from workflow.models import ConsultationPackage, Decree

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TODAY = timezone.localdate().isoformat()


NEW_POSITIONS = (
    "Pengelola Data Kepegawaian",
    "Penata Laporan Keuangan",
    "Pengadministrasi Umum",
    "Analis Perencanaan",
)


def _in_compilation(count: int) -> list[int]:
    """New positions in the OPDs of Pemerintah Kota Madiun, their standards carried to compilation."""
    staffed = list(
        RoleAssignment.objects.filter(role=Role.DRAFTER, opd__instansi__name="Pemerintah Kota Madiun")
        .select_related("opd", "user")
        .order_by("opd__name")
    )
    ids = []
    for index, name in enumerate(NEW_POSITIONS[:count]):
        assignment = staffed[index % len(staffed)]
        assert assignment.opd is not None
        reviewer = RoleAssignment.objects.get(role=Role.REVIEWER, opd=assignment.opd)
        position = Position.objects.create(opd=assignment.opd, name=name, kind=PositionKind.PELAKSANA)
        draft = services.submission_create_draft(position_id=position.pk, actor=assignment.user)
        services.submission_update_content(submission_id=draft.pk, actor=assignment.user, **_content())
        services.submission_fire_transition(submission_id=draft.pk, name="submit", actor=assignment.user)
        services.submission_fire_transition(submission_id=draft.pk, name="forward", actor=reviewer.user)
        ids.append(draft.pk)
    return ids


def _content() -> dict[str, Any]:
    """Valid for any kind of position (level 5 is at or above every minimum), free technical row."""
    content = valid_content()
    fixed = [{**row, "level": 5} for row in content["competencies"] if row["group"] != "technical"]
    technical = {"group": "technical", "name": "Analisis Kebijakan", "level": 3, "description": "-"}
    content["competencies"] = [*fixed, {**technical, "indicators": ["Menyusun telaah kebijakan"]}]
    return content


def test_bagian_organisasi_sends_a_package_and_the_ministry_answers_it(
    chromium: Any, live_server: Any, screenshots: Path, tmp_path: Path
) -> None:
    call_command("seed_demo")
    ids = _in_compilation(4)
    assert len(ids) == 4
    base = live_server.url

    organisasi = Session(chromium, base, ORGANISASI)
    page = organisasi.page
    organisasi.open("/kompilasi/")
    for pk in ids:
        page.locator(f"#pilih-{pk}").check()
    page.get_by_label("Judul paket baru").fill("Konsultasi SKJ Kota Madiun Tahap 1")
    page.get_by_role("button", name="Tambahkan ke paket").click()
    page.wait_for_selector(".message.success")
    package = ConsultationPackage.objects.get(title="Konsultasi SKJ Kota Madiun Tahap 1")

    letter = tmp_path / "surat-pengantar.pdf"
    letter.write_bytes(pdf_bytes())
    page.get_by_label("Nomor surat pengantar").fill("800/57/401.012/2026")
    page.get_by_label("Tanggal surat pengantar").fill(TODAY)
    page.get_by_label("Berkas surat pengantar (PDF, opsional)").set_input_files(str(letter))
    page.get_by_role("button", name="Kirim paket").click()
    page.wait_for_selector(".message.success")
    assert set(Submission.objects.filter(pk__in=ids).values_list("state", flat=True)) == {
        State.MINISTRY_CONSULTATION
    }

    ministry = Session(chromium, base, MINISTRY)
    mpage = ministry.page
    ministry.open(f"/paket/{package.pk}/")
    for pk in ids[:3]:
        mpage.locator(f"select[name=hasil_{pk}]").select_option("agreed")
        mpage.locator(f"input[name=kode_{pk}]").fill(f"JA.{pk:04d}")
    mpage.locator(f"select[name=hasil_{ids[3]}]").select_option("returned")
    mpage.locator(f"select[name=alasan_{ids[3]}]").select_option("wording")
    mpage.locator(f"input[name=catatan_{ids[3]}]").fill("Rumusan ikhtisar perlu diperjelas.")
    mpage.get_by_label("Nomor surat jawaban KemenPAN-RB").fill("B/812/M.SM.01.00/2026")
    mpage.get_by_label("Tanggal surat jawaban").fill(TODAY)
    mpage.get_by_role("button", name="Catat jawaban").click()
    mpage.wait_for_selector(".message.success")
    ministry.shot(screenshots, "10-paket-konsultasi.png")

    organisasi.open(f"/keputusan/baru/?paket={package.pk}")
    page.get_by_label("Nomor").fill("188.45/120/401.012/2026")
    page.get_by_label("Tanggal penetapan").fill(TODAY)
    page.get_by_role("button", name="Catat keputusan").click()
    page.wait_for_selector(".message.success")
    assert Decree.objects.get(number="188.45/120/401.012/2026").enactments.count() == 3
    organisasi.open("/standar-berlaku/")
    assert "188.45/120/401.012/2026" in page.locator("main").inner_text()

    assert organisasi.problems + ministry.problems == []
    organisasi.close()
    ministry.close()
