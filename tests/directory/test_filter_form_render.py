"""The directory's selects are rendered in Python (``common.widgets.LargeSelect``): the options,
values, selected state and labels must be those of Django's stock widgets, in every language."""

from html.parser import HTMLParser

import pytest
from django import forms
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from digibridge.common.widgets import LargeSelect, LargeSelectMultiple
from digibridge.directory.forms import DirectoryFilterForm, OrganisationForm
from digibridge.directory.models import Sector
from tests.directory.factories import NetworkFactory, OrganisationFactory


class _Selects(HTMLParser):
    """Every ``<select>`` of a page: its attributes and its options, in order, each as
    (optgroup label, value, label text, selected, disabled)."""

    def __init__(self, markup: str):
        super().__init__(convert_charrefs=True)
        self.selects: dict[str, dict] = {}
        self._select = self._option = None
        self._group = None
        self.feed(markup)
        self.close()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "select":
            self._select = {"attrs": attrs, "options": []}
            self.selects[attrs["name"]] = self._select
        elif tag == "optgroup":
            self._group = attrs["label"]
        elif tag == "option" and self._select is not None:
            self._option = [
                self._group,
                attrs.get("value"),
                "",
                "selected" in attrs,
                "disabled" in attrs,
            ]

    def handle_endtag(self, tag):
        if tag == "option" and self._option is not None:
            self._select["options"].append(tuple(self._option))
            self._option = None
        elif tag == "optgroup":
            self._group = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._option is not None:
            self._option[2] += data


def _parsed(markup) -> dict:
    selects = _Selects(str(markup)).selects
    assert len(selects) == 1
    return next(iter(selects.values()))


TRICKY_CHOICES = [
    ("", "— all —"),
    ("a<b&c", 'Tom & "Jerry" <script>alert(1)</script>'),
    ("o'k", mark_safe("<b>trusted</b>")),  # noqa: S308 (a choice label already marked safe)
    (gettext_lazy("Group"), [("1", "one"), (2, gettext_lazy("Spanish")), (3.5, 1234.5)]),
    (None, "none as value"),
]


@pytest.mark.parametrize(
    ("stock", "large", "value"),
    [
        (forms.Select, LargeSelect, "2"),
        (forms.Select, LargeSelect, "a<b&c"),
        (forms.Select, LargeSelect, None),
        (forms.SelectMultiple, LargeSelectMultiple, ["o'k", "3.5", ""]),
        (forms.SelectMultiple, LargeSelectMultiple, []),
    ],
)
@pytest.mark.parametrize("language", ["en", "es", "zh-hans"])
def test_large_select_same_options_as_stock_select(stock, large, value, language):
    attrs = {"id": "id_pick", "required": True, "disabled": False, "data-x": 'a"b', "n": 0}
    with translation.override(language):
        expected = _parsed(stock(choices=TRICKY_CHOICES).render("pick", value, attrs))
        got = _parsed(large(choices=TRICKY_CHOICES).render("pick", value, attrs))
    assert got == expected
    assert len(got["options"]) == 7 and got["options"][3][0] == "Group"


def test_large_select_escapes_labels_values_and_attributes():
    markup = LargeSelect(attrs={"title": '"><script>'}, choices=TRICKY_CHOICES).render(
        "pick", "a<b&c"
    )
    assert "<script>" not in markup and "a<b" not in markup
    assert '<option value="a&lt;b&amp;c" selected>' in markup
    assert "Tom &amp; &quot;Jerry&quot; &lt;script&gt;" in markup
    assert "<b>trusted</b>" in markup  # a label marked safe stays as it is, as in the template
    options = _parsed(markup)["options"]
    assert options[1][1:4] == ("a<b&c", 'Tom & "Jerry" <script>alert(1)</script>', True)
    assert _parsed(markup)["attrs"]["title"] == '"><script>'


