from django.urls import path

from roundtable.instruments import views

app_name = "instruments"
urlpatterns = [
    path("meetings/<uuid:meeting_id>/shared-decisions/", views.meeting_sdm, name="meeting-sdm"),
    path(
        "meetings/<uuid:meeting_id>/shared-decisions/<str:instrument>/",
        views.meeting_option,
        name="meeting-option",
    ),
    path("me/meetings/<uuid:meeting_id>/how-we-decided/", views.my_sdm, name="my-sdm"),
    path("teams/<uuid:team_id>/shared-decisions/", views.team_sdm_trend, name="team-trend"),
]

# Relational coordination and the team's integration page (issue 12 §4-5).
from roundtable.instruments import views_rc  # noqa: E402

urlpatterns += [
    path(
        "teams/<uuid:team_id>/relational-coordination/",
        views_rc.rc_rounds,
        name="rc-rounds",
    ),
    path("relational-coordination/<uuid:round_id>/answer/", views_rc.rc_survey, name="rc-survey"),
    path("relational-coordination/<uuid:round_id>/", views_rc.rc_results, name="rc-results"),
    path("teams/<uuid:team_id>/integration/", views_rc.integration, name="integration"),
]
