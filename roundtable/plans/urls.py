"""Joint plans: the team's pages under the citizen, the citizen's own under /me/plan/."""

from django.urls import path

from roundtable.plans import views

app_name = "plans"
urlpatterns = [
    path("citizens/<uuid:citizen_id>/plan/", views.plan_detail, name="detail"),
    path("citizens/<uuid:citizen_id>/plan/edit/", views.plan_edit, name="edit"),
    path("citizens/<uuid:citizen_id>/plan/publish/", views.plan_publish, name="publish"),
    path("citizens/<uuid:citizen_id>/plan/compare/", views.version_compare, name="compare"),
    path("citizens/<uuid:citizen_id>/plan/plan.pdf", views.plan_pdf, name="pdf"),
    path(
        "citizens/<uuid:citizen_id>/plan/versions/<int:number>/",
        views.version_detail,
        name="version",
    ),
    path("me/plan/", views.my_plan, name="my-plan"),
    path("me/plan/compare/", views.my_compare, name="my-compare"),
    path("me/plan/plan.pdf", views.my_pdf, name="my-pdf"),
    path("me/plan/versions/<int:number>/", views.my_version, name="my-version"),
]
