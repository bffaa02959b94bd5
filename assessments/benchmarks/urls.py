"""URL patterns for the benchmark page and the consultant's portfolio; included by assessments.urls."""

from django.urls import path

from assessments.benchmarks.views import benchmark, portfolio

urlpatterns = [
    path("a/<uuid:assessment>/benchmark/", benchmark.assessment_benchmark, name="assessment_benchmark"),
    path("portfolio/", portfolio.portfolio, name="portfolio"),
    path("portfolio/export.<str:fmt>", portfolio.portfolio_export, name="portfolio_export"),
]
