from django.urls import path

from roundtable.operations import health

app_name = "operations"
urlpatterns = [
    path("healthz/ready", health.ready, name="ready"),
]
