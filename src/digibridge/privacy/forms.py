from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Purpose

DATE = forms.DateInput(attrs={"type": "date"})

PURPOSE_HELP = {
    Purpose.LISTED: _(
        "Your name, title and organisation appear in the directory and in the participant "
        "lists of events you register for (where you also tick “list me”)."
    ),
    Purpose.SHARE_CONTACTS: _(
        "After you accept a meeting, the other side sees your e-mail address and phone."
    ),
    Purpose.EMAIL: _(
        "The platform sends you e-mail about what concerns you (meeting requests, messages, "
        "invitations, digests), as your notification settings say. Without it you get no "
        "e-mail except those you ask for, such as a password reset."
    ),
}


class ConsentForm(forms.Form):
    def __init__(self, *args, current: dict[str, bool], **kwargs):
        super().__init__(*args, **kwargs)
        for purpose, label in Purpose.choices:
            self.fields[purpose] = forms.BooleanField(
                label=label,
                required=False,
                initial=current.get(purpose, True),
                help_text=PURPOSE_HELP[purpose],
            )


class EraseForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"), widget=forms.PasswordInput(attrs={"autocomplete": "off"})
    )
    understood = forms.BooleanField(
        label=_("I understand that my account will be closed for good and cannot be restored."),
        required=True,
    )


class AuditFilterForm(forms.Form):
    actor = forms.CharField(label=_("Who"), required=False, max_length=200)
    action = forms.CharField(label=_("Action"), required=False, max_length=100)
    object_type = forms.ChoiceField(label=_("Object"), required=False)
    date_from = forms.DateField(label=_("From"), required=False, widget=DATE)
    date_to = forms.DateField(label=_("Until"), required=False, widget=DATE)

    def __init__(self, *args, object_types: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["object_type"].choices = [("", _("All objects")), *object_types]
        self.fields["actor"].widget.attrs["placeholder"] = _("E-mail address or name")
        self.fields["action"].widget.attrs["placeholder"] = _("e.g. agreement")

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        return {k: v for k, v in self.cleaned_data.items() if v}
