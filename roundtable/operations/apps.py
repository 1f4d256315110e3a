from django.apps import AppConfig


class OperationsConfig(AppConfig):
    name = "roundtable.operations"
    label = "operations"
