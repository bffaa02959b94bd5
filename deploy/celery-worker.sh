#!/bin/sh
# The Celery worker pool: PDF reports, slide decks and e-mails. Any number of them, on any machine.
set -e
exec "${VENV:-.venv}/bin/celery" -A cxmaturity worker --concurrency "${CELERY_CONCURRENCY:-2}" --loglevel WARNING
