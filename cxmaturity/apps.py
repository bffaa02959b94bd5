from django.contrib.staticfiles.apps import StaticFilesConfig


class StaticFiles(StaticFilesConfig):
    # static/vendor/plotly/build/ holds the recipe of the partial plotly.js bundle (and, after a rebuild,
    # its node_modules): never served, never collected.
    ignore_patterns = [*StaticFilesConfig.ignore_patterns, "build"]