def test_large_select_subclass_with_own_option_template_renders_it():
    class Custom(LargeSelect):
        option_template_name = "django/forms/widgets/input_option.html"

    markup = Custom(choices=[("x", "X")]).render("pick", "x")
    assert "<option" not in markup and 'type="' in markup


def _stock_render(form, name) -> str:
    """The field as Django's own widget renders it, for the same form and data."""
    field = form.fields[name]
    stock = forms.SelectMultiple if field.widget.allow_multiple_selected else forms.Select
    field.widget = stock(attrs=field.widget.attrs, choices=field.choices)
    return str(form[name])


@pytest.fixture
def tricky_sector(db):
    parent = Sector.objects.create(
        slug="example-parent",
        label_en='Energy & "Grids" <test>',
        label_zh_hans="能源",
        label_es="Energía",
        label_ca="Energia",
        position=999,
    )
    return Sector.objects.create(
        slug="example-child",
        parent=parent,
        label_en="Smart <meters>",
        label_zh_hans="智能电表",
        label_es="Contadores",
        label_ca="Comptadors",
        position=1000,
    )


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "zh-hans", "es", "ca"])
def test_directory_page_selects_equal_stock_widgets_with_filters(client, tricky_sector, language):
    network = NetworkFactory(name='Ports & "Cities"')
    OrganisationFactory(name="Example Energy Co", country="ES", type="association")
    query = {
        "q": "energy",
        "type": "association",
        "country": "ES",
        "sector": tricky_sector.slug,
        "network": network.slug,
    }
    body = client.get(
        reverse("directory:list"), query, HTTP_ACCEPT_LANGUAGE=language
    ).content.decode()
    page = _Selects(body).selects
    with translation.override(language):
        form = DirectoryFilterForm(query)
        for name in ("type", "country", "sector", "network"):
            assert page[name] == _parsed(_stock_render(form, name)), name
    selected = {
        name: [o[1] for o in page[name]["options"] if o[3]]
        for name in ("type", "country", "sector", "network")
    }
    assert selected == {
        "type": ["association"],
        "country": ["ES"],
        "sector": ["example-child"],
        "network": [network.slug],
    }
    assert len(page["country"]["options"]) > 240
    sector_labels = dict((o[1], o[2]) for o in page["sector"]["options"])
    if language == "en":
        assert sector_labels["example-parent"] == 'Energy & "Grids" <test>'
        assert "Energy &amp; &quot;Grids&quot; &lt;test&gt;" in body
        assert sector_labels["example-child"] == "— Smart <meters>"


@pytest.mark.django_db
def test_directory_country_names_follow_the_active_language(client):
    names = {}
    for language in ("es", "zh-hans", "en", "ca", "es"):
        body = client.get(reverse("directory:list"), HTTP_ACCEPT_LANGUAGE=language).content
        options = _Selects(body.decode()).selects["country"]["options"]
        names.setdefault(language, set()).add(dict((o[1], o[2]) for o in options)["ES"])
        assert options[0][1:4] == ("", options[0][2], True)  # "All countries", selected
    assert names == {"es": {"España"}, "zh-hans": {"西班牙"}, "en": {"Spain"}, "ca": {"Espanya"}}


@pytest.mark.django_db
def test_organisation_form_selects_equal_stock_widgets(tricky_sector):
    org = OrganisationFactory(country="CN")
    org.sectors.add(tricky_sector)
    for language in ("en", "zh-hans"):
        with translation.override(language):
            form = OrganisationForm(initial=OrganisationForm.initial_for(org))
            country, sectors = str(form["country"]), str(form["sectors"])
            assert _parsed(country) == _parsed(_stock_render(form, "country"))
            assert _parsed(sectors) == _parsed(_stock_render(form, "sectors"))
            assert _parsed(sectors)["attrs"].keys() >= {"multiple", "name", "id"}
            assert [o[1] for o in _parsed(sectors)["options"] if o[3]] == ["example-child"]
