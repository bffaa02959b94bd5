"""Demo data for `manage.py seed_demo`. Each function is idempotent."""

from assessments.services.demo_assessments import seed_assessments
from assessments.services.demo_people import seed_people

__all__ = ["seed_assessments", "seed_people"]
