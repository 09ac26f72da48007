from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "digibridge.privacy"
    verbose_name = _("Privacy")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate, pre_delete, pre_save

        from digibridge.accounts.models import AuditEntry

        from .guards import refuse_audit_change, refuse_audit_delete, reinstall_after_migrate

        # The database refuses too (triggers of migration 0001); these give a clear error first.
        pre_save.connect(refuse_audit_change, sender=AuditEntry, dispatch_uid="audit_append_only")
        pre_delete.connect(refuse_audit_delete, sender=AuditEntry, dispatch_uid="audit_no_delete")
        post_migrate.connect(reinstall_after_migrate, sender=self, dispatch_uid="audit_triggers")

        from . import audit_hooks

        audit_hooks.connect()  # permission changes are audited whatever path they take
