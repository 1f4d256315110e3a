from django.urls import path

from roundtable.vocational import views

app_name = "vocational"

# Under the citizen's assessments page, where these records are shown.
_C = "citizens/<uuid:citizen_id>/assessments"

urlpatterns = [
    path(f"{_C}/vocational/", views.vocational_edit, name="vocational-edit"),
    path(f"{_C}/employer-contact/", views.employer_contact_edit, name="employer-contact-edit"),
    path(f"{_C}/vocational-steps/new/", views.vocational_step_new, name="vocational-step-new"),
    path(
        f"{_C}/vocational-steps/<uuid:step_id>/",
        views.vocational_step_edit,
        name="vocational-step-edit",
    ),
    path(f"{_C}/ips/profile/", views.ips_profile_edit, name="ips-profile-edit"),
    path(f"{_C}/ips/plan/", views.ips_plan_edit, name="ips-plan-edit"),
    path(f"{_C}/ips/contacts/new/", views.ips_contact_new, name="ips-contact-new"),
    path(
        f"{_C}/ips/contacts/<uuid:contact_id>/done/",
        views.ips_contact_done,
        name="ips-contact-done",
    ),
]
