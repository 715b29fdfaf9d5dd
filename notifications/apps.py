from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Notifikasi")

    def ready(self) -> None:
        # Receivers that drop per-process copies of rarely changed rows (notifications/receivers.py).
        from notifications import receivers  # noqa: F401
