from django.urls import path

from roundtable.core import floor, views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("floor/", floor.floor, name="floor"),
]
