from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _

from digibridge.common.errors import DomainError
from digibridge.directory.models import Organisation

from . import services
from .forms import ProfileForm, SignUpForm, TokenForm


def _activate_language(response, language: str):
    translation.activate(language)
    from django.conf import settings

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
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
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
