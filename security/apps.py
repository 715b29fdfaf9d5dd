from django.apps import AppConfig


class SecurityConfig(AppConfig):
    name = "security"
    verbose_name = "Keamanan"

    def ready(self) -> None:
        from security import audit  # noqa: F401  (connects the login and lockout receivers)
