from django.urls import path

from roundtable.organisations import views

app_name = "organisations"
urlpatterns = [
    path("", views.team_list, name="team-list"),
]
