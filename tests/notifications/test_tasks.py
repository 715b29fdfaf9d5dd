from __future__ import annotations

from celery.schedules import crontab
from django.conf import settings

from config.celery import app


def test_every_periodic_schedule_names_a_registered_task():
    app.loader.import_default_modules()

    assert {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()} <= set(app.tasks)


def test_the_outbox_sweeper_runs_every_minute():
    (sweep,) = [e for e in settings.CELERY_BEAT_SCHEDULE.values() if str(e["task"]).endswith(".sweep_outbox")]

    assert sweep["schedule"] == 60.0


def test_reminders_and_digests_are_scheduled():
    schedules = {entry["task"]: entry["schedule"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}

    assert isinstance(schedules["workflow.tasks.send_reminders"], crontab)
    assert isinstance(schedules["notifications.tasks.send_daily_digests"], crontab)


def test_the_send_digests_and_sweep_outbox_commands_run(db, capsys):
    from django.core.management import call_command

    call_command("send_digests")
    call_command("sweep_outbox")

    out = capsys.readouterr().out
    assert "0 ringkasan harian disiapkan." in out
    assert "0 dari 0 diantrekan." in out
