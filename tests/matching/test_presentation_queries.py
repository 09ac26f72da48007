"""Reasons of a page of matches name many sectors: their labels are read in one query."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from digibridge.directory.models import Sector
from digibridge.matching import engine
from digibridge.matching.presentation import forget_sectors, reasons_text

pytestmark = pytest.mark.django_db


def sector_reasons(slugs):
    return [
        engine.Reason("shared_sector", {"sector": a, "relation": "sibling", "other": b}, 1.0)
        for a, b in zip(slugs, reversed(slugs), strict=True)
    ]


def test_a_page_of_reasons_reads_the_sectors_once():
    sectors = list(Sector.objects.order_by("pk")[:8])
    assert len(sectors) >= 4, "the sector taxonomy comes with the migrations"
    page = [sector_reasons([s.slug for s in sectors[i : i + 4]]) for i in range(0, 5)]
    forget_sectors()  # as at the start of a request
    with CaptureQueriesContext(connection) as captured:
        texts = [reasons_text(reasons) for reasons in page]
    assert len(captured) == 1
    assert sectors[0].label in texts[0][0] and sectors[3].label in texts[0][0]


def test_labels_and_new_sectors_are_read_afresh(client):
    sector = Sector.objects.order_by("pk").first()
    forget_sectors()
    assert sector.label in reasons_text(sector_reasons([sector.slug]))[0]

    # A sector added after the labels were read is found (one more query), an unknown slug
    # falls back to itself.
    new = Sector.objects.create(slug="quantum-sensing", label_en="Quantum sensing")
    assert "Quantum sensing" in reasons_text(sector_reasons([new.slug]))[0]
    assert "no-such-sector" in reasons_text(sector_reasons(["no-such-sector"]))[0]

    # A renamed sector is shown with its new name from the next request on (a real request,
    # whose start makes the labels be read again).
    Sector.objects.filter(pk=new.pk).update(label_en="Quantum sensors")
    assert client.get("/healthz").status_code == 200
    assert "Quantum sensors" in reasons_text(sector_reasons([new.slug]))[0]
