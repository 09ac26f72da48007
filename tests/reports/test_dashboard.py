import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from digibridge.cooperation.models import Agreement, FollowUp
from digibridge.reports import selectors
from digibridge.reports.selectors import DashboardFilters
from tests.cooperation.factories import AgreementFactory, FollowUpFactory
from tests.directory.factories import OrganisationFactory
from tests.marketplace.factories import OpportunityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme(operator):
    """Three signed agreements (two CN → ES, one ES → DE), one in negotiation, one withdrawn."""
    cn = OrganisationFactory(country="CN")
    es = OrganisationFactory(country="ES")
    de = OrganisationFactory(country="DE")
    from digibridge.directory.models import Sector

    cn.sectors.set(Sector.objects.filter(slug="smart-logistics"))
    offer = OpportunityFactory(owner=cn)
    demand = OpportunityFactory(owner=es, kind="request")
    a1 = AgreementFactory(
        kind="mou",
        status="signed",
        signed_on=dt.date(2025, 3, 4),
        value=Decimal("100000"),
        parties=[cn, es],
        source_opportunity=offer,
        counterpart_opportunity=demand,
    )
    a2 = AgreementFactory(
        kind="contract_order",
        status="completed",
        signed_on=dt.date(2025, 3, 20),
        value=Decimal("50000.50"),
        currency="EUR",
        parties=[cn, es],
    )
    a3 = AgreementFactory(
        kind="mou",
        status="in_execution",
        signed_on=dt.date(2025, 5, 2),
        value=Decimal("700000"),
        currency="CNY",
        parties=[es, de],
    )
    AgreementFactory(kind="strategic", status="negotiating", parties=[cn, de])
    AgreementFactory(kind="mou", status="withdrawn", parties=[cn, es])
    FollowUpFactory(
        agreement=a1, source_opportunity=offer, counterpart_opportunity=demand, owner=operator
    )
    return {"a1": a1, "a2": a2, "a3": a3}


def test_dashboard_figures(programme):
    data = selectors.dashboard()
    funnel = {step["key"]: step["count"] for step in data["funnel"]}
    assert funnel["opportunities"] == 2
    assert funnel["matches"] == 1  # the offer/demand pair, counted once
    assert funnel["follow_ups"] == FollowUp.objects.count()
    assert funnel["agreements"] == 3
    assert data["value_by_currency"] == {"CNY": 700000.0, "EUR": 150000.5}
    assert {row["key"]: row["count"] for row in data["by_kind"]} == {"mou": 2, "contract_order": 1}
    assert {row["key"]: row["count"] for row in data["by_status"]} == {
        "negotiating": 1,
        "signed": 1,
        "in_execution": 1,
        "completed": 1,
        "withdrawn": 1,
    }
    pairs = {row["key"]: row["count"] for row in data["by_country_pair"]}
    assert pairs == {"CN → ES": 2, "ES → DE": 1}
    assert [(row["key"], row["count"]) for row in data["over_time"]] == [
        ("2025-03", 2),
        ("2025-05", 1),
    ]
    from digibridge.directory.models import Sector

    logistics = Sector.objects.get(slug="smart-logistics")
    top = logistics.parent or logistics
    assert data["by_sector"] == [{"key": top.slug, "label": top.label, "count": 2}]
    kpis = {k["key"]: k["value"] for k in data["kpis"]}
    assert kpis["agreements_signed"] == 3 and kpis["organisations_signing"] == 3


def test_dashboard_filters_period_and_country_pair(programme):
    march = selectors.dashboard(
        DashboardFilters(date_from=dt.date(2025, 3, 1), date_to=dt.date(2025, 3, 31))
    )
    assert {s["key"]: s["count"] for s in march["funnel"]}["agreements"] == 2
    china_europe = selectors.dashboard(DashboardFilters(country_pair="china-europe"))
    assert {s["key"]: s["count"] for s in china_europe["funnel"]}["agreements"] == 2
    es_de = selectors.dashboard(DashboardFilters(country_pair="ES-DE"))
    assert es_de["value_by_currency"] == {"CNY": 700000.0}


def test_dashboard_sector_filter(programme):
    data = selectors.dashboard(DashboardFilters(sector="smart-logistics"))
    assert {s["key"]: s["count"] for s in data["funnel"]}["agreements"] == 2


def test_dashboard_of_empty_programme():
    data = selectors.dashboard()
    assert data["by_kind"] == [] and data["over_time"] == []
    assert {s["key"]: s["count"] for s in data["funnel"]}["agreements"] == 0


