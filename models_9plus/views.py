"""The public "about the model" page."""

from django.shortcuts import render

from models_9plus.selectors import latest_version_with_content


def about_model(request):
    version = latest_version_with_content(code="nineplus")
    return render(request, "models_9plus/about.html", {"version": version})
