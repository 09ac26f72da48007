import datetime as dt

import pytest
from django.urls import reverse
from django.utils import translation

from digibridge.marketplace.models import Opportunity
from tests.marketplace.factories import OpportunityFactory


@pytest.mark.parametrize(
    ("language", "expected"),
    [("zh-hans", "机会"), ("es", "Oportunidades"), ("ca", "Oportunitats")],
)
@pytest.mark.django_db
def test_ui_is_translated_in_each_language(client, language, expected):
    client.post(reverse("set_language"), {"language": language, "next": "/"})
    body = client.get(reverse("marketplace:list")).content.decode()
    assert f'<html lang="{language}">' in body
    assert expected in body


def test_every_catalogue_is_complete():
    from pathlib import Path

    import polib

    from digibridge.config.settings import LOCALE_PATHS

    for po_path in Path(LOCALE_PATHS[0]).glob("*/LC_MESSAGES/django.po"):
        catalogue = polib.pofile(str(po_path))
        assert catalogue.untranslated_entries() == [], po_path
        assert catalogue.fuzzy_entries() == [], po_path


@pytest.mark.django_db
def test_dates_follow_viewer_locale_and_time_zone(client, member):
    OpportunityFactory(
        owner=member.org,
        published_at=dt.datetime(2025, 3, 4, 18, 0, tzinfo=dt.UTC),
    )
    opp = Opportunity.objects.get()
    member.time_zone = "Asia/Shanghai"
    member.language = "en"
    member.save()
    client.force_login(member)
    body = client.get(reverse("marketplace:detail", args=[opp.pk])).content.decode()
    assert "March 5, 2025" in body and "2 a.m." in body  # 18:00 UTC is 02:00 in Beijing
    assert "Asia/Shanghai" in body
    member.time_zone = "Europe/Madrid"
    member.save()
    with translation.override("es"):
        client.cookies["django_language"] = "es"
        body = client.get(reverse("marketplace:detail", args=[opp.pk])).content.decode()
    assert "4 de marzo de 2025" in body and "19:00" in body
