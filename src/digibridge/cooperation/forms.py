from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from digibridge.directory.models import Organisation
from digibridge.directory.selectors import organisations_visible_to
from digibridge.marketplace.selectors import opportunities_visible_to

from .models import Agreement, AgreementParty, Currency, FollowUp, ServiceRequest
from .services import MAX_DOCUMENT_BYTES

PARTY_ROWS = 4
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class OpportunityChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.title} — {obj.owner.name}"


class MeetingChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        from .selectors import meeting_label

        return meeting_label(obj)


class AgreementForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Agreement.Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=200, min_length=3)
    description = forms.CharField(
        label=_("Description"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=10000,
        required=False,
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[
            (Agreement.Status.PROPOSED, Agreement.Status.PROPOSED.label),
            (Agreement.Status.NEGOTIATING, Agreement.Status.NEGOTIATING.label),
            (Agreement.Status.SIGNED, Agreement.Status.SIGNED.label),
        ],
        initial=Agreement.Status.PROPOSED,
    )
    value = forms.DecimalField(
        label=_("Value"), min_value=0, max_digits=16, decimal_places=2, required=False
    )
    currency = forms.ChoiceField(label=_("Currency"), choices=Currency.choices)
    signed_on = forms.DateField(label=_("Signing date"), required=False, widget=DATE)
    signing_place = forms.CharField(label=_("Signing place"), max_length=200, required=False)
    signing_event = forms.CharField(
        label=_("Signing event"),
        max_length=200,
        required=False,
        help_text=_("For example the forum's signing ceremony."),
    )
    source_opportunity = OpportunityChoiceField(
        label=_("Matched opportunity"), queryset=None, required=False
    )
    counterpart_opportunity = OpportunityChoiceField(
        label=_("Counterpart opportunity"), queryset=None, required=False
    )

    source_meeting = MeetingChoiceField(
        label=_("Meeting it came from"), queryset=None, required=False
    )

    def __init__(self, *args, user, editing: bool = False, **kwargs):
        from .selectors import meetings_visible_to

        super().__init__(*args, **kwargs)
        self.fields["source_meeting"].queryset = meetings_visible_to(user)
        organisations = organisations_visible_to(user).order_by("name")
        opportunities = opportunities_visible_to(user).select_related("owner").order_by("title")
        self.fields["source_opportunity"].queryset = opportunities
        self.fields["counterpart_opportunity"].queryset = opportunities
        for index in range(1, PARTY_ROWS + 1):
            self.fields[f"party_{index}"] = forms.ModelChoiceField(
                label=_("Party %(number)s") % {"number": index},
                queryset=organisations,
                required=index <= 2,
            )
            self.fields[f"role_{index}"] = forms.ChoiceField(
                label=_("Role"),
                choices=AgreementParty.Role.choices,
                initial=AgreementParty.Role.SIGNATORY,
                required=False,
            )
        if editing:
            del self.fields["status"]

    def party_rows(self):
        return [(self[f"party_{i}"], self[f"role_{i}"]) for i in range(1, PARTY_ROWS + 1)]

    @classmethod
    def initial_for(cls, agreement: Agreement) -> dict:
        initial = {
            "kind": agreement.kind,
            "title": agreement.title,
            "description": agreement.description,
            "value": agreement.value,
            "currency": agreement.currency,
            "signed_on": agreement.signed_on,
            "signing_place": agreement.signing_place,
            "signing_event": agreement.signing_event,
            "source_opportunity": agreement.source_opportunity_id,
            "counterpart_opportunity": agreement.counterpart_opportunity_id,
            "source_meeting": agreement.source_meeting_id,
        }
        for index, party in enumerate(agreement.parties.all()[:PARTY_ROWS], start=1):
            initial[f"party_{index}"] = party.organisation_id
            initial[f"role_{index}"] = party.role
        return initial

    def clean(self):
        data = super().clean()
        source, counterpart = data.get("source_opportunity"), data.get("counterpart_opportunity")
        if source and counterpart and source.pk == counterpart.pk:
            self.add_error("counterpart_opportunity", _("Choose two different opportunities."))
        return data

    def service_data(self) -> tuple[dict, list[tuple[Organisation, str]], dict]:
        data = dict(self.cleaned_data)
        parties = []
        for index in range(1, PARTY_ROWS + 1):
            organisation = data.pop(f"party_{index}", None)
            role = data.pop(f"role_{index}", "") or AgreementParty.Role.SIGNATORY
            if organisation is not None:
                parties.append((organisation, role))
        links = {
            "source_opportunity": data.pop("source_opportunity", None),
            "counterpart_opportunity": data.pop("counterpart_opportunity", None),
            "source_meeting": data.pop("source_meeting", None),
        }
        return data, parties, links


class AgreementFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("All kinds")), *Agreement.Kind.choices], required=False
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("All statuses")), *Agreement.Status.choices],
        required=False,
    )
    signed_from = forms.DateField(label=_("Signed from"), required=False, widget=DATE)
    signed_to = forms.DateField(label=_("Signed until"), required=False, widget=DATE)

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        return {k: v for k, v in self.cleaned_data.items() if v}


class DocumentForm(forms.Form):
    file = forms.FileField(
        label=_("Document"),
        help_text=_("PDF, office files or images, up to %(limit)s MB.")
        % {"limit": MAX_DOCUMENT_BYTES // 1024 // 1024},
    )


class FollowUpForm(forms.Form):
    stage = forms.ChoiceField(label=_("Stage"), choices=FollowUp.Stage.choices)
    next_action = forms.CharField(label=_("Next action"), max_length=300, required=False)
    due_on = forms.DateField(label=_("Due on"), required=False, widget=DATE)
    notes = forms.CharField(
        label=_("Notes"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000, required=False
    )
    done = forms.BooleanField(label=_("Done"), required=False)


class ServiceRequestForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("For"), queryset=None)
    service = forms.ModelChoiceField(label=_("Service"), queryset=None)
    description = forms.CharField(
        label=_("What do you need?"), widget=forms.Textarea(attrs={"rows": 5}), max_length=5000
    )

    def __init__(self, *args, organisations, services, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["service"].queryset = services


class ServiceRequestHandleForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ServiceRequest.Status.choices)
    provider = forms.ModelChoiceField(
        label=_("Service provider"),
        queryset=Organisation.objects.filter(type=Organisation.Type.SERVICE_PROVIDER).order_by(
            "name"
        ),
        required=False,
    )
    due_on = forms.DateField(label=_("Due on"), required=False, widget=DATE)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)
