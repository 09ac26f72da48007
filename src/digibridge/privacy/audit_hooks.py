"""Audit entries for changes of permissions, whatever path they take (the admin, a service, a
shell): a user's role, staff, superuser and active flags, groups and permissions, and
organisation memberships (who acts for which organisation, and who administers it).

The actor is the user of the current request (``CurrentRequestMiddleware``), or none for
background jobs and commands. Services that audit these changes themselves with more detail
are not replaced; an entry here is the safety net that no path escapes.
"""

from __future__ import annotations

from contextvars import ContextVar

from django.contrib.auth import get_user_model

_request: ContextVar = ContextVar("digibridge_current_request", default=None)

USER_FIELDS = ("role", "is_staff", "is_superuser", "is_active")


class CurrentRequestMiddleware:
    """Remembers the request being served, so that signal-based audit entries name the actor
    (read lazily: the API's token authentication sets ``request.user`` later)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request.set(request)
        try:
            return self.get_response(request)
        finally:
            _request.reset(token)


def current_actor():
    request = _request.get()
    user = getattr(request, "user", None) if request is not None else None
    return user if user is not None and user.is_authenticated else None


def _audit(action: str, obj, **detail) -> None:
    from digibridge.accounts.services import audit

    audit(actor=current_actor(), action=action, obj=obj, **detail)


def remember_user_rights(sender, instance, raw=False, update_fields=None, **kwargs) -> None:
    instance._rights_before = None
    if raw or instance._state.adding or instance.pk is None:
        return
    if update_fields is not None and not set(update_fields) & set(USER_FIELDS):
        return  # last_login and profile saves: nothing to compare
    instance._rights_before = sender.objects.filter(pk=instance.pk).values(*USER_FIELDS).first()


def audit_user_rights(sender, instance, created=False, raw=False, **kwargs) -> None:
    before = getattr(instance, "_rights_before", None)
    instance._rights_before = None
    if raw or created or not before:
        return
    changes = {
        field: [before[field], getattr(instance, field)]
        for field in USER_FIELDS
        if before[field] != getattr(instance, field)
    }
    if changes:
        _audit("permission.user_change", instance, changes=changes)


def audit_user_groups(sender, instance, action, pk_set=None, reverse=False, model=None, **kw):
    if action not in ("post_add", "post_remove", "post_clear") or reverse:
        return
    what = "groups" if model.__name__ == "Group" else "permissions"
    _audit(f"permission.user_{what}", instance, change=action[5:], ids=sorted(pk_set or []))


def audit_membership_saved(sender, instance, created=False, raw=False, **kwargs) -> None:
    if raw:
        return
    _audit(
        "permission.member_add" if created else "permission.member_change",
        instance.organisation,
        user=instance.user_id,
        is_admin=instance.is_admin,
    )


def audit_membership_deleted(sender, instance, **kwargs) -> None:
    _audit(
        "permission.member_remove",
        instance.organisation,
        user=instance.user_id,
        is_admin=instance.is_admin,
    )


def connect() -> None:
    from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

    from digibridge.directory.models import OrganisationMember

    User = get_user_model()
    pre_save.connect(remember_user_rights, sender=User, dispatch_uid="privacy_rights_before")
    post_save.connect(audit_user_rights, sender=User, dispatch_uid="privacy_rights_after")
    for through in (User.groups.through, User.user_permissions.through):
        m2m_changed.connect(audit_user_groups, sender=through, dispatch_uid=f"privacy_{through}")
    post_save.connect(
        audit_membership_saved, sender=OrganisationMember, dispatch_uid="privacy_member_saved"
    )
    post_delete.connect(
        audit_membership_deleted, sender=OrganisationMember, dispatch_uid="privacy_member_gone"
    )
