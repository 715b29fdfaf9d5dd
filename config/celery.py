"""The Celery application: `celery -A config worker` and `celery -A config beat`."""

import os
from typing import Any

from celery import Celery, bootsteps

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("alur_skj")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


class Heartbeat(bootsteps.StartStopStep):
    """While the consumer is connected, write this worker's heartbeat for /readyz/.

    A consumer step runs in the worker's event loop, so a worker that stopped consuming (its
    broker connection lost, its loop stuck) stops beating too.
    """

    requires = ("celery.worker.consumer.tasks:Tasks",)

    def __init__(self, parent: Any, **kwargs: Any) -> None:
        super().__init__(parent, **kwargs)
        self.timer_ref: Any = None

    def start(self, parent: Any) -> None:
        from django.conf import settings

        from web.health import record_heartbeat

        interval = float(getattr(settings, "WORKER_HEARTBEAT_SECONDS", 15))
        record_heartbeat(parent.hostname)
        self.timer_ref = parent.timer.call_repeatedly(interval, record_heartbeat, (parent.hostname,))

    def stop(self, parent: Any) -> None:
        if self.timer_ref is not None:
            self.timer_ref.cancel()
            self.timer_ref = None


app.steps["consumer"].add(Heartbeat)
