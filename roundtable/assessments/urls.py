from django.urls import path

from roundtable.assessments import views

app_name = "assessments"

urlpatterns = [
    path("citizens/<uuid:citizen_id>/assessments/", views.assessment_page, name="page"),
    path("me/assessments/", views.my_page, name="my-page"),
]
