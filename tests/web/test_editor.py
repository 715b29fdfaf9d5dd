"""The editor: only the OPD's drafters, in draft; dictionary-filled rows; no lost work."""

from __future__ import annotations

import re
from typing import Any

from submissions.models import Submission
from web.forms import editor as editor_form
from workflow import services


def editor_post(submission: Submission, **overrides: Any) -> dict[str, Any]:
    """The editor's form as the browser sends it, built from the stored document."""
    data: dict[str, Any] = {
        "content_revision": submission.content_revision,
        "summary": submission.summary,
        "c_key": [],
        "r_key": [],
    }
    for index, row in enumerate(submission.competency_rows.all()):
        key = f"c{index}"
        data["c_key"].append(key)
        data.update(
            {
                f"c-{key}-group": row.group,
                f"c-{key}-code": row.code,
                f"c-{key}-name": row.name,
                f"c-{key}-level": str(row.level),
                f"c-{key}-description": row.description,
                f"c-{key}-indicators": "\n".join(row.indicators),
            }
        )
    for index, requirement in enumerate(submission.requirement_rows.all()):
        key = f"r{index}"
        data["r_key"].append(key)
        data.update(
            {
                f"r-{key}-section": requirement.section,
                f"r-{key}-text": requirement.text,
                f"r-{key}-importance": requirement.importance,
            }
        )
    data.update(overrides)
    return data


def test_the_drafter_opens_the_editor_of_his_draft(world, as_user, draft) -> None:
    assert as_user(world.drafter).get(f"/dokumen/{draft.pk}/ubah/").status_code == 200


def test_a_reviewer_of_the_same_opd_may_not_edit(world, as_user, draft) -> None:
    assert as_user(world.reviewer).get(f"/dokumen/{draft.pk}/ubah/").status_code == 403


def test_a_drafter_of_another_opd_gets_404(world, as_user, draft) -> None:
    assert as_user(world.other_drafter).get(f"/dokumen/{draft.pk}/ubah/").status_code == 404
    assert (
        as_user(world.other_drafter).post(f"/dokumen/{draft.pk}/ubah/", editor_post(draft)).status_code == 404
    )


def test_a_submitted_document_is_not_editable(world, as_user, submitted) -> None:
    response = as_user(world.drafter).get(f"/dokumen/{submitted.pk}/ubah/")

    assert response.status_code == 302
    assert response["Location"] == f"/dokumen/{submitted.pk}/"


def test_saving_after_a_colleague_submitted_keeps_my_work_and_says_why(
    world, as_user, complete_draft
) -> None:
    mine = editor_post(complete_draft, summary="Ikhtisar yang baru saya ketik")
    services.submission_fire_transition(
        submission_id=complete_draft.pk, name="submit", actor=world.second_drafter
    )

    response = as_user(world.drafter).post(f"/dokumen/{complete_draft.pk}/ubah/", mine)

    assert response.status_code == 409
    html = response.content.decode()
    assert "Ikhtisar yang baru saya ketik" in html
    assert "Dokumen hanya dapat diubah selama berstatus Draf." in html
    complete_draft.refresh_from_db()
    assert complete_draft.summary != "Ikhtisar yang baru saya ketik"


def test_validity_problems_are_shown_next_to_their_fields(world, as_user, draft) -> None:
    services.submission_update_content(
        submission_id=draft.pk,
        actor=world.drafter,
        requirements=[{"section": "education_level", "text": "", "importance": "mutlak"}],
    )
    response = as_user(world.drafter).get(f"/dokumen/{draft.pk}/ubah/")

    data = response.context["data"]
    assert data.summary_errors == ["Ikhtisar jabatan belum diisi."]
    assert data.requirements[0].errors["text"] == ["Uraian persyaratan baris 1 belum diisi."]
    assert "Tambahkan paling sedikit satu kompetensi teknis." in data.competency_errors


