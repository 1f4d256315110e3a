from django.urls import path

from roundtable.assessments import views

app_name = "assessments"

_C = "citizens/<uuid:citizen_id>/assessments"

urlpatterns = [
    path(f"{_C}/", views.assessment_page, name="page"),
    path(f"{_C}/health/", views.health_edit, name="health-edit"),
    path(f"{_C}/functional-capacity/", views.capacity_edit, name="capacity-edit"),
    path(f"{_C}/care-steps/new/", views.care_step_new, name="care-step-new"),
    path(f"{_C}/care-steps/<uuid:step_id>/", views.care_step_edit, name="care-step-edit"),
    path(f"{_C}/sessions/new/", views.session_new, name="session-new"),
    path(f"{_C}/symptoms/new/", views.symptom_new, name="symptom-new"),
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
    path(f"{_C}/life-situation/", views.mapping_edit, name="mapping-edit"),
    path("me/assessments/", views.my_page, name="my-page"),
    path("me/assessments/wishes/", views.my_wishes, name="my-wishes"),
]
