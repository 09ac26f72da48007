"""The event report for the bureau: its figures, and the PDF read back from its bytes."""

import datetime as dt
from decimal import Decimal

import pytest
from django.test import override_settings
from django.utils import timezone

from digibridge.common.errors import PermissionDeniedError
from digibridge.events.models import AgendaSession, Meeting, MeetingRequest
from digibridge.reports import pdf, selectors, services
from tests.accounts.factories import UserFactory
from tests.cooperation.factories import AgreementFactory, FollowUpFactory
from tests.directory.factories import OrganisationFactory, PersonFactory
from tests.events.factories import (
    DAY,
    AgendaSessionFactory,
    EventFactory,
    MeetingBlockFactory,
    RegistrationFactory,
)
from tests.reports.pdftext import extract_text, page_count

pytestmark = pytest.mark.django_db


@pytest.fixture
def forum():
    """The Beijing Night: 4 approved participants (2 CN, 1 ES, 1 DE) + 1 pending, two
    government–enterprise activities (one held, one still to come), 3 meetings (held, no-show,
    waiting) and a cancelled one, a follow-up, two agreements signed at the event, one not."""
    event = EventFactory(
        name="Beijing Night",
        names={"zh-hans": "北京之夜"},
        slug="beijing-night",
        capacity=300,
    )
    cn1 = OrganisationFactory(country="CN", name="杭州机器人有限公司")
    cn2, es, de = (OrganisationFactory(country=c) for c in ("CN", "ES", "DE"))
    regs = [
        RegistrationFactory(
            event=event,
            person=PersonFactory(organisation=org, is_executive=True),
            organisation=org,
            participant_type=kind,
        )
        for org, kind in (
            (cn1, "enterprise_executive"),
            (cn2, "enterprise_executive"),
            (es, "government_official"),
            (de, "enterprise_executive"),
        )
    ]
    regs[0].checked_in_at = timezone.now()
    regs[0].save()
    RegistrationFactory(event=event, status="pending", participant_type="media")
    now = timezone.now()
    AgendaSessionFactory(
        event=event,
        kind=AgendaSession.Kind.GOV_ENTERPRISE,
        title="Smart ports with the Port of Barcelona",
        start=now - dt.timedelta(hours=3),
        end=now - dt.timedelta(hours=2),
    )
    AgendaSessionFactory(
        event=event,
        kind=AgendaSession.Kind.GOV_ENTERPRISE,
        title="Autonomous driving pilots",
        start=now + dt.timedelta(days=1),
        end=now + dt.timedelta(days=1, hours=1),
    )
    AgendaSessionFactory(event=event, kind=AgendaSession.Kind.PANEL)
    block = MeetingBlockFactory(event=event)
    request = MeetingRequest.objects.create(
        event=event, sender=regs[0], recipient=regs[2], status="accepted"
    )
    MeetingRequest.objects.create(event=event, sender=regs[1], recipient=regs[3], status="declined")
    held = Meeting.objects.create(block=block, slot=0, table=1, status="held", request=request)
    Meeting.objects.create(block=block, slot=0, table=2, status="no_show")
    Meeting.objects.create(block=block, slot=1, table=1, status="scheduled")
    Meeting.objects.create(block=block, slot=2, table=1, status="cancelled")
    FollowUpFactory(agreement=None, meeting=held, stage="negotiating", due_on=dt.date(2020, 1, 1))
    AgreementFactory(
        title="Port robotics pilot",
        status="signed",
        signed_on=dt.date(2025, 3, 4),
        value=Decimal("250000"),
        currency="EUR",
        source_meeting=held,
        parties=[cn1, es],
    )
    AgreementFactory(
        title="Smart logistics MoU",
        status="signed",
        signed_on=dt.date(2025, 3, 4),
        value=Decimal("1000000"),
        currency="CNY",
        signing_event="Beijing Night — signing ceremony",
        parties=[cn2, de],
    )
    AgreementFactory(  # signed elsewhere, some other day
        title="Unrelated agreement", status="signed", signed_on=dt.date(2025, 6, 1)
    )
    AgreementFactory(title="Not signed yet", status="negotiating", source_meeting=held)
    return event


