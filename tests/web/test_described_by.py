"""Every hint and error a field points to with aria-describedby exists, so it is announced with it."""

from __future__ import annotations

import re

import pytest

from tests.documents import document_in
from workflow.machine import State

DESCRIBED_BY = re.compile(r'aria-describedby="([^"]+)"')


def _missing_ids(html: str) -> list[str]:
    ids = set(re.findall(r'\sid="([^"]+)"', html))
    return [ref for refs in DESCRIBED_BY.findall(html) for ref in refs.split() if ref not in ids]


@pytest.mark.parametrize("path", ["/jabatan/baru/", "/cari/", "/jabatan/"])
def test_the_organisasi_pages_point_only_to_hints_that_exist(world, as_user, path) -> None:
    html = as_user(world.organisasi).get(path).content.decode()
    assert _missing_ids(html) == []


def test_the_new_position_form_announces_its_hints_with_their_fields(world, as_user) -> None:
    html = as_user(world.organisasi).get("/jabatan/baru/").content.decode()
    assert "_helptext" in " ".join(DESCRIBED_BY.findall(html))


def test_the_document_page_and_the_editor_point_only_to_hints_that_exist(world, as_user) -> None:
    document = document_in(world, State.DRAFT)
    client = as_user(world.drafter)
    for path in (f"/dokumen/{document.pk}/", f"/dokumen/{document.pk}/ubah/"):
        assert _missing_ids(client.get(path).content.decode()) == [], path
