"""The authentication backend: Django's, behind the log-in throttle."""

from __future__ import annotations

from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied

from digibridge.common.security import client_ip

from .throttle import LoginLocked, login_failure_record, login_lock_check


class ThrottledModelBackend(ModelBackend):
    """E-mail and password, refused while the account or the client's address is locked.

    A refusal raises ``PermissionDenied`` (Django then tries no other backend) and leaves the
    lock on ``request.login_locked`` so that the log-in form can say why.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get("email")
        if username is None or password is None:
            return None
        username = str(username).strip().lower()  # addresses are stored in lower case
        ip = client_ip(request)
        try:
            login_lock_check(email=username, ip=ip)
        except LoginLocked as exc:
            if request is not None:
                request.login_locked = exc
            raise PermissionDenied(exc.message) from exc
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None:
            locked = login_failure_record(email=username, ip=ip)
            if locked is not None and request is not None:
                request.login_locked = locked
        return user
