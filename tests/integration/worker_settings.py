"""Settings of the Celery worker the integration tests start: the project's, with short retries.

The queue is private to the test session, so other workers on the same Redis never take its tasks.
"""

import os

from config.settings import *  # noqa: F403

CELERY_TASK_DEFAULT_QUEUE = os.environ["ALUR_TEST_QUEUE"]
# Seconds instead of minutes, so "SMTP down, then back" is retried within a test's time.
NOTIFICATION_RETRY_BASE_SECONDS = 1
NOTIFICATION_MAX_ATTEMPTS = 8
# The tests run the sweeper by hand right after a fault; no grace period to wait out.
NOTIFICATION_SWEEP_GRACE_SECONDS = 0
# The heartbeat of this session's worker, apart from any other worker on the same Redis.
WORKER_HEARTBEAT_KEY = f"{CELERY_TASK_DEFAULT_QUEUE}:heartbeat"
WORKER_HEARTBEAT_SECONDS = 1
# A row left `sending` by a killed worker is taken back after seconds, not minutes.
NOTIFICATION_DELIVERY_TIME_LIMIT_SECONDS = 8
NOTIFICATION_SENDING_TIMEOUT_SECONDS = 10
