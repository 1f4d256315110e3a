from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VocationalConfig(AppConfig):
    name = "roundtable.vocational"
    label = "vocational"
    verbose_name = _("Vocational assessment and plan")
