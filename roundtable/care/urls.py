from django.urls import path

from roundtable.care import views

app_name = "care"

# Under the citizen's assessments page, where these records are shown.
_C = "citizens/<uuid:citizen_id>/assessments"

urlpatterns = [
    path(f"{_C}/health/", views.health_edit, name="health-edit"),
    path(f"{_C}/functional-capacity/", views.capacity_edit, name="capacity-edit"),
    path(f"{_C}/care-steps/new/", views.care_step_new, name="care-step-new"),
    path(f"{_C}/care-steps/<uuid:step_id>/", views.care_step_edit, name="care-step-edit"),
    path(f"{_C}/sessions/new/", views.session_new, name="session-new"),
    path(f"{_C}/symptoms/new/", views.symptom_new, name="symptom-new"),
]
