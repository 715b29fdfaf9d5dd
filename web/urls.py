from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.urls import path

from web.views import (
    account,
    decrees,
    documents,
    editor,
    exports,
    health,
    home,
    notifications,
    packages,
    positions,
    verification,
)

app_name = "web"

urlpatterns = [
    path("", home.home, name="home"),
    path("masuk/", account.LoginView.as_view(), name="login"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("healthz/", health.healthz, name="healthz"),
    path("readyz/", health.readyz, name="readyz"),
    path("jabatan/", positions.position_list, name="positions"),
    path("jabatan/baru/", positions.position_create, name="position_create"),
    path("jabatan/<int:position_id>/draf/", positions.start_draft, name="start_draft"),
    path("jabatan/<int:position_id>/revisi/", positions.start_revision, name="start_revision"),
    path("dokumen/<int:submission_id>/", documents.document_detail, name="document"),
    path("dokumen/<int:submission_id>/unduh.docx", documents.export_docx, name="export_docx"),
    path("dokumen/<int:submission_id>/tindakan/<str:name>/", documents.transition, name="transition"),
    path("dokumen/<int:submission_id>/ubah/", editor.edit, name="editor"),
    path("dokumen/<int:submission_id>/ubah/baris-kompetensi/", editor.competency_row, name="competency_row"),
    path(
        "dokumen/<int:submission_id>/ubah/cari-kompetensi/",
        editor.competency_search,
        name="competency_search",
    ),
    path(
        "dokumen/<int:submission_id>/ubah/baris-persyaratan/", editor.requirement_row, name="requirement_row"
    ),
    path("kompilasi/", packages.compilation, name="compilation"),
    path("paket/", packages.package_list, name="packages"),
    path("paket/tambah/", packages.add_to_package, name="add_to_package"),
    path("paket/<int:package_id>/", packages.package_detail, name="package"),
    path("paket/<int:package_id>/ubah/", packages.package_edit, name="package_edit"),
    path("paket/<int:package_id>/kirim/", packages.package_send, name="package_send"),
    path("paket/<int:package_id>/jawaban/", packages.package_answer, name="package_answer"),
    path("keputusan/", decrees.decree_list, name="decrees"),
    path("keputusan/baru/", decrees.decree_create, name="decree_create"),
    path("keputusan/<int:decree_id>/", decrees.decree_detail, name="decree"),
    path("standar-berlaku/", decrees.effective, name="effective"),
    path("surat/<int:letter_id>/", decrees.letter, name="letter"),
    path("notifikasi/", notifications.inbox, name="inbox"),
    path("notifikasi/<int:notification_id>/baca/", notifications.mark_read, name="mark_read"),
    path("notifikasi/baca-semua/", notifications.mark_all_read, name="mark_all_read"),
    path("notifikasi/preferensi/", notifications.preferences, name="preferences"),
    path("akun/peran/", account.roles, name="roles"),
    path("alur/", account.state_machine, name="state_machine"),
    path("dokumen/<int:submission_id>/unduh.pdf", documents.export_pdf, name="export_pdf"),
    path("ekspor/", exports.export_form, name="exports"),
    path("ekspor/<int:job_id>/", exports.export_detail, name="export"),
    path("ekspor/<int:job_id>/kemajuan/", exports.export_progress, name="export_progress"),
    path("ekspor/<int:job_id>/unduh/", exports.export_download, name="export_download"),
    path("verifikasi/", verification.verify_form, name="verify_form"),
    path("verifikasi/<str:code>/", verification.verify, name="verify"),
]
