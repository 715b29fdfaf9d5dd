from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.urls import path

from web.views import (
    account,
    bulk,
    comments,
    decrees,
    documents,
    editor,
    health,
    home,
    notifications,
    packages,
    positions,
    search,
)
from web.views.setup import imports as setup_imports
from web.views.setup import invitation, organisation, people, rounds

app_name = "web"

urlpatterns = [
    path("", home.home, name="home"),
    path("masuk/", account.LoginView.as_view(), name="login"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("healthz/", health.healthz, name="healthz"),
    path("readyz/", health.readyz, name="readyz"),
    path("jabatan/", positions.position_list, name="positions"),
    path("jabatan/massal/", bulk.bulk, name="bulk"),
    path("cari/", search.search, name="search"),
    path("jabatan/baru/", positions.position_create, name="position_create"),
    path("jabatan/<int:position_id>/draf/", positions.start_draft, name="start_draft"),
    path("jabatan/<int:position_id>/revisi/", positions.start_revision, name="start_revision"),
    path("dokumen/<int:submission_id>/", documents.document_detail, name="document"),
    path("dokumen/<int:submission_id>/unduh.docx", documents.export_docx, name="export_docx"),
    path("dokumen/<int:submission_id>/tindakan/<str:name>/", documents.transition, name="transition"),
    path("dokumen/<int:submission_id>/perpanjang/", documents.extend_deadline, name="extend_deadline"),
    path("dokumen/<int:submission_id>/komentar/", comments.add, name="comment_add"),
    path(
        "dokumen/<int:submission_id>/komentar/<int:comment_id>/selesai/",
        comments.resolve,
        name="comment_resolve",
    ),
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
    path("undangan/<str:token>/", invitation.accept, name="invitation"),
    path("pengaturan/", organisation.index, name="setup"),
    path("pengaturan/opd/", organisation.opd_list, name="setup_opds"),
    path("pengaturan/opd/<int:opd_id>/", organisation.opd_edit, name="setup_opd"),
    path("pengaturan/peta-jabatan/", organisation.peta, name="setup_peta"),
    path("pengaturan/konsistensi/", organisation.consistency, name="setup_consistency"),
    path("pengaturan/jabatan/<int:position_id>/", organisation.position_edit, name="setup_position"),
    path("pengaturan/pengguna/", people.people, name="setup_people"),
    path("pengaturan/pengguna/<int:user_id>/", people.person, name="setup_person"),
    path("pengaturan/pengguna/<int:user_id>/undang-ulang/", people.resend, name="setup_resend"),
    path("pengaturan/peran/<int:assignment_id>/akhiri/", people.end_role, name="setup_end_role"),
    path("pengaturan/putaran/", rounds.rounds, name="setup_rounds"),
    path("pengaturan/putaran/<int:round_id>/umumkan/", rounds.announce, name="setup_announce"),
    path("pengaturan/putaran/<int:round_id>/tutup/", rounds.close, name="setup_close_round"),
    path("pengaturan/impor/", setup_imports.upload, name="setup_imports"),
    path("pengaturan/impor/<int:batch_id>/", setup_imports.batch, name="setup_import"),
    path("pengaturan/impor/<int:batch_id>/simpan/", setup_imports.commit, name="setup_import_commit"),
    path("pengaturan/templat/<str:kind>/", setup_imports.template, name="setup_template"),
]
