"""Pseudonymised research exports."""

from django.urls import path

from roundtable.research import views

app_name = "research"
urlpatterns = [
    path("research/", views.research_page, name="page"),
    path("research/export/", views.research_export, name="export"),
]
