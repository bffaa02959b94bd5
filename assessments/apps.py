from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    name = "assessments"
    verbose_name = _("Assessments")

    def ready(self) -> None:
        # The composition root: wire the domains' signal receivers, dependent counters and system checks.
        from allauth.socialaccount.signals import social_account_added

        from assessments.actions import deck as plan_deck
        from assessments.actions import hooks, sections
        from assessments.actions.selectors.plan import plan_progress_by_assessment
        from assessments.benchmarks import hooks as portfolio
        from assessments.benchmarks import presentation as benchmark_presentation
        from assessments.comments import hooks as comment_hooks
        from assessments.journeys.measures import hooks as measure_hooks
        from assessments.journeys.presenters import pdf_section as moments_pdf_section
        from assessments.organisations import home, sso
        from assessments.outside_in import deck as outside_in_deck
        from assessments.outside_in import key_message as outside_in_key_message
        from assessments.outside_in.level import customer_nine_plus_shares
        from assessments.outside_in.presenters import pdf_section
        from assessments.outside_in.views.estimate import review_fragment, store_estimate_on_send
        from assessments.pulse import hooks as pulse_hooks
        from assessments.questionnaire import (
            guide,
            receivers,  # noqa: F401
            review_extras,
        )
        from assessments.results import (
            checks,  # noqa: F401
            contributions,
        )
        from assessments.scoring import level

        home.register(guide.guide_section)
        # The first sign-in through an organisation's identity provider that connects an existing account.
        social_account_added.connect(sso.social_account_added, dispatch_uid="cxm-sso-member")
        home.register(hooks.landing_section)
        home.register(pulse_hooks.home_section)
        level.register_customer_shares(customer_nine_plus_shares)
        review_extras.register(review_fragment, on_send=store_estimate_on_send)
        contributions.register_report_pages(hooks.report_pages)
        contributions.register_pdf_page(pdf_section)
        contributions.register_pdf_page(moments_pdf_section)
        contributions.register_radar_overlay(benchmark_presentation.radar_overlay)
        contributions.register_pdf_page(benchmark_presentation.pdf_page)
        contributions.register_key_message_facts(outside_in_key_message.key_message_facts)
        contributions.register_key_message_facts(hooks.key_message_facts)
        contributions.register_deck_slides(outside_in_deck.deck_slides)
        contributions.register_deck_slides(plan_deck.deck_slides)
        contributions.register_picked_quotes(comment_hooks.report_quotes)
        contributions.register_report_pages(comment_hooks.customer_quotes_page)
        portfolio.register_column("action_plan", plan_progress_by_assessment)
        sections.register_plan_section(measure_hooks.plan_section)
        sections.register_action_section(measure_hooks.action_section)
