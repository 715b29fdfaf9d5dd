from django.contrib import admin
from django.urls import include, path

from web.forms.login import AdminLoginForm

admin.site.login_form = AdminLoginForm  # the username's length enforced (web/forms/login.py)
admin.site.site_header = "Administrasi Alur SKJ"
admin.site.site_title = "Alur SKJ"
admin.site.index_title = "Data referensi dan dokumen"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", include("api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("web.urls")),
]

handler400 = "config.errors.bad_request"
handler500 = "config.errors.server_error"
