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
    path("deadlines/", views.deadlines, name="deadlines"),
    path("deadlines/team/", views.team_risks, name="team-risks"),
    path("deadlines/reminders/read/", views.reminders_read, name="reminders-read"),
    path("me/sick-leave/", views.my_timeline, name="my-timeline"),
]
