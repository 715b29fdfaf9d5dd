"""Forms of the set-up pages of Bagian Organisasi: OPDs, positions, people, rounds, imports."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from submissions.models import OPD, ActingKind, ImportKind, Position
from web.forms.fields import one_empty_choice
from workflow.setup.people import GRANTABLE_CHOICES as GRANTABLE_ROLES

MAX_UPLOAD = 10 * 1024 * 1024


# The roles in the page's language (their labels are Indonesian constants).
ROLE_CHOICES = [(value, _(label)) for value, label in GRANTABLE_ROLES]


class OpdForm(forms.Form):
    name = forms.CharField(label=_("Nama OPD"), max_length=200)
    short_name = forms.CharField(label=_("Singkatan"), max_length=40, required=False)
    active = forms.BooleanField(label=_("Aktif"), required=False, initial=True)


class PositionPetaForm(forms.Form):
    """The peta jabatan fields of one position; the kind changes only while no standard exists."""

    name = forms.CharField(label=_("Nama jabatan"), max_length=255)
    sub_unit = forms.CharField(label=_("Sub-unit"), max_length=255, required=False)
    code = forms.CharField(label=_("Kode jabatan"), max_length=50, required=False)
    parent = forms.ModelChoiceField(
        label=_("Jabatan atasan"), queryset=Position.objects.none(), required=False
    )
    bezetting = forms.IntegerField(label=_("Bezetting (pemangku)"), min_value=0, max_value=999_999)
    kebutuhan = forms.IntegerField(label=_("Kebutuhan pegawai"), min_value=0, max_value=999_999)
    active = forms.BooleanField(label=_("Aktif"), required=False)

    def __init__(self, *args: Any, position: Position, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        parent: Any = self.fields["parent"]
        parent.queryset = (
            Position.objects.filter(opd_id=position.opd_id, active=True)
            .exclude(pk=position.pk)
            .order_by("name")
        )
        one_empty_choice(self)


class InviteForm(forms.Form):
    username = forms.CharField(label=_("Username"), max_length=150)
    name = forms.CharField(label=_("Nama lengkap"), max_length=150, required=False)
    email = forms.EmailField(label=_("Email"))
    role = forms.ChoiceField(label=_("Peran"), choices=ROLE_CHOICES)
    opd = forms.ModelChoiceField(label=_("OPD"), queryset=OPD.objects.none(), required=False)

    def __init__(self, *args: Any, instansi_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        opd: Any = self.fields["opd"]
        opd.queryset = OPD.objects.filter(instansi_id=instansi_id, active=True).order_by("name")
        opd.help_text = _("Wajib untuk penyusun dan pemeriksa; kosongkan untuk Bagian Organisasi.")
        one_empty_choice(self)


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Peran"), choices=ROLE_CHOICES)
    opd = forms.ModelChoiceField(label=_("OPD"), queryset=OPD.objects.none(), required=False)
    acting = forms.ChoiceField(label=_("Jenis penugasan"), choices=ActingKind.choices, required=False)
    acting_for = forms.CharField(
        label=_("Bertindak untuk"),
        max_length=255,
        required=False,
        help_text=_("Untuk Plt./Plh.: jabatan yang dilaksanakan, mis. Kepala Dinas Kesehatan."),
    )
    valid_from = forms.DateField(
        label=_("Berlaku mulai"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    valid_until = forms.DateField(
        label=_("Berlaku sampai"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, instansi_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        opd: Any = self.fields["opd"]
        opd.queryset = OPD.objects.filter(instansi_id=instansi_id, active=True).order_by("name")
        one_empty_choice(self)


class RoundForm(forms.Form):
    name = forms.CharField(label=_("Nama putaran"), max_length=200, initial="Penyusunan SKJ 2026")
    deadline = forms.DateField(label=_("Tenggat"), widget=forms.DateInput(attrs={"type": "date"}))


class AnnounceForm(forms.Form):
    message = forms.CharField(
        label=_("Pesan tambahan (boleh kosong)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class UploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("Jenis data"), choices=ImportKind.choices)
    file = forms.FileField(label=_("Berkas (.xlsx atau .csv)"))

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(_("Berkas lebih besar dari 10 MB; bagi menjadi beberapa berkas."))
        return upload
