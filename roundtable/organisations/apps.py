from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "roundtable.organisations"
    label = "organisations"
