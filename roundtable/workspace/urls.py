from django.urls import path

from roundtable.workspace import views

app_name = "workspace"
urlpatterns = [
    path("citizens/", views.caseload, name="caseload"),
    path("citizens/<uuid:citizen_id>/", views.citizen_detail, name="citizen"),
    path("teams/<uuid:team_id>/", views.team_detail, name="team"),
]
