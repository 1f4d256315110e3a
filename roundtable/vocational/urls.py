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
    # IPS job development (issue 12 §2).
    path(f"{_C}/ips/job-starts/new/", views.job_start_new, name="job-start-new"),
    path(
        f"{_C}/ips/job-starts/<uuid:job_start_id>/follow-along/new/",
        views.follow_along_new,
        name="follow-along-new",
    ),
    path(f"{_C}/ips/benefits/new/", views.benefits_counselling_new, name="benefits-new"),
    path(f"{_C}/ips/disclosures/new/", views.disclosure_new, name="disclosure-new"),
    path("teams/<uuid:team_id>/employers/", views.employer_register, name="employers"),
    path("teams/<uuid:team_id>/employers/new/", views.employer_new, name="employer-new"),
    path(
        "teams/<uuid:team_id>/employers/<uuid:employer_id>/",
        views.employer_edit,
        name="employer-edit",
    ),
    path(
        "teams/<uuid:team_id>/employer-contacts/new/",
        views.job_development_contact_new,
        name="employer-contact-new",
    ),
]
