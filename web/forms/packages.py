"""Forms of the package and decree pages; the services check everything the forms cannot."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from submissions.models import PositionKind
from web.forms.fields import PlainSelect
from workflow.decrees.models import DecreeKind, HeadOfRegion
from workflow.letters import LETTER_NUMBER_MAX
from workflow.packages.services import TITLE_MAX

DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"]
DATE_ERRORS = {"invalid": _("Tulis tanggal seperti 2026-03-31.")}


def _date(label: Any) -> forms.DateField:
    return forms.DateField(
        label=label,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=DATE_FORMATS,
        error_messages=DATE_ERRORS,
    )


def _letter_file(label: Any) -> forms.FileField:
    return forms.FileField(
        label=label, required=False, widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"})
    )


class CompilationFilterForm(forms.Form):
    opd = forms.TypedChoiceField(label=_("OPD"), coerce=int, required=False, empty_value=None)
    kind = forms.ChoiceField(label=_("Kelompok jabatan"), required=False)
    complete = forms.TypedChoiceField(
        label=_("Kelengkapan"),
        choices=[("", _("Semua")), ("1", _("Lengkap")), ("0", _("Belum lengkap"))],
        coerce=lambda value: value == "1",
        required=False,
        empty_value=None,
    )

    def __init__(self, *args: object, opds: list[tuple[int, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["opd"].choices = [("", _("Semua OPD")), *opds]  # type: ignore[attr-defined]
        self.fields["kind"].choices = [("", _("Semua kelompok")), *PositionKind.choices]  # type: ignore[attr-defined]


class PackageTitleForm(forms.Form):
    title = forms.CharField(label=_("Judul paket"), max_length=TITLE_MAX)


class SendForm(forms.Form):
    letter_number = forms.CharField(label=_("Nomor surat pengantar"), max_length=LETTER_NUMBER_MAX)
    letter_date = _date(_("Tanggal surat pengantar"))
    letter_file = _letter_file(_("Berkas surat pengantar (PDF, opsional)"))


class AnswerLetterForm(forms.Form):
    letter_number = forms.CharField(label=_("Nomor surat jawaban KemenPAN-RB"), max_length=LETTER_NUMBER_MAX)
    letter_date = _date(_("Tanggal surat jawaban"))
    letter_file = _letter_file(_("Berkas surat jawaban (PDF, opsional)"))


class DecreeForm(forms.Form):
    kind = forms.ChoiceField(label=_("Jenis"), choices=DecreeKind.choices)
    head = forms.ChoiceField(label=_("Kepala daerah"), choices=HeadOfRegion.choices)
    number = forms.CharField(label=_("Nomor"), max_length=LETTER_NUMBER_MAX)
    date = _date(_("Tanggal penetapan"))
    title = forms.CharField(label=_("Tentang"), max_length=500)
    signatory_name = forms.CharField(label=_("Nama penanda tangan"), max_length=200, required=False)
    signatory_office = forms.CharField(label=_("Jabatan penanda tangan"), max_length=200, required=False)
    letter_file = _letter_file(_("Berkas keputusan (PDF, opsional)"))


class EffectiveFilterForm(forms.Form):
    # Hundreds of options each for a reader of every instansi: PlainSelect writes them fast.
    instansi = forms.TypedChoiceField(
        label=_("Instansi"), coerce=int, required=False, empty_value=None, widget=PlainSelect
    )
    opd = forms.TypedChoiceField(
        label=_("OPD"), coerce=int, required=False, empty_value=None, widget=PlainSelect
    )
    kind = forms.ChoiceField(label=_("Kelompok jabatan"), required=False)
    urusan = forms.CharField(label=_("Urusan"), max_length=200, required=False)

    def __init__(
        self,
        *args: object,
        opds: list[tuple[int, str]],
        instansi: list[tuple[int, str]] | None = None,
        **kwargs: object,
    ) -> None:
        """`instansi`: the choices of a reader of many instansi (then `opds` are the chosen one's)."""
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        if instansi is None:
            del self.fields["instansi"]
        else:
            self.fields["instansi"].choices = [("", _("Semua instansi")), *instansi]  # type: ignore[attr-defined]
        self.fields["opd"].choices = [("", _("Semua OPD")), *opds]  # type: ignore[attr-defined]
        self.fields["kind"].choices = [("", _("Semua kelompok")), *PositionKind.choices]  # type: ignore[attr-defined]
