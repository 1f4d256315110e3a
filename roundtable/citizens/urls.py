from django.urls import path

from roundtable.citizens import views

app_name = "citizens"
urlpatterns = [
    path("new/", views.referral_new, name="referral-new"),
    path("<uuid:citizen_id>/national-id/", views.citizen_national_id, name="national-id"),
]
