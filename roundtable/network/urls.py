from django.urls import path

from roundtable.network import views

app_name = "network"

urlpatterns = [
    path("citizens/<uuid:citizen_id>/network/", views.page, name="page"),
    path(
        "citizens/<uuid:citizen_id>/network/coordinator/",
        views.coordinator_edit,
        name="coordinator",
    ),
    path("citizens/<uuid:citizen_id>/network/members/add/", views.member_add, name="member-add"),
    path(
        "citizens/<uuid:citizen_id>/network/members/<uuid:member_id>/leave/",
        views.member_leave,
        name="member-leave",
    ),
    path(
        "citizens/<uuid:citizen_id>/network/members/<uuid:member_id>/summary/",
        views.summary_share,
        name="summary-share",
    ),
    path(
        "citizens/<uuid:citizen_id>/network/summaries/<uuid:share_id>/",
        views.summary_detail,
        name="summary",
    ),
    path(
        "citizens/<uuid:citizen_id>/network/summaries/<uuid:share_id>/summary.pdf",
        views.summary_pdf,
        name="summary-pdf",
    ),
    path("me/people/", views.mine, name="mine"),
    path("teams/<uuid:team_id>/without-coordinator/", views.uncoordinated, name="uncoordinated"),
    path("directory/", views.directory, name="directory"),
    path("directory/import/", views.directory_import, name="directory-import"),
    path("directory/export.json", views.directory_export, name="directory-export"),
    path("directory/export.zip", views.directory_export_csv, name="directory-export-csv"),
]
