from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "digibridge.matching"
    verbose_name = _("Matching")

    def ready(self) -> None:
        from digibridge.marketplace.services import opportunity_changed

        from .services import on_opportunity_changed

        opportunity_changed.connect(on_opportunity_changed, dispatch_uid="matching-index")