def test_saving_stores_the_rows_in_the_order_of_the_page(world, as_user, draft) -> None:
    post = editor_post(draft, summary="Melaksanakan surveilans.")
    post["c_key"].append("t1")
    post.update(
        {
            "c-t1-group": "technical",
            "c-t1-code": "",
            "c-t1-name": "Analisis Data Kesehatan",
            "c-t1-level": "3",
            "c-t1-description": "Menganalisis data.",
            "c-t1-indicators": "a\nb",
        }
    )
    post["r_key"] = ["r1", "r2"]
    post.update(
        {
            "r-r1-section": "education_level",
            "r-r1-text": "S-1",
            "r-r1-importance": "mutlak",
            "r-r2-section": "field_of_study",
            "r-r2-text": "",
            "r-r2-importance": "",
        }
    )

    response = as_user(world.drafter).post(f"/dokumen/{draft.pk}/ubah/", post)

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.summary == "Melaksanakan surveilans."
    technical = draft.competency_rows.get(group="technical")
    assert (technical.name, technical.level, technical.indicators) == (
        "Analisis Data Kesehatan",
        3,
        ["a", "b"],
    )
    assert list(draft.requirement_rows.values_list("text", flat=True)) == ["S-1"]  # the empty row is dropped
    assert draft.content_revision == 2


def test_a_bad_level_keeps_everything_typed_and_says_what_is_wrong(world, as_user, draft) -> None:
    post = editor_post(draft, summary="Teks yang saya ketik")
    post["c-c0-level"] = "9"

    response = as_user(world.drafter).post(f"/dokumen/{draft.pk}/ubah/", post)

    assert response.status_code == 400
    html = response.content.decode()
    assert "Teks yang saya ketik" in html
    assert "Pilih level 1 sampai 5." in html
    draft.refresh_from_db()
    assert draft.content_revision == 1


def test_a_concurrent_change_keeps_my_work_and_shows_what_differs(world, as_user, draft) -> None:
    mine = editor_post(draft, summary="Ikhtisar versi saya")
    services.submission_update_content(
        submission_id=draft.pk, actor=world.second_drafter, summary="Ikhtisar rekan"
    )

    response = as_user(world.drafter).post(f"/dokumen/{draft.pk}/ubah/", mine)

    assert response.status_code == 409
    html = response.content.decode()
    assert "Ikhtisar versi saya" in html
    assert "telah diubah oleh pengguna lain" in html
    assert [change.message for change in response.context["stale_changes"]] == ["Ikhtisar jabatan diubah."]
    assert re.search(r'name="content_revision" value="2"', html)
    draft.refresh_from_db()
    assert draft.summary == "Ikhtisar rekan"


def test_saving_again_after_the_warning_overwrites_deliberately(world, as_user, draft) -> None:
    services.submission_update_content(
        submission_id=draft.pk, actor=world.second_drafter, summary="Ikhtisar rekan"
    )
    post = editor_post(draft, summary="Ikhtisar versi saya", content_revision=2)

    assert as_user(world.drafter).post(f"/dokumen/{draft.pk}/ubah/", post).status_code == 302
    draft.refresh_from_db()
    assert draft.summary == "Ikhtisar versi saya"


def test_choosing_a_level_fills_the_row_from_the_dictionary(world, as_user, draft) -> None:
    response = as_user(world.drafter).get(
        f"/dokumen/{draft.pk}/ubah/baris-kompetensi/",
        {
            "c_key": "k1",
            "c-k1-group": "managerial",
            "c-k1-code": "M.01",
            "c-k1-level": "4",
            "c-k1-description": "lama",
        },
        headers={"HX-Request": "true"},
    )

    html = response.content.decode()
    assert "Deskripsi M.01 level 4" in html
    assert "4.1 Indikator M.01" in html
    assert "lama" not in html


def test_the_dictionary_search_finds_technical_competencies_of_the_instansi(world, as_user, draft) -> None:
    response = as_user(world.drafter).get(f"/dokumen/{draft.pk}/ubah/cari-kompetensi/", {"q": "surveil"})

    assert [c.code for c in response.context["results"]] == ["T.01"]


