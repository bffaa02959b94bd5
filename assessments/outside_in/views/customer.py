"""The public customer page: c/<token>/. No account, one page, a phone in under two minutes.

Nothing identifying is stored (see models.py); the abuse guards are in guards.py.
"""

from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from assessments.core.colours import accent_colours
from assessments.core.languages import language_names
from assessments.core.ratelimits import token_page_limit
from assessments.organisations.logos import logo_response
from assessments.outside_in import guards
from assessments.outside_in import services as customer_service
from assessments.outside_in.forms import CustomerAnswerForm, factor_field
from assessments.outside_in.selectors import customer_factors, find_customer_link
from assessments.questionnaire.models import Assessment


def _languages(assessment):
    offered = [code for code in assessment.languages if code in language_names()]
    return offered or [assessment.organisation.default_language]


def _activate(request, assessment):
    languages = _languages(assessment)
    wanted = request.POST.get("lang") or request.GET.get("lang") or ""
    language = wanted if wanted in languages else languages[0]
    translation.activate(language)
    request.LANGUAGE_CODE = language
    return language, languages


def _page(request, link, template, *, status=200, **extra):
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


def _message(request, link, *, title, message, status, icon="bi-info-circle"):
    return _page(
        request, link, "outside_in/customer_message.html", status=status, title=title, message=message, icon=icon
    )


def _not_found(request):
    return _message(
        request,
        None,
        title=_("This link does not work"),
        message=_("We could not find a questionnaire for this link. Please check that you opened the complete link."),
        status=404,
        icon="bi-link-45deg",
    )


def _closed(request, link):
    return _message(
        request,
        link,
        title=_("This questionnaire is closed"),
        message=_("Thank you for your interest; answers can no longer be given."),
        status=410,
        icon="bi-calendar-x",
    )


def _full(request, link):
    return _message(
        request,
        link,
        title=_("We have enough answers"),
        message=_("This questionnaire has reached the number of answers it needed. Thank you for wanting to help!"),
        status=409,
        icon="bi-check2-circle",
    )


def _too_many(request, link):
    return _message(
        request,
        link,
        title=_("You have already answered"),
        message=_("We received several answers from this device in a short time. Please try again later."),
        status=429,
        icon="bi-hourglass-split",
    )


def _questions(form, factors):
    return [
        {"factor": factor, "field": form[factor_field(factor.code)], "name": factor_field(factor.code)}
        for factor in factors
    ]


def _is_closed(link):
    return link.customer_check.assessment.status == Assessment.Status.CLOSED


@require_http_methods(["GET", "POST"])
@never_cache
@token_page_limit
def customer_form(request, token):
    link = find_customer_link(token=token)
    if link is None:
        return _not_found(request)
    assessment = link.customer_check.assessment
    language, languages = _activate(request, assessment)
    if _is_closed(link):
        return _closed(request, link)
    factors = customer_factors(assessment=assessment)
    scope = f"customer:{link.pk}"
    if request.method == "POST":
        form = CustomerAnswerForm(request.POST, factors=factors)
        if form.is_valid():
            if not guards.allow_submission(request, scope=scope):
                return _too_many(request, link)
            try:
                customer_service.submit_customer_response(
                    link=link,
                    language=language,
                    grade=form.cleaned_data["grade"],
                    effort=form.cleaned_data["effort"],
                    recommend=form.cleaned_data["recommend"],
                    factor_answers=form.factor_answers(),
                    open_answer=form.cleaned_data["open_answer"].strip(),
                    flag=guards.suspicion(stamp=form.cleaned_data["stamp"], honeypot=form.honeypot),
                )
            except customer_service.LinkFull:
                return _full(request, link)
            except customer_service.LinkClosed:
                return _closed(request, link)
            guards.count_submission(request, scope=scope)
            return redirect(f"{request.path}thanks/?lang={language}")
        status = 400
    else:
        if link.max_responses is not None and link.responses.count() >= link.max_responses:
            return _full(request, link)
        form = CustomerAnswerForm(initial={"stamp": guards.form_stamp()}, factors=factors)
        status = 200
    return _page(
        request,
        link,
        "outside_in/customer_form.html",
        status=status,
        form=form,
        questions=_questions(form, factors),
        language_choices=[(code, language_names()[code]) for code in languages] if len(languages) > 1 else [],
        grades=range(1, 11),
        recommend_scale=range(0, 11),
        effort_scale=range(1, 8),
        agree_scale=range(1, 6),
    )


@require_GET
@never_cache
@token_page_limit
def customer_thanks(request, token):
    link = find_customer_link(token=token)
    if link is None:
        return _not_found(request)
    _activate(request, link.customer_check.assessment)
    return _message(
        request,
        link,
        title=_("Thank you!"),
        message=_("Your answers have been received. They are anonymous and help us improve."),
        status=200,
        icon="bi-heart",
    )


@require_GET
def customer_logo(request, token):
    link = find_customer_link(token=token)
    return logo_response(link.customer_check.assessment.organisation if link else None)
