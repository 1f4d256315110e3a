from django.urls import path

from roundtable.sickleave import views

app_name = "sickleave"
urlpatterns = [
    path("citizens/<uuid:citizen_id>/sick-leave/", views.citizen_sickleave, name="citizen"),
    path(
        "citizens/<uuid:citizen_id>/sick-leave/periods/",
        views.benefit_period_new,
        name="period-new",
    ),
    path(
        "citizens/<uuid:citizen_id>/sick-leave/decisions/",
        views.benefit_decision_new,
        name="decision-new",
    ),
    path(
        "citizens/<uuid:citizen_id>/sick-leave/evidence/",
        views.evidence_request_new,
        name="evidence-new",
    ),
    path(
        "citizens/<uuid:citizen_id>/sick-leave/handled/",
        views.milestone_handled,
        name="milestone-handled",
    ),
    path("evidence/<uuid:request_id>/done/", views.evidence_request_done, name="evidence-done"),
    path("evidence/<uuid:request_id>/", views.evidence_note, name="evidence-note"),
    path("evidence/<uuid:request_id>/note/", views.evidence_note_save, name="evidence-note-save"),
    path("evidence/<uuid:request_id>/send/", views.evidence_note_send, name="evidence-note-send"),
    path("me/evidence/", views.my_evidence, name="my-evidence"),
    path(
        "me/evidence/<uuid:request_id>/comment/",
        views.my_evidence_comment,
        name="my-evidence-comment",
    ),
    path("deadlines/", views.deadlines, name="deadlines"),
    path("deadlines/team/", views.team_risks, name="team-risks"),
    path("deadlines/reminders/read/", views.reminders_read, name="reminders-read"),
    path("me/sick-leave/", views.my_timeline, name="my-timeline"),
]
