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
    path("teams/<uuid:team_id>/ips-fidelity/", views.fidelity_team, name="fidelity-team"),
    path("ips-fidelity/<uuid:review_id>/", views.fidelity_review, name="fidelity-review"),
    path("ips-fidelity/<uuid:review_id>/rate/", views.fidelity_rate, name="fidelity-rate"),
    path(
        "ips-fidelity/<uuid:review_id>/consensus/",
        views.fidelity_consensus,
        name="fidelity-consensus",
    ),
    path("ips-fidelity/<uuid:review_id>/report.pdf", views.fidelity_report, name="fidelity-report"),
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
