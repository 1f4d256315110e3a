from django.urls import path

from roundtable.breakglass import views

app_name = "breakglass"
urlpatterns = [
    path("break-glass/", views.start, name="start"),
    path("break-glass/<uuid:grant_id>/end/", views.end, name="end"),
    path("break-glass/reviews/", views.review_list, name="reviews"),
    path("break-glass/reviews/<uuid:grant_id>/", views.review_detail, name="review"),
    path("me/emergency-access/", views.my_notices, name="my-notices"),
    path("me/emergency-access/read/", views.my_notices_read, name="my-notices-read"),
]
