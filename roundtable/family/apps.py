from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FamilyConfig(AppConfig):
    name = "roundtable.family"
    label = "family"
    verbose_name = _("Family and network")
