"""Collective journal pages: the team's (under the citizen) and the citizen's own (under /me/)."""

from django.urls import path

from roundtable.journal import views

app_name = "journal"
urlpatterns = [
    path("citizens/<uuid:citizen_id>/journal/", views.journal, name="journal"),
    path("citizens/<uuid:citizen_id>/journal/new/", views.entry_write, name="write"),
    path(
        "citizens/<uuid:citizen_id>/journal/notices/read/",
        views.notices_read,
        name="citizen-notices-read",
    ),
    path(
        "citizens/<uuid:citizen_id>/journal/<uuid:entry_id>/",
        views.entry_detail,
        name="entry",
    ),
    path(
        "citizens/<uuid:citizen_id>/journal/<uuid:entry_id>/addendum/",
        views.addendum_add,
        name="addendum",
    ),
    path(
        "citizens/<uuid:citizen_id>/journal/<uuid:entry_id>/summary/",
        views.summary_write,
        name="summary",
    ),
    path("journal/notices/", views.notices, name="notices"),
    path("journal/notices/read/", views.notices_read, name="notices-read"),
    path("me/journal/", views.my_journal, name="my-journal"),
    path("me/journal/<uuid:entry_id>/", views.my_entry, name="my-entry"),
]
