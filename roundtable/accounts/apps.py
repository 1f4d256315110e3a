from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "roundtable.accounts"
    label = "accounts"

    def ready(self) -> None:
        from roundtable.accounts import (
            signals,  # noqa: F401  (login and logout are audited)
            throttling,  # noqa: F401  (failures slow the next try)
        )
