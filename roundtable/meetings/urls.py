from django.urls import path

from roundtable.meetings import views

app_name = "meetings"
urlpatterns = [
    path("citizens/<uuid:citizen_id>/meetings/", views.citizen_meetings, name="citizen-list"),
    path("citizens/<uuid:citizen_id>/meetings/new/", views.meeting_new, name="new"),
    path("meetings/decision-fields/", views.decision_fields, name="decision-fields"),
    path("meetings/prompts/", views.prompt_teams, name="prompt-teams"),
    path("meetings/prompts/<uuid:team_id>/", views.prompt_set, name="prompts"),
    path("meetings/<uuid:meeting_id>/", views.meeting_detail, name="detail"),
    path("meetings/<uuid:meeting_id>/edit/", views.meeting_edit, name="edit"),
    path("meetings/<uuid:meeting_id>/cancel/", views.meeting_cancel, name="cancel"),
    path("meetings/<uuid:meeting_id>/held/", views.meeting_hold, name="hold"),
    path(
        "meetings/<uuid:meeting_id>/invitation.ics",
        views.meeting_invitation,
        name="invitation",
    ),
    path("meetings/<uuid:meeting_id>/minutes/", views.minutes_save, name="minutes"),
    path("meetings/<uuid:meeting_id>/decisions/", views.decision_new, name="decision-new"),
    path(
        "meetings/<uuid:meeting_id>/decisions/<uuid:decision_id>/",
        views.decision_edit,
        name="decision-edit",
    ),
    path(
        "meetings/<uuid:meeting_id>/decisions/<uuid:decision_id>/options/",
        views.option_new,
        name="option-new",
    ),
    path(
        "meetings/<uuid:meeting_id>/decisions/<uuid:decision_id>/options/<uuid:option_id>/",
        views.option_edit,
        name="option-edit",
    ),
    path("me/meetings/", views.my_meetings, name="my-list"),
    path("me/meetings/<uuid:meeting_id>/", views.my_meeting, name="my-meeting"),
    path(
        "me/meetings/<uuid:meeting_id>/prepare/",
        views.my_preparation,
        name="my-preparation",
    ),
]
