"""The personal resume link of a team-link respondent, and emailing it to an address that is not kept.

The link carries the browser's secret for the team link: the database holds only its hash (the
response's access key), so the link works on any device and nobody can derive it from the database.
"""

from django.conf import settings
from django.core import mail
from django.template.loader import render_to_string
from django.utils import translation

from assessments.questionnaire.models import Assessment


def resume_url(secret: str) -> str:
    return f"{settings.SITE_URL}/r/continue/{secret}/"


def email_resume_link(*, email: str, url: str, assessment: Assessment, title: str, language: str) -> None:
    """Sends the link; the address is used for this one email and stored nowhere."""
    with translation.override(language):
        context = {
            "url": url,
            "title": title,
            "organisation": assessment.organisation,
            "closes_at": assessment.closes_at,
        }
        subject = render_to_string("respond/email/resume_subject.txt", context).strip()
        body = render_to_string("respond/email/resume.txt", context)
    mail.EmailMessage(subject, body, to=[email]).send()
