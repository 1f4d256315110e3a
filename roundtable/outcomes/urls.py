from django.urls import path

from roundtable.outcomes import views

app_name = "outcomes"

urlpatterns = [
    path("outcomes/", views.overview, name="overview"),
    path("citizens/<uuid:citizen_id>/work-history/", views.history, name="history"),
    path("me/work-history/", views.my_history, name="my-history"),
]
