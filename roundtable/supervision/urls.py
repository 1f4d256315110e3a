from django.urls import path

from roundtable.supervision import views

app_name = "supervision"

urlpatterns = [
    path("supervision/", views.teams, name="teams"),
    path("teams/<uuid:team_id>/supervision/", views.history, name="history"),
    path("teams/<uuid:team_id>/supervision/new/", views.schedule, name="schedule"),
    path("supervision/<uuid:session_id>/", views.session, name="session"),
]
