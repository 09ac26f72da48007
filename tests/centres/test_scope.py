"""Operators limited to a service centre: an operator of the Beijing service base sees and
manages the Beijing centre's data only, through pages and the API; an operator without a centre
and a platform administrator see both centres; enterprise members are unaffected."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.utils import timezone

from digibridge.accounts.services import api_token_create
from digibridge.cooperation.models import Agreement, ServiceRequest
from digibridge.directory import selectors as directory
from digibridge.directory.services import organisation_create
from digibridge.events.models import Event
from tests.accounts.factories import UserFactory
from tests.centres.factories import ServiceCentreFactory
from tests.cooperation.factories import AgreementFactory, ServiceRequestFactory
from tests.directory.factories import OrganisationFactory, OrganisationMemberFactory
from tests.events.factories import EventFactory
from tests.marketplace.order_factories import RequestFactory, RfqFactory

pytestmark = pytest.mark.django_db
API = "/api/v1"


@pytest.fixture
def centres(db):
    beijing = ServiceCentreFactory(name="Beijing service base", slug="beijing", country="CN")
    barcelona = ServiceCentreFactory(name="Barcelona centre", slug="barcelona", country="ES")
    bj_org = OrganisationFactory(name="Haidian Robotics", country="CN", centre=beijing)
    bcn_org = OrganisationFactory(name="Poblenou Logistics", country="ES", centre=barcelona)
    bcn_other = OrganisationFactory(name="Gracia Energy", country="ES", centre=barcelona)
    signed = {"status": Agreement.Status.SIGNED, "signed_on": timezone.localdate()}
    return {
        "beijing": beijing,
        "barcelona": barcelona,
        "bj_org": bj_org,
        "bcn_org": bcn_org,
        "op_bj": UserFactory(email="bj-op@example.org", role="operator", centre=beijing),
        "op_bcn": UserFactory(email="bcn-op@example.org", role="operator", centre=barcelona),
        "op_all": UserFactory(email="all-op@example.org", role="operator"),
        # A centre on an administrator's account does not limit them.
        "admin": UserFactory(email="admin@example.org", role="admin", centre=beijing),
        "bcn_draft": EventFactory(
            name="Barcelona Draft Forum", host=bcn_org, status=Event.Status.DRAFT
        ),
        "bcn_event": EventFactory(name="Barcelona Open Forum", host=bcn_org),
        "bj_event": EventFactory(name="Beijing Night", host=bj_org, status=Event.Status.DRAFT),
        "bcn_agreement": AgreementFactory(
            title="Barcelona port pact", parties=[bcn_org, bcn_other], **signed
        ),
        "bj_agreement": AgreementFactory(
            title="Haidian supply pact",
            parties=[bj_org, OrganisationFactory(centre=beijing)],
            **signed,
        ),
        "bcn_service": ServiceRequestFactory(
            organisation=bcn_org, description="Barcelona customs help"
        ),
        "bcn_rfq": RfqFactory(
            opportunity=RequestFactory(owner=bcn_org, title="Barcelona AGV order")
        ),
        "bj_rfq": RfqFactory(
            opportunity=RequestFactory(owner=bj_org, title="Haidian sensor order")
        ),
    }


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def send(client, method: str, url: str, payload: dict, **headers):
    """A JSON request to the API (the session of ``client``, or a bearer token in headers)."""
    return getattr(client, method)(
        url, json.dumps(payload), content_type="application/json", **headers
    )


def bearer(user) -> dict:
    _token, raw = api_token_create(user=user, name="tests")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


# --- the central rule ------------------------------------------------------------------------


def test_operator_centre_limits_operators_with_a_centre_only(centres):
    assert directory.operator_centre(centres["op_bj"]) == centres["beijing"].pk
    assert directory.operator_centre(centres["op_all"]) is None
    assert directory.operator_centre(centres["admin"]) is None
    superuser = UserFactory(role="operator", centre=centres["beijing"], is_superuser=True)
    assert directory.operator_centre(superuser) is None
    member = UserFactory(centre=centres["beijing"])  # not an operator: no operator scope at all
    assert directory.operator_centre(member) is None
    assert not directory.operator_covers(member, centres["bj_org"])


def test_operator_covers_the_organisations_of_its_centre(centres):
    bj, bcn, lonely = centres["bj_org"], centres["bcn_org"], OrganisationFactory(centre=None)
    assert directory.operator_covers(centres["op_bj"], bj)
    assert not directory.operator_covers(centres["op_bj"], bcn)
    assert not directory.operator_covers(centres["op_bj"], lonely)  # no centre: unlimited only
    for unlimited in (centres["op_all"], centres["admin"]):
        assert all(directory.operator_covers(unlimited, o) for o in (bj, bcn, lonely))
    assert directory.can_act_for(centres["op_bcn"], bcn)
    assert not directory.can_act_for(centres["op_bj"], bcn)


def test_an_operator_registers_organisations_in_its_own_centre(centres):
    org = organisation_create(by=centres["op_bj"], data={"name": "Chaoyang AI", "country": "CN"})
    assert org.centre_id == centres["beijing"].pk
    assert org.status == org.Status.APPROVED
    unassigned = organisation_create(by=centres["op_all"], data={"name": "Any", "country": "ES"})
    assert unassigned.centre_id is None


def test_platform_work_goes_to_an_operator_of_the_centre(centres):
    assert directory.operator_for([centres["bcn_org"]]) == centres["op_bcn"]
    assert directory.operator_for([centres["bj_org"], None]) == centres["op_bj"]
    # Nobody of the centre: someone not limited to a centre, never another centre's operator.
    lonely = OrganisationFactory(centre=ServiceCentreFactory(slug="lisbon"))
    assert directory.operator_for([lonely]) == centres["op_all"]


# --- events ---------------------------------------------------------------------------------


def test_operator_of_another_centre_cannot_see_or_manage_its_events(centres):
    draft, open_event = centres["bcn_draft"], centres["bcn_event"]
    bj = client_for(centres["op_bj"])
    assert bj.get(f"/events/{draft.slug}/").status_code == 404
    assert bj.get(f"/events/{open_event.slug}/manage/event/").status_code == 404
    assert bj.get(f"/events/{open_event.slug}/manage/export.xlsx").status_code == 404
    assert "Barcelona Draft Forum" not in bj.get("/events/").content.decode()
    assert "Beijing Night" in bj.get("/events/").content.decode()
    assert bj.get(f"{API}/events/{draft.pk}").status_code == 404
    patched = send(bj, "patch", f"{API}/events/{open_event.pk}", {"name": "Taken over"})
    assert patched.status_code in (403, 404)
    assert bj.delete(f"{API}/events/{draft.pk}").status_code in (403, 404)
    open_event.refresh_from_db()
    assert open_event.name == "Barcelona Open Forum"
    assert Event.objects.filter(pk=draft.pk).exists()

    bcn = client_for(centres["op_bcn"])
    assert bcn.get(f"/events/{draft.slug}/").status_code == 200
    assert bcn.get(f"/events/{open_event.slug}/manage/event/").status_code == 200
    patched = send(bcn, "patch", f"{API}/events/{open_event.pk}", {"name": "Barcelona Forum 2027"})
    assert patched.status_code == 200, patched.content


def test_an_operator_creates_events_for_its_centre_only(centres):
    bj = client_for(centres["op_bj"])
    form = bj.get("/events/new/").context["form"]
    assert set(form.fields["host"].queryset) == set(centres["beijing"].organisations.all())
    data = {
        "name": "Taken Barcelona Forum",
        "host": centres["bcn_org"].pk,
        "time_zone": "Europe/Madrid",
        "start": "2027-03-04T09:00",
        "end": "2027-03-04T18:00",
        "status": "draft",
    }
    assert bj.post("/events/new/", data).status_code == 200  # the form again, with an error
    assert not Event.objects.filter(name="Taken Barcelona Forum").exists()
    data.update(name="Haidian Forum", host=centres["bj_org"].pk)
    assert bj.post("/events/new/", data).status_code == 302
    assert Event.objects.get(name="Haidian Forum").host == centres["bj_org"]


@pytest.mark.parametrize("role", ["op_all", "admin"])
def test_unlimited_operators_manage_the_events_of_both_centres(centres, role):
    client = client_for(centres[role])
    for event in (centres["bcn_draft"], centres["bj_event"]):
        assert client.get(f"/events/{event.slug}/manage/event/").status_code == 200
        assert client.get(f"{API}/events/{event.pk}").status_code == 200


# --- orders ---------------------------------------------------------------------------------


def test_order_book_shows_the_operators_centre_only(centres):
    bj_page = client_for(centres["op_bj"]).get("/opportunities/orders/book/").content.decode()
    assert "Haidian sensor order" in bj_page
    assert "Barcelona AGV order" not in bj_page
    rows = client_for(centres["op_bj"]).get(f"{API}/order-book").json()
    assert [r["title"] for r in rows] == ["Haidian sensor order"]
    for role in ("op_all", "admin"):
        titles = {r["title"] for r in client_for(centres[role]).get(f"{API}/order-book").json()}
        assert titles == {"Haidian sensor order", "Barcelona AGV order"}
    workbook = client_for(centres["op_bj"]).get("/opportunities/orders/book.xlsx")
    assert workbook.status_code == 200
    assert b"Barcelona AGV order" not in workbook.content


# --- cooperation ----------------------------------------------------------------------------


def test_agreements_of_another_centre_are_hidden(centres):
    agreement = centres["bcn_agreement"]
    bj = client_for(centres["op_bj"])
    page = bj.get("/cooperation/agreements/").content.decode()
    assert "Haidian supply pact" in page and "Barcelona port pact" not in page
    assert bj.get(f"/cooperation/agreements/{agreement.pk}/").status_code == 404
    assert bj.get(f"{API}/agreements/{agreement.pk}").status_code == 404
    moved = send(bj, "post", f"{API}/agreements/{agreement.pk}/transition", {"status": "completed"})
    assert moved.status_code in (403, 404)
    agreement.refresh_from_db()
    assert agreement.status == Agreement.Status.SIGNED
    bcn = client_for(centres["op_bcn"])
    assert bcn.get(f"/cooperation/agreements/{agreement.pk}/").status_code == 200
    assert bcn.get(f"{API}/agreements/{agreement.pk}").status_code == 200


def test_service_requests_of_another_centre_are_hidden_and_untouchable(centres):
    service = centres["bcn_service"]
    bj = client_for(centres["op_bj"])
    assert (
        "Barcelona customs help" not in bj.get("/cooperation/services/requests/").content.decode()
    )
    assert bj.get(f"/cooperation/services/requests/{service.pk}/").status_code == 404
    taken = send(bj, "patch", f"{API}/service-requests/{service.pk}", {"status": "taken"})
    assert taken.status_code == 404
    service.refresh_from_db()
    assert service.status == ServiceRequest.Status.SUBMITTED and service.operator_id is None

    bcn = client_for(centres["op_bcn"])
    assert bcn.get(f"/cooperation/services/requests/{service.pk}/").status_code == 200
    taken = send(
        bcn,
        "patch",
        f"{API}/service-requests/{service.pk}",
        {"status": "taken"},
        **bearer(centres["op_bcn"]),
    )
    assert taken.status_code == 200, taken.content
    service.refresh_from_db()
    assert service.operator_id == centres["op_bcn"].pk


# --- dashboard -------------------------------------------------------------------------------


def _kpis(user, query: str = "") -> dict:
    response = client_for(user).get(f"/reports/?{query}")
    assert response.status_code == 200
    return {k["key"]: k["value"] for k in response.context["data"]["kpis"]}


def test_dashboard_figures_are_the_operators_centre(centres):
    bj = _kpis(centres["op_bj"])
    assert bj["agreements_signed"] == 1
    assert bj["global_orders"] == 1
    bcn = _kpis(centres["op_bcn"])
    assert bcn["agreements_signed"] == 1 and bcn["global_orders"] == 1
    for role in ("op_all", "admin"):
        everything = _kpis(centres[role])
        assert everything["agreements_signed"] == 2 and everything["global_orders"] == 2
    # The centre comes from the account, not from the query string.
    assert _kpis(centres["op_bj"], f"centre={centres['barcelona'].pk}")["agreements_signed"] == 1
    export = client_for(centres["op_bj"]).get("/reports/agreements.csv").content.decode()
    assert "Haidian supply pact" in export and "Barcelona port pact" not in export


# --- members are unaffected ------------------------------------------------------------------


def test_enterprise_members_are_unchanged_by_centres(centres):
    member = UserFactory(email="bcn-member@example.org", centre=centres["beijing"])
    OrganisationMemberFactory(user=member, organisation=centres["bcn_org"])
    client = client_for(member)
    agreement = centres["bcn_agreement"]
    assert client.get(f"/cooperation/agreements/{agreement.pk}/").status_code == 200
    assert (
        client.get(f"/cooperation/services/requests/{centres['bcn_service'].pk}/").status_code
        == 200
    )
    assert client.get(f"/cooperation/agreements/{centres['bj_agreement'].pk}/").status_code == 404
    assert client.get("/reports/").status_code == 404
    assert client.get(f"/events/{centres['bj_event'].slug}/").status_code == 404


# --- moderation -------------------------------------------------------------------------------


def test_a_reported_conversation_reaches_the_operators_of_its_centre_only(centres):
    from digibridge.outreach.models import Notification
    from digibridge.outreach.services import conversation_report
    from tests.outreach.factories import ConversationFactory

    reporter = UserFactory(email="reporter@example.org")
    OrganisationMemberFactory(user=reporter, organisation=centres["bcn_org"])
    conversation = ConversationFactory(
        side_a=centres["bcn_org"], side_b=OrganisationFactory(), subject="Barcelona quarrel"
    )
    conversation_report(conversation=conversation, by=reporter, reason="Rude")
    told = set(
        Notification.objects.filter(title__contains="reported").values_list(
            "user__email", flat=True
        )
    )
    assert told == {"bcn-op@example.org", "all-op@example.org", "admin@example.org"}
    bj = client_for(centres["op_bj"])
    assert bj.get(f"/outreach/conversations/{conversation.pk}/").status_code == 404
    assert "Barcelona quarrel" not in bj.get("/outreach/conversations/").content.decode()
    bcn = client_for(centres["op_bcn"])
    assert "Barcelona quarrel" in bcn.get("/outreach/conversations/").content.decode()
    assert bcn.get(f"/outreach/conversations/{conversation.pk}/").status_code == 200
