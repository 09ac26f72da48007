from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .models import User


class SignUpForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    password = forms.CharField(label=_("Password"), widget=forms.PasswordInput, min_length=8)
    role = forms.ChoiceField(
        label=_("I represent"),
        choices=[
            (User.Role.ENTERPRISE, _("an enterprise")),
            (User.Role.PARTNER, _("a partner organisation (city, chamber, association, agency)")),
        ],
    )
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)


class ProfileForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    time_zone = forms.ChoiceField(label=_("Time zone"), choices=[])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["time_zone"].choices = [(tz, tz) for tz in settings.PLATFORM_TIME_ZONES]


class TokenForm(forms.Form):
    name = forms.CharField(label=_("Token name"), max_length=100)
