from django.apps import AppConfig


class WorkspaceConfig(AppConfig):
    name = "roundtable.workspace"
    label = "workspace"
