from django.apps import AppConfig


class CitizensConfig(AppConfig):
    name = "roundtable.citizens"
    label = "citizens"
