from django import forms
from django.utils.translation import gettext_lazy as _

from digibridge.common.widgets import LargeSelect
from digibridge.directory.forms import country_filter_choices, sector_filter_choices


class ConsoleFilterForm(forms.Form):
    sector = forms.ChoiceField(
        label=_("Sector"), choices=sector_filter_choices, required=False, widget=LargeSelect
    )
    country = forms.ChoiceField(
        label=_("Country"), choices=country_filter_choices, required=False, widget=LargeSelect
    )
    q = forms.CharField(label=_("Search"), required=False, max_length=200)

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        return {k: v for k, v in self.cleaned_data.items() if v}
