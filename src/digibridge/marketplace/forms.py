from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from digibridge.common.widgets import LargeSelect, LargeSelectMultiple
from digibridge.directory.forms import (
    country_choices,
    country_filter_choices,
    sector_choices,
    sector_filter_choices,
)

from .models import Opportunity


class OpportunityForm(forms.Form):
    owner = forms.ChoiceField(label=_("Published by"), choices=[])
    kind = forms.ChoiceField(label=_("Kind"), choices=Opportunity.Kind.choices)
    category = forms.ChoiceField(label=_("Category"), choices=Opportunity.Category.choices)
    title = forms.CharField(label=_("Title"), max_length=200, min_length=3)
    description = forms.CharField(
        label=_("Description"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=10000,
        help_text=_("Any of English, Chinese, Spanish or Catalan; matching works across them."),
    )
    sectors = forms.MultipleChoiceField(
        label=_("Sectors"), choices=sector_choices, required=False, widget=LargeSelectMultiple
    )
    target_countries = forms.MultipleChoiceField(
        label=_("Target countries or markets"),
        choices=country_choices,
        required=False,
        widget=LargeSelectMultiple,
    )
    budget_min = forms.DecimalField(
        label=_("Budget from"), min_value=0, max_digits=14, decimal_places=2, required=False
    )
    budget_max = forms.DecimalField(
        label=_("Budget up to"), min_value=0, max_digits=14, decimal_places=2, required=False
    )
    currency = forms.ChoiceField(label=_("Currency"), choices=Opportunity.Currency.choices)
    deadline = forms.DateField(
        label=_("Deadline"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    visibility = forms.ChoiceField(label=_("Visibility"), choices=Opportunity.Visibility.choices)

    def __init__(self, *args, owners=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].choices = [(str(o.pk), o.name) for o in owners]

    def clean(self):
        data = super().clean()
        low, high = data.get("budget_min"), data.get("budget_max")
        if low is not None and high is not None and low > high:
            self.add_error("budget_max", _("The upper end must not be below the lower end."))
        return data

    @classmethod
    def initial_for(cls, opportunity: Opportunity) -> dict:
        return {
            "owner": str(opportunity.owner_id),
            "kind": opportunity.kind,
            "category": opportunity.category,
            "title": opportunity.title,
            "description": opportunity.description,
            "sectors": [s.slug for s in opportunity.sectors.all()],
            "target_countries": [c.code for c in opportunity.target_countries],
            "budget_min": opportunity.budget_min,
            "budget_max": opportunity.budget_max,
            "currency": opportunity.currency,
            "deadline": opportunity.deadline,
            "visibility": opportunity.visibility,
        }

    def service_data(self) -> tuple[int, dict, list[str]]:
        data = dict(self.cleaned_data)
        owner = int(data.pop("owner"))
        sectors = data.pop("sectors")
        return owner, data, sectors


class OpportunityFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[("", _("Offers and requests")), *Opportunity.Kind.choices],
        required=False,
    )
    category = forms.ChoiceField(
        label=_("Category"),
        choices=[("", _("All categories")), *Opportunity.Category.choices],
        required=False,
    )
    sector = forms.ChoiceField(
        label=_("Sector"), choices=sector_filter_choices, required=False, widget=LargeSelect
    )
    country = forms.ChoiceField(
        label=_("Country"), choices=country_filter_choices, required=False, widget=LargeSelect
    )
    language = forms.ChoiceField(
        label=_("Language"),
        choices=[
            ("", _("All languages")),
            ("en", _("English")),
            ("zh-hans", _("Chinese")),
            ("es", _("Spanish")),
            ("ca", _("Catalan")),
        ],
        required=False,
    )

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        return {k: v for k, v in self.cleaned_data.items() if v}
