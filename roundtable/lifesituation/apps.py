from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LifeSituationConfig(AppConfig):
    name = "roundtable.lifesituation"
    label = "lifesituation"
    verbose_name = _("Life situation")
