from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from digibridge.directory.models import Network, Organisation

from .models import MATCH_THRESHOLD_DEFAULT, PREFERENCE_DEFAULTS, Invitation, Notification


class PreferencesForm(forms.Form):
    """Two checkboxes per notification kind: ``<kind>__in_app`` and ``<kind>__email``."""

    def __init__(
        self,
        *args,
        current: dict[str, tuple[bool, bool]],
        min_score: float | None = None,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.fields["min_score"] = forms.FloatField(
            label=_("Tell me about new matches scoring at least"),
            required=False,
            min_value=0,
            max_value=10,
            initial=min_score,
            widget=forms.NumberInput(attrs={"step": "0.1"}),
            help_text=_(
                "Good counterparts score about 2, unrelated ones below 1. Leave empty for "
                "%(default)s."
            )
            % {"default": MATCH_THRESHOLD_DEFAULT},
        )
        labels = dict(Notification.Kind.choices)
        for kind in PREFERENCE_DEFAULTS:
            in_app, email = current[kind]
            self.fields[f"{kind}__in_app"] = forms.BooleanField(
                label=labels[kind], required=False, initial=in_app
            )
            self.fields[f"{kind}__email"] = forms.BooleanField(
                label=labels[kind], required=False, initial=email
            )

    def rows(self):
        labels = dict(Notification.Kind.choices)
        return [
            (labels[kind], self[f"{kind}__in_app"], self[f"{kind}__email"])
            for kind in PREFERENCE_DEFAULTS
        ]

    def choices(self) -> dict[str, tuple[bool, bool]]:
        return {
            kind: (self.cleaned_data[f"{kind}__in_app"], self.cleaned_data[f"{kind}__email"])
            for kind in PREFERENCE_DEFAULTS
        }


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Message"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        required=False,
    )
    attachment = forms.FileField(label=_("Attachment"), required=False)


class NewConversationForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Write for"), queryset=Organisation.objects.none()
    )
    counterpart = forms.ModelChoiceField(
        label=_("To"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("The service centre"),
    )
    subject = forms.CharField(label=_("Subject"), max_length=200)
    body = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, own, others, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = own
        self.fields["counterpart"].queryset = others


class ReportForm(forms.Form):
    reason = forms.CharField(label=_("What is wrong?"), max_length=2000, widget=forms.Textarea)


class _InvitationTargetForm(forms.Form):
    """One event or one network, and the personal message."""

    event = forms.ModelChoiceField(label=_("Event"), queryset=None, required=False)
    network = forms.ModelChoiceField(
        label=_("Network"), queryset=Network.objects.order_by("name"), required=False
    )

    def __init__(self, *args, **kwargs):
        from digibridge.events.models import Event

        super().__init__(*args, **kwargs)
        self.fields["event"].queryset = Event.objects.order_by("-start")
        self.fields["message"] = forms.CharField(
            label=_("Personal message"),
            required=False,
            max_length=3000,
            widget=forms.Textarea(attrs={"rows": 4}),
        )

    def clean(self):
        data = super().clean()
        if bool(data.get("event")) == bool(data.get("network")):
            raise forms.ValidationError(_("Choose one event or one network."))
        return data


class InvitationForm(_InvitationTargetForm):
    organisations = forms.ModelMultipleChoiceField(
        label=_("Organisations from the directory"),
        queryset=Organisation.objects.filter(status=Organisation.Status.APPROVED).order_by("name"),
        required=False,
    )
    pasted = forms.CharField(
        label=_("E-mail addresses"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "One a line: e-mail, or Name <e-mail>, or e-mail; name; language (en, zh-hans, es, ca)."
        ),
    )

    def clean(self):
        data = super().clean()
        if not data.get("organisations") and not (data.get("pasted") or "").strip():
            raise forms.ValidationError(_("Choose organisations or paste e-mail addresses."))
        return data


class InvitationUploadForm(_InvitationTargetForm):
    file = forms.FileField(
        label=_("List of invitees (.xlsx or .csv)"),
        help_text=_(
            "Columns: name, email, organisation, language (en, zh-hans, es, ca); only email is "
            "required. The first row holds the column names."
        ),
    )


class RsvpForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Your answer"),
        choices=[c for c in Invitation.Status.choices if c[0] != Invitation.Status.PENDING],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class DelegationRegisterForm(forms.Form):
    event = forms.ModelChoiceField(label=_("Event"), queryset=None)
    approve = forms.BooleanField(
        label=_("Approve the registrations at once"), required=False, initial=True
    )

    def __init__(self, *args, **kwargs):
        from digibridge.events.models import Event

        super().__init__(*args, **kwargs)
        self.fields["event"].queryset = Event.objects.order_by("-start")


class DelegationMeetingForm(forms.Form):
    """A meeting of the whole delegation with one organisation, in a free slot."""

    organisation = forms.ModelChoiceField(label=_("Meet"), queryset=Organisation.objects.none())
    slot = forms.ChoiceField(label=_("When"), choices=())
    table = forms.IntegerField(
        label=_("Table"),
        required=False,
        min_value=1,
        help_text=_("Leave empty for the first free table."),
    )

    def __init__(self, *args, booking: dict, **kwargs):
        from django.utils import formats, timezone

        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = booking["companies"]
        self.blocks = {item["block"].pk: item["block"] for item in booking["blocks"]}
        choices = []
        for item in booking["blocks"]:
            block = item["block"]
            zone = block.event.tz
            options = []
            for index, start, end in item["slots"]:
                start, end = timezone.localtime(start, zone), timezone.localtime(end, zone)
                label = f"{formats.date_format(start, 'SHORT_DATETIME_FORMAT')}–{end:%H:%M}"
                options.append((f"{block.pk}:{index}", label))
            if options:
                choices.append((block.name, options))
        self.fields["slot"].choices = choices

    def clean_slot(self):
        block_id, _sep, index = self.cleaned_data["slot"].partition(":")
        block = self.blocks.get(int(block_id)) if block_id.isdigit() else None
        if block is None or not index.isdigit():
            raise forms.ValidationError(_("Choose a free slot."))
        return block, int(index)
