from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "digibridge.events"
    verbose_name = _("Events")

    def ready(self) -> None:
        from digibridge.common.connections import register_connection_checker

        from .selectors import users_have_met

        # An accepted meeting request (or a shared meeting) reveals contact details.
        register_connection_checker(users_have_met)
