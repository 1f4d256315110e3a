from django.urls import path

from roundtable.portal import views
from roundtable.portal.access_log import access_log

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("access-log/", access_log, name="access-log"),
]
