from django.urls import path

from roundtable.workspace import views

app_name = "workspace"
urlpatterns = [
    path("", views.caseload, name="caseload"),
    path("<uuid:citizen_id>/", views.citizen_detail, name="citizen"),
]
