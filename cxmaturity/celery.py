"""Celery application. Without CELERY_BROKER_URL tasks run inline (eagerly)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cxmaturity.settings")

app = Celery("cxmaturity")
app.config_from_object("django.conf:settings", namespace="CELERY")
# Each domain package keeps its own tasks module.
app.autodiscover_tasks(
    [
        "assessments.questionnaire",
        "assessments.results",
        "assessments.privacy",
        "assessments.actions",
        "assessments.pulse",
    ]
)
