from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommonConfig(AppConfig):
    name = "digibridge.common"
    verbose_name = _("Platform")

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from . import counting

        # Every database connection reports its writes, so cached listing counts stay exact.
        connection_created.connect(counting.install, dispatch_uid="digibridge-counting")