def test_country_pair_direction_follows_the_match():
    es, cn = OrganisationFactory(country="ES"), OrganisationFactory(country="CN")
    agreement = AgreementFactory(
        parties=[es, cn],
        source_opportunity=OpportunityFactory(owner=cn),
        counterpart_opportunity=OpportunityFactory(owner=es),
    )
    assert selectors.country_pair(agreement) == ("CN", "ES")
    assert selectors.country_pair(AgreementFactory(parties=[es, cn])) == ("ES", "CN")


def test_dashboard_page_operator_only_with_chart_data(client, operator, member, programme):
    client.force_login(member)
    assert client.get("/reports/").status_code == 404
    client.force_login(operator)
    response = client.get("/reports/?date_from=2025-01-01")
    body = response.content.decode()
    assert response.status_code == 200
    assert 'id="dashboard-data"' in body and "chart-4.6.1.umd.min.js" in body
    assert "CN → ES" in body


def test_dashboard_bad_filters_do_not_fail(client, operator):
    client.force_login(operator)
    assert client.get("/reports/?date_from=yesterday&sector=nope").status_code == 200


def test_dashboard_xlsx_export_reads_back(client, operator, programme):
    client.force_login(operator)
    response = client.get("/reports/export.xlsx")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    workbook = load_workbook(io.BytesIO(response.content))
    assert "Funnel" in workbook.sheetnames
    rows = list(workbook["Agreements by kind"].iter_rows(values_only=True))
    assert rows[0][:2] == ("Kind", "Agreements")
    assert ("Memorandum of understanding", 2) == rows[1][:2]


def test_dashboard_csv_export_of_one_table(client, operator, programme):
    client.force_login(operator)
    response = client.get("/reports/export.csv?table=by_country_pair")
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:2] == ["Country pair", "Agreements"]
    assert rows[1][:2] == ["CN → ES", "2"]
    assert client.get("/reports/export.csv?table=nope").status_code == 404


def test_agreements_export_respects_visibility(client, member, operator, programme):
    mine = AgreementFactory(title='=HYPERLINK("x")', parties=[member.org, OrganisationFactory()])
    client.force_login(member)
    workbook = load_workbook(io.BytesIO(client.get("/reports/agreements.xlsx").content))
    rows = list(workbook.active.iter_rows(values_only=True))
    assert len(rows) == 2 and rows[1][0] == mine.pk
    assert rows[1][1].startswith("'=")  # never a formula
    client.force_login(operator)
    text = client.get("/reports/agreements.csv").content.decode("utf-8-sig")
    assert len(list(csv.reader(io.StringIO(text)))) == Agreement.objects.count() + 1


def test_values_add_up_in_the_reporting_currency_with_the_rates_of_global_orders(
    programme, operator
):
    from digibridge.marketplace.orders_services import exchange_rate_set

    AgreementFactory(
        kind="mou",
        status="signed",
        signed_on=dt.date(2025, 5, 3),
        value=Decimal("1000"),
        currency="USD",
        parties=[OrganisationFactory(country="CN"), OrganisationFactory(country="FR")],
    )
    # No rate yet for CNY or USD: their values are named and left out, never summed as euros.
    data = selectors.dashboard()
    assert data["valuation"]["currency"] == "EUR"
    assert data["valuation"]["total"] == 150000.5
    assert data["valuation"]["counted"] == 2
    assert data["valuation"]["missing"] == [
        {"currency": "CNY", "amount": 700000.0, "agreements": 1},
        {"currency": "USD", "amount": 1000.0, "agreements": 1},
    ]
    exchange_rate_set(currency="CNY", rate_to_eur="0.128", by=operator)
    data = selectors.dashboard()
    assert data["valuation"]["total"] == 150000.5 + 89600.0
    assert [m["currency"] for m in data["valuation"]["missing"]] == ["USD"]
    months = {row["key"]: row["value_total"] for row in data["over_time"]}
    assert months == {"2025-03": 150000.5, "2025-05": 89600.0}  # USD still left out
    exchange_rate_set(currency="USD", rate_to_eur="0.9", by=operator)
    data = selectors.dashboard()
    assert data["valuation"]["missing"] == []
    assert data["valuation"]["total"] == 150000.5 + 89600.0 + 900.0
    kinds = {row["key"]: row["value_total"] for row in data["by_kind"]}
    assert kinds == {"mou": 100000.0 + 89600.0 + 900.0, "contract_order": 50000.5}
    _title, headers, rows = selectors.dashboard_tables(data)["by_kind"]
    assert headers[-1] == "Total value in EUR"
    assert rows[0][0] == "Memorandum of understanding" and rows[0][-1] == kinds["mou"]


def test_dashboard_page_names_the_currency_without_a_rate(client, operator, programme):
    client.force_login(operator)
    body = client.get("/reports/").content.decode()
    assert 'id="value-missing"' in body
    assert "700,000.00 CNY in 1 agreement" in body
    assert "<strong>150,001</strong>Value signed, in EUR" in body
