from __future__ import annotations

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from .middleware import SESSION_STATE
from .throttle import login_success_record
from .two_factor import two_factor_enabled


@receiver(user_logged_in, dispatch_uid="digibridge.accounts.logged_in")
def on_logged_in(sender, request, user, **kwargs):
    """Whatever form logged the user in, 2FA decides if the session is complete yet; only a
    complete log-in clears the account's failed attempts (see views.login_code)."""
    pending = two_factor_enabled(user)
    if request is not None and hasattr(request, "session"):
        request.session[SESSION_STATE] = "pending" if pending else "none"
    if not pending:
        login_success_record(email=user.email)
