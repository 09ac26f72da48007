"""Two-factor authentication on every request of a logged-in session.

The session remembers where it stands (``SESSION_STATE``): ``pending`` until the second factor
is given (a log-in that went through a form that asks only for the password, the admin's for
example), ``ok`` once given, ``none`` for accounts without it. Pending sessions reach only the
code page; operators without 2FA, when it is mandatory, reach only the enrolment page.
"""

from __future__ import annotations

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from .two_factor import two_factor_enabled, two_factor_required

SESSION_STATE = "two_factor"
SESSION_PENDING = "two_factor_pending"


class TwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and hasattr(request, "session"):
            state = request.session.get(SESSION_STATE)
            if state is None:  # a session from before this check existed
                state = "pending" if two_factor_enabled(user) else "none"
                request.session[SESSION_STATE] = state
            if state == "pending":
                return self._divert(request, "accounts:login_code", _("Enter your code first."))
            if state == "none" and two_factor_required(user):
                return self._divert(
                    request,
                    "accounts:two_factor",
                    _("Operators must turn on two-factor authentication first."),
                )
        return self.get_response(request)

    def _divert(self, request, url_name: str, message: str):
        target = reverse(url_name)
        open_paths = (
            target,
            reverse("accounts:logout"),
            "/i18n/",
            "/" + settings.STATIC_URL.lstrip("/"),
        )
        if request.path.startswith(open_paths):
            return self.get_response(request)
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": message}, status=403)
        return redirect(target)
