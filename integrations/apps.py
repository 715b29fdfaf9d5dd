from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntegrationsConfig(AppConfig):
    name = "integrations"
    verbose_name = _("Integrasi dan token API")

    def ready(self) -> None:
        # Receivers that drop cached copies of tokens, users and roles (integrations/receivers.py).
        from integrations import receivers  # noqa: F401
