"""Demo data for `manage.py seed_demo`. Each function is idempotent."""

from assessments.demo.benchmark import seed_benchmark
from assessments.demo.people import seed_people
from assessments.demo.rounds import seed_assessments

__all__ = ["seed_assessments", "seed_benchmark", "seed_people"]
