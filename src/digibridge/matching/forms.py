from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from digibridge.common.widgets import LargeSelect
from digibridge.directory.forms import sector_choices


class ConsoleFilterForm(forms.Form):
    sector = forms.ChoiceField(label=_("Sector"), choices=[], required=False, widget=LargeSelect)
    country = forms.ChoiceField(label=_("Country"), choices=[], required=False, widget=LargeSelect)
    q = forms.CharField(label=_("Search"), required=False, max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sector"].choices = [("", _("All sectors")), *sector_choices()]
        self.fields["country"].choices = [("", _("All countries")), *list(countries)]

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        return {k: v for k, v in self.cleaned_data.items() if v}
