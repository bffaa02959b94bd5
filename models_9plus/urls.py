from django.urls import path

from models_9plus import views

urlpatterns = [
    path("", views.about_model, name="about_model"),
]
