from django.apps import AppConfig


class SickleaveConfig(AppConfig):
    name = "roundtable.sickleave"
    label = "sickleave"
