from django.urls import path

from roundtable.family import views

app_name = "family"
urlpatterns = [
    path("me/family/", views.mine, name="mine"),
    path("me/family/<uuid:link_id>/stop/", views.stop, name="stop"),
    path("family/", views.home, name="home"),
    path("family/join/<str:token>/", views.accept, name="accept"),
    path("family/<uuid:citizen_id>/", views.page, name="page"),
]
