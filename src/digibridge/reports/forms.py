from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from digibridge.directory.models import Sector

from .selectors import DashboardFilters

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
PAIRS = ["CN-ES", "ES-CN", "CN-DE", "DE-CN", "CN-FR", "FR-CN", "CN-IT", "IT-CN", "CN-NL", "NL-CN"]


class DashboardFilterForm(forms.Form):
    date_from = forms.DateField(label=_("From"), required=False, widget=DATE)
    date_to = forms.DateField(label=_("Until"), required=False, widget=DATE)
    sector = forms.ChoiceField(label=_("Sector"), required=False, choices=[])
    country_pair = forms.ChoiceField(label=_("Countries"), required=False, choices=[])
    event = forms.TypedChoiceField(
        label=_("Event"), required=False, choices=[], coerce=int, empty_value=None
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sector"].choices = [
            ("", _("All sectors")),
            *[(s.slug, s.label) for s in Sector.objects.filter(parent__isnull=True)],
        ]
        from digibridge.events.models import Event

        self.fields["event"].choices = [
            ("", _("All events")),
            *[(e.pk, e.name) for e in Event.objects.order_by("-start")],
        ]
        self.fields["country_pair"].choices = [
            ("", _("All countries")),
            ("china-europe", _("China ↔ Europe")),
            *[(p, p.replace("-", " → ")) for p in PAIRS],
        ]

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The end of the period is before its start."))
        return data

    def dashboard_filters(self) -> DashboardFilters:
        if not self.is_valid():
            return DashboardFilters()
        return DashboardFilters(**{k: v for k, v in self.cleaned_data.items() if v})


class ImportUploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("What the file holds"), choices=[])
    file = forms.FileField(
        label=_("Spreadsheet"), help_text=_("An .xlsx workbook (first sheet) or a .csv file.")
    )

    def __init__(self, *args, kinds=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = list(kinds)
