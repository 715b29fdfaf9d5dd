"""The package, decree and effective-standards pages, driven as Bagian Organisasi and the ministry."""

from __future__ import annotations

from django.test import Client

from tests.builders import World
from tests.documents import LETTER
from tests.letters import pdf_upload, text_named_pdf
from tests.workflow.packages_world import agree_all, compiled_standards, sent_package
from workflow.machine import State
from workflow.models import ConsultationPackage, Decree
from workflow.packages.models import Outcome


def _as(client: Client, user: object) -> Client:
    client.force_login(user)  # type: ignore[arg-type]
    return client


def test_bagian_organisasi_ticks_standards_on_the_compilation_list_and_sends_the_package(
    world: World, client: Client
) -> None:
    documents = compiled_standards(world, 3)
    page = _as(client, world.organisasi).get("/kompilasi/")
    assert page.status_code == 200
    assert "Tambahkan ke paket" in page.content.decode()

    added = client.post("/paket/tambah/", {"dokumen": [d.pk for d in documents[:2]], "judul": "Tahap 1"})
    package = ConsultationPackage.objects.get(title="Tahap 1")
    assert added.url == f"/paket/{package.pk}/"  # type: ignore[attr-defined]
    assert package.items.count() == 2

    form = {"letter_number": "800/3/Org/2026", "letter_date": LETTER["letter_date"].isoformat()}
    client.post(f"/paket/{package.pk}/kirim/", {**form, "letter_file": pdf_upload()})
    package.refresh_from_db()
    assert package.sent_at is not None
    assert package.cover_letter is not None
    shown = client.get(f"/paket/{package.pk}/").content.decode()
    assert "Terkirim ke KemenPAN-RB" in shown
    assert client.get(f"/surat/{package.cover_letter.pk}/")["Content-Disposition"].startswith("attachment")


def test_a_text_file_named_pdf_is_refused_on_the_page_and_the_package_stays_a_draft(
    world: World, client: Client
) -> None:
    documents = compiled_standards(world, 1)
    _as(client, world.organisasi).post("/paket/tambah/", {"dokumen": [documents[0].pk], "judul": "P"})
    package = ConsultationPackage.objects.get()
    form = {
        "letter_number": "800/3",
        "letter_date": LETTER["letter_date"].isoformat(),
        "letter_file": text_named_pdf(),
    }
    response = client.post(f"/paket/{package.pk}/kirim/", form, follow=True)
    assert "Berkas surat harus berupa PDF" in response.content.decode()
    package.refresh_from_db()
    assert package.sent_at is None


def test_the_ministry_answers_many_items_in_one_form(world: World, client: Client) -> None:
    documents = compiled_standards(world, 3)
    package = sent_package(world, documents)
    page = _as(client, world.ministry).get("/paket/")
    assert world.instansi.name in page.content.decode()
    form = {
        "letter_number": "B/5/M.SM.01/2026",
        "letter_date": LETTER["letter_date"].isoformat(),
        f"hasil_{documents[0].pk}": "agreed",
        f"kode_{documents[0].pk}": "JF.9",
        f"hasil_{documents[1].pk}": "returned",
        f"alasan_{documents[1].pk}": "wording",
        f"catatan_{documents[1].pk}": "Perbaiki ikhtisar.",
    }
    client.post(f"/paket/{package.pk}/jawaban/", form)
    outcomes = dict(package.items.values_list("submission_id", "outcome"))
    assert outcomes == {
        documents[0].pk: Outcome.AGREED,
        documents[1].pk: Outcome.RETURNED,
        documents[2].pk: Outcome.PENDING,
    }
    assert "Sebagian dijawab" in client.get(f"/paket/{package.pk}/").content.decode()


def test_a_decree_is_recorded_for_a_packages_agreed_items_and_shows_in_the_standards_in_force(
    world: World, client: Client
) -> None:
    documents = compiled_standards(world, 2)
    package = sent_package(world, documents)
    agree_all(world, package, documents)
    form_page = _as(client, world.organisasi).get(f"/keputusan/baru/?paket={package.pk}")
    assert form_page.status_code == 200
    form = {
        "kind": "keputusan",
        "head": "wali_kota",
        "number": "188.45/7/2026",
        "date": LETTER["letter_date"].isoformat(),
        "title": "Standar Kompetensi Jabatan",
        "dokumen": [d.pk for d in documents],
    }
    client.post("/keputusan/baru/", form)
    decree = Decree.objects.get()
    assert decree.enactments.count() == 2
    effective = client.get("/standar-berlaku/").content.decode()
    assert "188.45/7/2026" in effective
    document_page = client.get(f"/dokumen/{documents[0].pk}/").content.decode()
    assert "188.45/7/2026" in document_page
    assert documents[0].__class__.objects.get(pk=documents[0].pk).state == State.APPROVED


def test_a_package_of_another_instansi_is_404(world: World, client: Client) -> None:
    documents = compiled_standards(world, 1)
    package = sent_package(world, documents)
    assert _as(client, world.other_organisasi).get(f"/paket/{package.pk}/").status_code == 404
    assert client.get(f"/surat/{package.cover_letter_id or 999}/").status_code == 404
