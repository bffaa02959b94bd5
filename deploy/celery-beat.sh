#!/bin/sh
# Celery beat: the scheduled jobs (reminders, retention). Exactly ONE beat for the whole cluster.
set -e
exec "${VENV:-.venv}/bin/celery" -A cxmaturity beat --schedule "${CELERY_BEAT_SCHEDULE_FILE}" --loglevel WARNING
