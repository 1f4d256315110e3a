from django.urls import path

from roundtable.lifesituation import views

app_name = "lifesituation"

urlpatterns = [
    # Under the citizen's assessments page, where the mapping is shown.
    path(
        "citizens/<uuid:citizen_id>/assessments/life-situation/",
        views.mapping_edit,
        name="mapping-edit",
    ),
    path("me/assessments/wishes/", views.my_wishes, name="my-wishes"),
]