def test_the_htmx_endpoints_are_closed_to_other_opds(world, as_user, draft) -> None:
    client = as_user(world.other_drafter)
    for path in ("baris-kompetensi/?new=1", "cari-kompetensi/?q=su", "baris-persyaratan/"):
        assert client.get(f"/dokumen/{draft.pk}/ubah/{path}").status_code == 404


def test_a_new_requirement_row_has_the_three_importance_choices(world, as_user, draft) -> None:
    html = as_user(world.drafter).get(f"/dokumen/{draft.pk}/ubah/baris-persyaratan/").content.decode()

    assert html.count('type="radio"') == 3


def test_a_problem_of_a_requirement_row_the_page_no_longer_has_stays_with_the_requirements() -> None:
    data = editor_form.EditorData()

    data.attach([{"field": "requirements[3].text", "message": "Isi teks persyaratan."}])

    assert data.requirement_errors == ["Isi teks persyaratan."]
    assert data.competency_errors == []


def test_a_refused_save_says_nothing_was_saved_and_links_each_problem_to_its_field(
    world, as_user, draft
) -> None:
    post = editor_post(draft, summary="Teks yang saya ketik")
    post["c-c0-level"] = "9"

    html = as_user(world.drafter).post(f"/dokumen/{draft.pk}/ubah/", post).content.decode()

    summary = html[html.index('id="error-summary"') : html.index('id="editor-form"')]
    assert "Tidak ada yang disimpan." in summary
    anchors = re.findall(r'<a href="#([\w-]+)">Pilih level 1 sampai 5\.</a>', summary)
    assert anchors == ["c-c0-level"]
    assert f'id="{anchors[0]}"' in html


def test_a_saved_draft_with_problems_lists_them_without_saying_it_was_refused(world, as_user, draft) -> None:
    html = as_user(world.drafter).get(f"/dokumen/{draft.pk}/ubah/").content.decode()

    summary = html[html.index('id="error-summary"') : html.index('id="editor-form"')]
    assert "Tidak ada yang disimpan." not in summary
    assert '<a href="#summary">Ikhtisar jabatan belum diisi.</a>' in summary


def test_every_link_of_the_error_list_points_at_an_element_of_the_page(world, as_user, draft) -> None:
    client = as_user(world.drafter)
    post = editor_post(draft, summary="")
    post.update({"r_key": ["r9"], "r-r9-section": "", "r-r9-text": "S-1 Hukum", "r-r9-importance": ""})
    post["c-c0-level"] = ""

    for html in (
        client.get(f"/dokumen/{draft.pk}/ubah/").content.decode(),
        client.post(f"/dokumen/{draft.pk}/ubah/", post).content.decode(),
    ):
        anchors = re.findall(r'<li><a href="#([\w-]+)">', html)
        assert anchors
        for anchor in anchors:
            assert f'id="{anchor}"' in html


def test_a_level_below_the_minimum_comes_back_with_its_warning(world, as_user, draft) -> None:
    def row(level: str) -> str:
        response = as_user(world.drafter).get(
            f"/dokumen/{draft.pk}/ubah/baris-kompetensi/",
            {"c_key": "k1", "c-k1-group": "managerial", "c-k1-code": "M.01", "c-k1-level": level},
            headers={"HX-Request": "true"},
        )
        return response.content.decode()

    below, enough = row("1"), row("3")

    assert 'data-minimum="2"' in below
    warning = re.search(r'<p class="field-warning" id="c-k1-level-warning"( hidden)?>', below)
    assert warning is not None
    assert warning[1] is None
    assert 'aria-describedby="c-k1-level-warning"' in below
    assert re.search(r'<p class="field-warning" id="c-k1-level-warning" hidden>', enough)


def test_a_technical_row_has_no_minimum_to_warn_about(world, as_user, draft) -> None:
    response = as_user(world.drafter).get(
        f"/dokumen/{draft.pk}/ubah/baris-kompetensi/", {"new": "1"}, headers={"HX-Request": "true"}
    )

    html = response.content.decode()
    assert "data-minimum" not in html
    assert "field-warning" not in html
    assert re.search(r'maxlength="255" data-counter', html)
    assert "/255 karakter" in html
