from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkflowConfig(AppConfig):
    name = "workflow"
    verbose_name = _("Alur kerja")

    def ready(self) -> None:
        # Receivers that drop per-process copies of rarely changed rows (workflow/receivers.py).
        from workflow import receivers  # noqa: F401
