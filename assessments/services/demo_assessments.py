"""Demo assessments and synthetic responses (owned by the assessments issue)."""


def seed_assessments(*, respondents=60):
    """Returns a list of {"id", "title", "status", "invitation_urls": [...]}."""
    return []
