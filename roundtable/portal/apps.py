from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "roundtable.portal"
    label = "portal"
