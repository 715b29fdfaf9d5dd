from django.apps import AppConfig


class IntegrationsConfig(AppConfig):
    name = "integrations"
    verbose_name = "Integrasi dan token API"

    def ready(self) -> None:
        # Receivers that drop cached copies of tokens, users and roles (integrations/receivers.py).
        from integrations import receivers  # noqa: F401
