"""Consent pages: the citizen's own (under me/) and the professional's (under citizens/)."""

from django.urls import path

from roundtable.consent import views

app_name = "consent"
urlpatterns = [
    path("me/consent/", views.my_consent, name="mine"),
    path("me/consent/history/", views.my_consent_history, name="my-history"),
    path("me/consent/withdraw/", views.my_consent_withdraw, name="my-withdraw"),
    path("citizens/<uuid:citizen_id>/consent/", views.citizen_consent, name="citizen"),
    path(
        "citizens/<uuid:citizen_id>/consent/record/",
        views.citizen_consent_record,
        name="citizen-record",
    ),
    path(
        "citizens/<uuid:citizen_id>/consent/withdraw/",
        views.citizen_consent_withdraw,
        name="citizen-withdraw",
    ),
]
