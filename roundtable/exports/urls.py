from django.urls import path

from roundtable.exports import views

app_name = "exports"
urlpatterns = [
    path(
        "citizens/<uuid:citizen_id>/export.json",
        views.export_file,
        {"fmt": "json"},
        name="json",
    ),
    path(
        "citizens/<uuid:citizen_id>/export.pdf",
        views.export_file,
        {"fmt": "pdf"},
        name="pdf",
    ),
    path("me/my-data/", views.my_data, name="my-data"),
    path("me/access-log.csv", views.access_log_csv, name="access-log-csv"),
]
