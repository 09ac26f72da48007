from __future__ import annotations

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from digibridge.common.errors import DomainError
from digibridge.common.security import client_ip, safe_next
from digibridge.directory.models import Organisation

from . import services, two_factor
from .forms import CodeForm, LoginForm, PasswordConfirmForm, ProfileForm, SignUpForm, TokenForm
from .middleware import SESSION_PENDING, SESSION_STATE
from .models import TwoFactorDevice, User
from .throttle import login_success_record, password_reset_allowed

BACKEND = "digibridge.accounts.backends.ThrottledModelBackend"
PENDING_SECONDS = 300


def _activate_language(response, language: str):
    translation.activate(language)
    response.set_cookie(settings.LANGUAGE_COOKIE_NAME, language, samesite="Lax")
    return response


def signup(request):
    if request.user.is_authenticated:
        return redirect("accounts:profile")
    form = SignUpForm(request.POST or None, initial={"language": translation.get_language()})
    if request.method == "POST" and form.is_valid():
        try:
            user = services.user_sign_up(**form.cleaned_data)
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            login(request, user, backend=BACKEND)
            messages.success(
                request,
                _("Welcome! Register your organisation so that you can publish for it."),
            )
            return _activate_language(redirect("directory:create"), user.language)
    return render(request, "accounts/signup.html", {"form": form})


@login_required
def profile(request):
    user = request.user
    form = ProfileForm(
        request.POST if request.POST.get("action") == "profile" else None,
        initial={
            "first_name": user.first_name,
            "last_name": user.last_name,
            "language": user.language,
            "time_zone": user.time_zone,
        },
    )
    token_form = TokenForm(request.POST if request.POST.get("action") == "token" else None)
    new_token = None
    if request.method == "POST":
        if request.POST.get("action") == "profile" and form.is_valid():
            services.user_update_profile(user=user, **form.cleaned_data)
            messages.success(request, _("Your profile was saved."))
            return _activate_language(redirect("accounts:profile"), user.language)
        if request.POST.get("action") == "token" and token_form.is_valid():
            _token, new_token = services.api_token_create(
                user=user, name=token_form.cleaned_data["name"]
            )
            token_form = TokenForm()
    organisations = Organisation.objects.filter(memberships__user=user).order_by("name")
    return render(
        request,
        "accounts/profile.html",
        {
            "form": form,
            "token_form": token_form,
            "new_token": new_token,
            "tokens": user.api_tokens.order_by("-created_at"),
            "organisations": organisations,
        },
    )


class LoginView(auth_views.LoginView):
    """The password step; accounts with two-factor authentication go on to the code step."""

    template_name = "accounts/login.html"
    authentication_form = LoginForm

    def form_valid(self, form):
        user = form.get_user()
        if not two_factor.two_factor_enabled(user):
            return super().form_valid(form)
        self.request.session[SESSION_PENDING] = {
            "user": user.pk,
            "backend": getattr(user, "backend", BACKEND),
            "next": self.get_success_url(),
            "at": time.time(),
        }
        return redirect("accounts:login_code")


def _pending_user(request) -> tuple[User | None, dict]:
    if request.user.is_authenticated:
        if request.session.get(SESSION_STATE) == "pending":
            return request.user, {}
        return None, {}
    pending = request.session.get(SESSION_PENDING) or {}
    if not pending or time.time() - pending.get("at", 0) > PENDING_SECONDS:
        return None, {}
    return User.objects.filter(pk=pending.get("user"), is_active=True).first(), pending


@sensitive_post_parameters("code")
@never_cache
def login_code(request):
    """The second step of a log-in: a code from the authenticator app or a recovery code."""
    user, pending = _pending_user(request)
    if user is None:
        if request.user.is_authenticated:
            return redirect(settings.LOGIN_REDIRECT_URL)
        messages.info(request, _("Log in again, please."))
        return redirect("accounts:login")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            used = two_factor.two_factor_verify(
                user=user, code=form.cleaned_data["code"], ip=client_ip(request)
            )
        except DomainError as exc:
            form.add_error("code" if exc.field == "code" else None, exc.message)
        else:
            if not request.user.is_authenticated:
                login(request, user, backend=pending.get("backend", BACKEND))
            request.session.pop(SESSION_PENDING, None)
            request.session[SESSION_STATE] = "ok"
            login_success_record(email=user.email)
            if used == "recovery":
                messages.warning(
                    request,
                    _("You used a recovery code; %(count)s are left.")
                    % {"count": two_factor.recovery_codes_left(user)},
                )
            target = pending.get("next") or request.POST.get("next")
            return redirect(safe_next(request, target, reverse(settings.LOGIN_REDIRECT_URL)))
    return render(request, "accounts/login_code.html", {"form": form})


@login_required
@sensitive_post_parameters("password", "code")
@never_cache
def two_factor_settings(request):
    """Turn two-factor authentication on (QR code, first code) or off, renew recovery codes."""
    user = request.user
    action = request.POST.get("action", "")
    code_form = CodeForm(request.POST if action == "confirm" else None)
    password_form = PasswordConfirmForm(request.POST if action in ("disable", "renew") else None)
    recovery_codes = None
    if request.method == "POST":
        try:
            if action == "start":
                two_factor.two_factor_start(user=user)
            elif action == "confirm" and code_form.is_valid():
                recovery_codes = two_factor.two_factor_confirm(
                    user=user, code=code_form.cleaned_data["code"]
                )
                request.session[SESSION_STATE] = "ok"
                messages.success(request, _("Two-factor authentication is on."))
            elif action == "disable" and password_form.is_valid():
                two_factor.two_factor_disable(
                    user=user, password=password_form.cleaned_data["password"]
                )
                request.session[SESSION_STATE] = "none"
                messages.success(request, _("Two-factor authentication is off."))
                return redirect("accounts:two_factor")
            elif action == "renew" and password_form.is_valid():
                recovery_codes = two_factor.recovery_codes_renew(
                    user=user, password=password_form.cleaned_data["password"]
                )
                password_form = PasswordConfirmForm()
        except DomainError as exc:
            form = code_form if action == "confirm" else password_form
            field = exc.field if exc.field in form.fields else None
            if action in ("confirm", "disable", "renew"):
                form.add_error(field, exc.message)
            else:
                messages.error(request, exc.message)
    device = TwoFactorDevice.objects.filter(user=user).first()
    enabled = device is not None and device.confirmed_at is not None
    return render(
        request,
        "accounts/two_factor.html",
        {
            "device": device,
            "enabled": enabled,
            "required": two_factor.two_factor_required(user),
            "qr": two_factor.provisioning_qr_svg(device) if device and not enabled else None,
            "secret": device.secret if device and not enabled else "",
            "code_form": code_form,
            "password_form": password_form,
            "recovery_codes": recovery_codes,
            "codes_left": two_factor.recovery_codes_left(user) if enabled else 0,
        },
    )


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:profile")

    def form_valid(self, form):
        response = super().form_valid(form)  # keeps this session logged in
        services.audit(actor=form.user, action="user.password_change", obj=form.user)
        messages.success(self.request, _("Your password was changed."))
        return response


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset page, with a limit on the e-mails one address can be sent."""

    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form):
        email = form.cleaned_data["email"]
        if password_reset_allowed(email=email, ip=client_ip(self.request)):
            return super().form_valid(form)
        return redirect(self.get_success_url())  # the same answer: nothing to learn from it
