from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "roundtable.network"
    label = "network"
    verbose_name = _("People and services")

    def ready(self) -> None:
        from roundtable.citizens.signals import course_referred
        from roundtable.network.receivers import name_coordinator_at_referral

        course_referred.connect(name_coordinator_at_referral, dispatch_uid="network-coordinator")