def test_event_report_figures(forum):
    data = selectors.event_report(forum)
    assert data["event"]["start"].tzinfo is not None
    assert data["event"]["start"].utcoffset() == DAY.utcoffset()  # in the event's time zone
    registrations = data["registrations"]
    assert registrations["total"] == 5
    assert (registrations["approved"], registrations["pending"]) == (4, 1)
    assert registrations["checked_in"] == 1 and registrations["executives"] == 4
    assert {r["key"]: r["count"] for r in data["by_type"]} == {
        "enterprise_executive": 3,
        "government_official": 1,
    }
    assert [(r["key"], r["count"]) for r in data["by_country"]] == [
        ("CN", 2),
        ("DE", 1),
        ("ES", 1),
    ]
    assert [a["title"] for a in data["activities"]] == [
        "Smart ports with the Port of Barcelona",
        "Autonomous driving pilots",
    ]
    assert data["activities_held"] == 1
    assert data["requests"]["total"] == 2 and data["requests"]["accepted"] == 1
    meetings = data["meetings"]
    assert (meetings["scheduled"], meetings["held"], meetings["no_show"]) == (3, 1, 1)
    assert meetings["cancelled"] == 1 and meetings["no_show_rate"] == 0.5
    assert data["follow_ups"]["total"] == 1 and data["follow_ups"]["overdue"] == 1
    titles = [a["title"] for a in data["agreements"]]
    assert titles == ["Port robotics pilot", "Smart logistics MoU"]
    # No CNY rate yet: the CNY value is named and left out of the total in EUR.
    assert data["valuation"]["total"] == 250000.0
    assert data["valuation"]["missing"] == [
        {"currency": "CNY", "amount": 1000000.0, "agreements": 1}
    ]


def test_event_report_pdf_reads_back_in_english(forum, operator):
    content = services.event_report_pdf(event=forum, by=operator, language="en")
    assert content.startswith(b"%PDF-1.") and content.rstrip().endswith(b"%%EOF")
    pages = page_count(content)
    assert 1 <= pages <= 4
    text = extract_text(content)
    assert "Beijing Night" in text
    assert f"Page 1 of {pages}" in text
    for expected in (
        "Registrations",
        "Enterprise executive",
        "China",
        "Smart ports with the Port of Barcelona",
        "Government–enterprise connection activities held: 1 of 2.",
        "No-show rate",
        "50.0 %",
        "Port robotics pilot",
        "250,000.00 EUR",
        "Left out of the total: 1,000,000.00 CNY in 1 agreement, no exchange rate for CNY.",
        "杭州机器人有限公司",  # Chinese text from the data renders in any language
    ):
        assert expected in text, expected
    assert "\ufffd" not in text


def test_event_report_pdf_in_chinese(forum, operator):
    text = extract_text(services.event_report_pdf(event=forum, by=operator, language="zh-hans"))
    assert "北京之夜" in text  # the event's Chinese name
    assert "中国" in text  # country names in the report's language
    assert "2025年3月4日" in text  # dates formatted for Chinese


@override_settings(DIGIBRIDGE_PDF_FONT="/nonexistent/NotoSansCJK-Regular.ttc")
def test_missing_font_falls_back_and_says_so(forum, operator):
    assert not pdf.font_available()
    content = services.event_report_pdf(event=forum, by=operator, language="en")
    text = extract_text(content)
    assert "lacks the font for Chinese text" in text
    assert "Beijing Night" in text and "?????????" in text  # 杭州机器人有限公司, undrawable


def test_only_operators_and_organisers(forum, member, operator):
    with pytest.raises(PermissionDeniedError):
        services.event_report_pdf(event=forum, by=member)
    forum.host = member.org
    forum.save()
    assert services.event_report_pdf(event=forum, by=member).startswith(b"%PDF")


def test_event_report_download_and_dashboard_link(client, forum, operator, member):
    client.force_login(member)
    assert client.get("/reports/events/beijing-night/report.pdf").status_code == 404
    client.force_login(operator)
    page = client.get("/reports/").content.decode()
    assert 'href="/reports/events/beijing-night/report.pdf"' in page
    response = client.get("/reports/events/beijing-night/report.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="event-report-beijing-night-' in response["Content-Disposition"]
    assert "Beijing Night" in extract_text(response.content)
    assert client.get("/reports/events/no-such-event/report.pdf").status_code == 404


def test_operator_of_another_service_centre_gets_no_report(client, forum):
    from digibridge.directory.models import ServiceCentre

    beijing = ServiceCentre.objects.create(name="Beijing service base", slug="beijing")
    barcelona = ServiceCentre.objects.create(name="Barcelona centre", slug="barcelona")
    forum.host.centre = barcelona
    forum.host.save()
    client.force_login(UserFactory(role="operator", centre=beijing))
    assert client.get("/reports/events/beijing-night/report.pdf").status_code == 404
    client.force_login(UserFactory(role="operator", centre=barcelona))
    assert client.get("/reports/events/beijing-night/report.pdf").status_code == 200
