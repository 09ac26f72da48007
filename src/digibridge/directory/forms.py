from __future__ import annotations

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from digibridge.common import counting
from digibridge.common.widgets import LargeSelect, LargeSelectMultiple

from .models import CONTENT_LANGUAGES, Network, Organisation, Sector


def _read_sector_choices() -> list[tuple[str, str]]:
    choices = []
    for sector in Sector.objects.select_related("parent").order_by("parent_id", "position"):
        prefix = "— " if sector.parent_id else ""
        choices.append((sector.slug, prefix + str(sector.label)))
    return choices


def sector_choices() -> list[tuple[str, str]]:
    """The sector taxonomy as (slug, label) in the active language, read once per change of the
    sectors (every filter form of the platform shows it)."""
    return counting.remembered(
        f"sector-choices:{get_language()}", [Sector._meta.db_table], _read_sector_choices
    )


def sector_filter_choices() -> list[tuple[str, str]]:
    """For a filter's sector select: "All sectors", then the taxonomy. Forms take the function
    itself as ``choices``, so nothing is read or normalised until the field is used."""
    return [("", _("All sectors")), *sector_choices()]


def country_filter_choices() -> list[tuple[str, str]]:
    return [("", _("All countries")), *countries]


def country_choices() -> list[tuple[str, str]]:
    return list(countries)


def network_filter_choices() -> list[tuple[str, str]]:
    networks = counting.remembered(
        "network-choices",
        [Network._meta.db_table],
        lambda: list(Network.objects.order_by("name").values_list("slug", "name")),
    )
    return [("", _("All networks")), *networks]


class OrganisationForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    name_zh = forms.CharField(label=_("Name in Chinese"), max_length=200, required=False)
    type = forms.ChoiceField(label=_("Type"), choices=Organisation.Type.choices)
    country = forms.ChoiceField(label=_("Country"), choices=[], widget=LargeSelect)
    city = forms.CharField(label=_("City"), max_length=100, required=False)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    description = forms.CharField(
        label=_("Description"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        max_length=10000,
        help_text=_("Write in the language you prefer; matching works across languages."),
    )
    description_language = forms.ChoiceField(
        label=_("Language of the description"), choices=CONTENT_LANGUAGES, required=False
    )
    sectors = forms.MultipleChoiceField(
        label=_("Sectors"), choices=sector_choices, required=False, widget=LargeSelectMultiple
    )
    size = forms.ChoiceField(
        label=_("Size"), choices=[("", "—"), *Organisation.Size.choices], required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", "—"), *countries]

    @classmethod
    def initial_for(cls, org: Organisation) -> dict:
        return {
            "name": org.name,
            "name_zh": (org.names or {}).get("zh-hans", ""),
            "type": org.type,
            "country": org.country.code,
            "city": org.city,
            "website": org.website,
            "description": org.description,
            "description_language": org.description_language,
            "sectors": [s.slug for s in org.sectors.all()],
            "size": org.size,
        }

    def service_data(self) -> tuple[dict, list[str]]:
        data = dict(self.cleaned_data)
        sectors = data.pop("sectors")
        name_zh = data.pop("name_zh")
        data["names"] = {"zh-hans": name_zh} if name_zh else {}
        return data, sectors


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    # LargeSelect: same markup as forms.Select, without a template render per option.
    type = forms.ChoiceField(
        label=_("Type"),
        choices=[("", _("All types")), *Organisation.Type.choices],
        required=False,
        widget=LargeSelect,
    )
    country = forms.ChoiceField(
        label=_("Country"), choices=country_filter_choices, required=False, widget=LargeSelect
    )
    sector = forms.ChoiceField(
        label=_("Sector"), choices=sector_filter_choices, required=False, widget=LargeSelect
    )
    network = forms.ChoiceField(
        label=_("Network"), choices=network_filter_choices, required=False, widget=LargeSelect
    )

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        return {k: v for k, v in self.cleaned_data.items() if v}
