# Joins the branches of this wave: each added its own 0010 migration beside the others.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("assessments", "0010_accounts_require_mfa_verified_emails"),
        ("assessments", "0010_deck_report_kind"),
        ("assessments", "0010_leaders_team_leaders"),
        ("assessments", "0010_m21_customer_ease_agree"),
        ("assessments", "0010_mail_emails_token_expiry"),
        ("assessments", "0010_moments_journeys"),
        ("assessments", "0010_oidc_identity_providers"),
        ("assessments", "0010_share_board_links"),
        ("assessments", "0010_themes_comment_themes"),
    ]

    operations = []
