"""The select the national filters use writes Django's own markup, only faster."""

from __future__ import annotations

import re

import pytest
from django import forms

from web.forms.fields import PlainSelect

CHOICES = [("", "Semua <instansi>"), (1, "Kota A & B"), (2, 'Kabupaten "X"')]


def _form(widget: type[forms.Select]) -> type[forms.Form]:
    class Filter(forms.Form):
        instansi = forms.TypedChoiceField(
            choices=CHOICES, coerce=int, required=False, empty_value=None, widget=widget
        )

    return Filter


def _markup(html: str) -> str:
    return re.sub(r">\s+<", "><", html.strip())


@pytest.mark.parametrize("data", [None, {"instansi": "2"}, {"instansi": ""}])
def test_a_plain_select_writes_what_djangos_select_writes(data: dict[str, str] | None) -> None:
    plain = str(_form(PlainSelect)(data)["instansi"])

    assert plain == _markup(str(_form(forms.Select)(data)["instansi"]))


def test_a_plain_select_escapes_its_labels_and_marks_the_chosen_option() -> None:
    plain = str(_form(PlainSelect)({"instansi": "2"})["instansi"])

    assert '<option value="1">Kota A &amp; B</option>' in plain
    assert '<option value="2" selected>Kabupaten &quot;X&quot;</option>' in plain
    assert plain.startswith('<select name="instansi" id="id_instansi">')
