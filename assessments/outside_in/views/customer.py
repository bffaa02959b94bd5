"""The public customer page: c/<token>/. No account, one page, a phone in under two minutes.

Nothing identifying is stored (see models.py); the abuse guards are in guards.py.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.http import FileResponse, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from assessments.core.colours import accent_colours
from assessments.core.languages import language_names
from assessments.core.ratelimits import token_page_limit
from assessments.organisations.logos import logo_response
from assessments.outside_in import guards
from assessments.outside_in import services as customer_service
from assessments.outside_in.display import with_organisation
from assessments.outside_in.forms import CustomerAnswerForm, factor_field
from assessments.outside_in.models import NOT_APPLICABLE, CustomerLink
from assessments.outside_in.selectors import counted_responses, customer_factors, find_customer_link
from assessments.questionnaire.models import Assessment
from models_9plus.models import Factor


def _languages(assessment: Assessment) -> list[str]:
    offered = [code for code in assessment.languages if code in language_names()]
    return offered or [assessment.organisation.default_language]


def _activate(request: HttpRequest, assessment: Assessment) -> tuple[str, list[str]]:
    languages = _languages(assessment)
    wanted = request.POST.get("lang") or request.GET.get("lang") or ""
    language = wanted if wanted in languages else languages[0]
    translation.activate(language)
    request.LANGUAGE_CODE = language
    return language, languages


def _page(
    request: HttpRequest, link: CustomerLink | None, template: str, *, status: int = 200, **extra: Any
) -> HttpResponse:
    organisation = link.customer_check.assessment.organisation if link else None
    language = translation.get_language()
    context = {
        "link": link,
        "organisation": organisation,
        "colours": accent_colours(organisation.accent_colour if organisation else "#17496b"),
        "current_language": language,
        **extra,
    }
    response = render(request, template, context, status=status)
    # same-origin: the token never leaves in a Referer, while our own form posts keep a real Origin for CSRF.
    response["Referrer-Policy"] = "same-origin"
    return response


# A lazy translation until the page renders in the customer's language.
StrOrPromise = str | Promise


@dataclass(frozen=True)
class _Message:
    title: StrOrPromise
    text: StrOrPromise
    status: int
    icon: str


# Every way the page can end without the form: what the customer reads, and the status a client sees.
NOT_FOUND = _Message(
    _("This link does not work"),
    _("We could not find a questionnaire for this link. Please check that you opened the complete link."),
    404,
    "bi-link-45deg",
)
CLOSED = _Message(
    _("This questionnaire is closed"),
    _("Thank you for your interest; answers can no longer be given."),
    410,
    "bi-calendar-x",
)
FULL = _Message(
    _("We have enough answers"),
    _("This questionnaire has reached the number of answers it needed. Thank you for wanting to help!"),
    409,
    "bi-check2-circle",
)
TOO_MANY = _Message(
    _("You have already answered"),
    _("We received several answers from this device in a short time. Please try again later."),
    429,
    "bi-hourglass-split",
)
THANKS = _Message(
    _("Thank you!"),
    _("Your answers have been received. They are anonymous and help us improve."),
    200,
    "bi-heart",
)


def _message(request: HttpRequest, link: CustomerLink | None, message: _Message) -> HttpResponse:
    return _page(
        request,
        link,
        "outside_in/customer_message.html",
        status=message.status,
        title=message.title,
        message=message.text,
        icon=message.icon,
    )


def _questions(form: CustomerAnswerForm, factors: Iterable[Factor], organisation: str) -> list[dict[str, Any]]:
    return [
        {
            "factor": factor,
            "text": with_organisation(factor.t("customer_question"), organisation),
            "field": form[factor_field(factor.code)],
            "name": factor_field(factor.code),
            "not_applicable": NOT_APPLICABLE if factor.customer_not_applicable else "",
        }
        for factor in factors
    ]


def _is_closed(link: CustomerLink) -> bool:
    return link.customer_check.assessment.status == Assessment.Status.CLOSED


@require_http_methods(["GET", "POST"])
@never_cache
@token_page_limit
def customer_form(request: HttpRequest, token: str) -> HttpResponseBase:
    link = find_customer_link(token=token)
    if link is None:
        return _message(request, None, NOT_FOUND)
    assessment = link.customer_check.assessment
    language, languages = _activate(request, assessment)
    if _is_closed(link):
        return _message(request, link, CLOSED)
    factors = customer_factors(assessment=assessment)
    scope = f"customer:{link.pk}"
    if request.method == "POST":
        form = CustomerAnswerForm(request.POST, factors=factors)
        if form.is_valid():
            if not guards.allow_submission(request, scope=scope):
                return _message(request, link, TOO_MANY)
            try:
                customer_service.submit_customer_response(
                    link=link,
                    language=language,
                    grade=form.cleaned_data["grade"],
                    ease=form.cleaned_data["ease"],
                    recommend=form.cleaned_data["recommend"],
                    factor_answers=form.factor_answers(),
                    open_answer=form.cleaned_data["open_answer"].strip(),
                    flag=guards.suspicion(stamp=form.cleaned_data["stamp"], honeypot=form.honeypot),
                )
            except customer_service.LinkFull:
                return _message(request, link, FULL)
            except customer_service.LinkClosed:
                return _message(request, link, CLOSED)
            guards.count_submission(request, scope=scope)
            return redirect(f"{request.path}thanks/?lang={language}")
        status = 400
    else:
        if link.max_responses is not None and counted_responses(link=link) >= link.max_responses:
            return _message(request, link, FULL)
        form = CustomerAnswerForm(initial={"stamp": guards.form_stamp()}, factors=factors)
        status = 200
    return _page(
        request,
        link,
        "outside_in/customer_form.html",
        status=status,
        form=form,
        questions=_questions(form, factors, assessment.organisation.name),
        language_choices=[(code, language_names()[code]) for code in languages] if len(languages) > 1 else [],
        grades=range(1, 11),
        recommend_scale=range(0, 11),
        agree_scale=range(1, 6),
    )


@require_GET
@never_cache
@token_page_limit
def customer_thanks(request: HttpRequest, token: str) -> HttpResponse:
    link = find_customer_link(token=token)
    if link is None:
        return _message(request, None, NOT_FOUND)
    _activate(request, link.customer_check.assessment)
    return _message(request, link, THANKS)


@require_GET
def customer_logo(request: HttpRequest, token: str) -> FileResponse:
    link = find_customer_link(token=token)
    return logo_response(link.customer_check.assessment.organisation if link else None)
