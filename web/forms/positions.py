"""Creating a position (Bagian Organisasi), starting a revision, filtering the positions list."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from submissions.models import OPD, Instansi, Position, PositionKind, Urusan
from web.forms.fields import CleanCharField, PlainSelect, clean_text_formfield, one_empty_choice
from web.selectors import NEAR, NOT_STARTED, OVERDUE, SORTS, default_sort, sees_many_instansi
from workflow.machine import State
from workflow.scoping import can_create_positions, visible_instansi, visible_opds

if TYPE_CHECKING:
    from workflow.roles import AnyUser


class PositionForm(forms.ModelForm):
    """A new position in one of the OPDs of the instansi the user leads."""

    class Meta:
        model = Position
        formfield_callback = clean_text_formfield
        fields = ["opd", "name", "sub_unit", "kind", "rank", "urusan", "code"]
        widgets = {"urusan": forms.CheckboxSelectMultiple}
        error_messages = {
            "name": {"required": _("Isi nama jabatan.")},
            "opd": {"required": _("Pilih OPD tempat jabatan berada.")},
            "kind": {"required": _("Pilih kelompok jabatan.")},
            "urusan": {"required": _("Pilih paling sedikit satu urusan pemerintahan.")},
        }

    def __init__(self, *args: Any, user: AnyUser, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        opd_field: Any = self.fields["opd"]
        opd_field.queryset = self._creatable_opds(user)
        opd_field.label = _("OPD")
        urusan_field: Any = self.fields["urusan"]
        urusan_field.queryset = Urusan.objects.order_by("name")
        one_empty_choice(self)

    @staticmethod
    def _creatable_opds(user: AnyUser) -> Any:
        opds = visible_opds(user).select_related("instansi")
        allowed = [opd.pk for opd in opds if can_create_positions(user, opd.instansi_id)]
        return (
            OPD.objects.filter(pk__in=allowed).select_related("instansi").order_by("instansi__name", "name")
        )


class RevisionForm(forms.Form):
    reason = CleanCharField(
        label=_("Alasan revisi"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": _("Tuliskan alasan revisi (mis. peraturan baru).")},
    )
    legal_basis = CleanCharField(
        label=_("Dasar hukum versi baru"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Tuliskan dasar hukum versi baru.")},
    )


class PositionFilterForm(forms.Form):
    q = CleanCharField(label=_("Cari nama jabatan"), required=False, max_length=100)
    # A national reader gets all 546 instansi as options: PlainSelect writes them fast.
    instansi = forms.ModelChoiceField(
        label=_("Instansi"), queryset=Instansi.objects.none(), required=False, widget=PlainSelect
    )
    opd = forms.ModelChoiceField(
        label=_("OPD"), queryset=OPD.objects.none(), required=False, widget=PlainSelect
    )
    state = forms.ChoiceField(
        label=_("Status SKJ"),
        required=False,
        choices=[("", _("Semua")), (NOT_STARTED, _("Belum disusun")), *State.choices],
    )
    kind = forms.ChoiceField(
        label=_("Kelompok jabatan"), required=False, choices=[("", _("Semua")), *PositionKind.choices]
    )
    tenggat = forms.ChoiceField(
        label=_("Tenggat"),
        required=False,
        choices=[("", _("Semua")), (OVERDUE, _("Terlambat")), (NEAR, _("Segera (2 hari kerja)"))],
    )
    urut = forms.ChoiceField(
        label=_("Urutkan"),
        required=False,
        choices=[(key, label) for key, (label, _fields) in SORTS.items()],
    )

    def __init__(self, *args: Any, user: AnyUser, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._show_the_sort_in_use(user)
        opd_field: Any = self.fields["opd"]
        opd_field.empty_label = _("Semua OPD")
        opds = visible_opds(user).select_related("instansi").order_by("instansi__name", "name")
        if sees_many_instansi(user):
            # Instansi first: a national reader would otherwise get every OPD of the country as
            # options (13,661 at 1,000,000 standards); the OPDs follow once an instansi is chosen.
            instansi_field: Any = self.fields["instansi"]
            instansi_field.queryset = visible_instansi(user).order_by("name")
            instansi_field.empty_label = _("Semua instansi")
            chosen = _id(self.data.get("instansi")) if self.is_bound else None
            opds = opds.filter(instansi_id=chosen) if chosen else opds.none()
        else:
            del self.fields["instansi"]
        opd_field.queryset = opds

    def _show_the_sort_in_use(self, user: AnyUser) -> None:
        # Without `urut` in the address the list is in the reader's default order; the select says
        # which, instead of showing its first choice.
        if not self.is_bound:
            self.fields["urut"].initial = default_sort(user)
        elif not self.data.get("urut"):
            in_use = default_sort(user, str(self.data.get("q") or "").strip())
            if isinstance(self.data, QueryDict):  # request.GET: immutable, copied
                data = self.data.copy()
                data["urut"] = in_use
                self.data = data
            else:
                self.data = {**self.data, "urut": in_use}


def _id(raw: Any) -> int | None:
    text = str(raw or "")
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 12 else None
