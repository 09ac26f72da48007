import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from digibridge.cooperation import services
from digibridge.cooperation.models import Agreement, ServiceCatalogueItem, ServiceRequest
from tests.cooperation.factories import AgreementFactory, FollowUpFactory, ServiceRequestFactory
from tests.directory.factories import OrganisationFactory
from tests.marketplace.factories import OpportunityFactory

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.7\n%%EOF\n"


def test_agreement_list_shows_only_own_agreements(client, member, stranger):
    AgreementFactory(title="Ours", parties=[member.org, OrganisationFactory()])
    AgreementFactory(title="Theirs", parties=[stranger.org, OrganisationFactory()])
    client.force_login(member)
    body = client.get("/cooperation/agreements/").content.decode()
    assert "Ours" in body and "Theirs" not in body


def test_agreement_list_empty_state_and_anonymous_redirect(client, member):
    assert client.get("/cooperation/agreements/").status_code == 302
    client.force_login(member)
    assert "No agreements here yet." in client.get("/cooperation/agreements/").content.decode()


def test_agreement_list_query_count_constant(
    client, operator, django_assert_num_queries, django_assert_max_num_queries
):
    AgreementFactory()
    client.force_login(operator)
    client.get("/cooperation/agreements/")  # warm caches (session, content types)
    with django_assert_max_num_queries(1000) as one:
        client.get("/cooperation/agreements/")
    for _ in range(4):
        AgreementFactory(
            parties=[OrganisationFactory(), OrganisationFactory(), OrganisationFactory()]
        )
    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get("/cooperation/agreements/?kind=mou")
    assert response.content.decode().count("/cooperation/agreements/") >= 5


def test_agreement_detail_of_others_is_404(client, stranger):
    agreement = AgreementFactory()
    client.force_login(stranger)
    assert client.get(f"/cooperation/agreements/{agreement.pk}/").status_code == 404


def test_operator_records_signed_agreement_from_match(client, operator):
    offer = OpportunityFactory(title="LiDAR for ports")
    demand = OpportunityFactory(kind="request", title="Port automation")
    client.force_login(operator)
    form = client.get(f"/cooperation/agreements/new/?source={offer.pk}&counterpart={demand.pk}")
    assert f'value="{offer.pk}" selected' in form.content.decode()
    response = client.post(
        "/cooperation/agreements/new/",
        {
            "kind": "mou",
            "status": "signed",
            "title": "Smart port MoU",
            "currency": "EUR",
            "value": "250000",
            "signed_on": "2025-03-04",
            "signing_place": "Barcelona",
            "party_1": offer.owner.pk,
            "role_1": "signatory",
            "party_2": demand.owner.pk,
            "role_2": "signatory",
            "source_opportunity": offer.pk,
            "counterpart_opportunity": demand.pk,
        },
        follow=True,
    )
    assert response.status_code == 200
    agreement = Agreement.objects.get()
    assert agreement.status == "signed" and agreement.signed_on == dt.date(2025, 3, 4)
    body = response.content.decode()
    assert "How it came about" in body and "LiDAR for ports" in body


def test_create_with_one_party_shows_error(client, operator):
    client.force_login(operator)
    response = client.post(
        "/cooperation/agreements/new/",
        {
            "kind": "mou",
            "status": "proposed",
            "title": "Lonely",
            "currency": "EUR",
            "party_1": OrganisationFactory().pk,
        },
    )
    assert response.status_code == 200
    assert not Agreement.objects.exists()


def test_withdraw_asks_for_confirmation(client, member):
    agreement = AgreementFactory(parties=[member.org, OrganisationFactory()])
    client.force_login(member)
    url = f"/cooperation/agreements/{agreement.pk}/status/withdrawn/"
    response = client.post(url)
    assert "cannot be reopened" in response.content.decode()
    agreement.refresh_from_db()
    assert agreement.status == "proposed"
    client.post(url, {"confirm": "yes"})
    agreement.refresh_from_db()
    assert agreement.status == "withdrawn"


def test_invalid_transition_is_a_message_not_500(client, operator):
    agreement = AgreementFactory()
    client.force_login(operator)
    response = client.post(f"/cooperation/agreements/{agreement.pk}/status/completed/", follow=True)
    assert response.status_code == 200
    assert "cannot go from" in response.content.decode()


def test_document_upload_and_download_as_attachment(client, member):
    agreement = AgreementFactory(parties=[member.org, OrganisationFactory()])
    client.force_login(member)
    upload = SimpleUploadedFile("signed.pdf", PDF, content_type="application/pdf")
    client.post(f"/cooperation/agreements/{agreement.pk}/documents/", {"file": upload})
    document = agreement.documents.get()
    response = client.get(f"/cooperation/agreements/{agreement.pk}/documents/{document.pk}/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == PDF


def test_document_upload_of_html_is_refused(client, member):
    agreement = AgreementFactory(parties=[member.org, OrganisationFactory()])
    client.force_login(member)
    upload = SimpleUploadedFile("x.html", b"<script>alert(1)</script>", content_type="text/html")
    response = client.post(
        f"/cooperation/agreements/{agreement.pk}/documents/", {"file": upload}, follow=True
    )
    assert "Upload a PDF" in response.content.decode()
    assert not agreement.documents.exists()


def test_follow_ups_due_page_operators_only(client, operator, member):
    FollowUpFactory(due_on=dt.date(2020, 1, 1), next_action="Send the draft MoU", owner=operator)
    client.force_login(member)
    assert client.get("/cooperation/follow-ups/").status_code == 404
    client.force_login(operator)
    assert "Send the draft MoU" in client.get("/cooperation/follow-ups/").content.decode()


def test_follow_up_list_query_count_constant(
    client, operator, django_assert_num_queries, django_assert_max_num_queries
):
    FollowUpFactory(due_on=dt.date(2020, 1, 1), owner=operator)
    client.force_login(operator)
    client.get("/cooperation/follow-ups/")
    with django_assert_max_num_queries(1000) as one:
        client.get("/cooperation/follow-ups/")
    for _ in range(4):
        FollowUpFactory(due_on=dt.date(2020, 1, 2), owner=operator)
    with django_assert_num_queries(len(one.captured_queries)):
        client.get("/cooperation/follow-ups/")


def test_service_request_through_pages(client, member, operator):
    client.force_login(member)
    assert "Market entry" in client.get("/cooperation/services/").content.decode()
    response = client.post(
        "/cooperation/services/requests/new/",
        {
            "organisation": member.org.pk,
            "service": ServiceCatalogueItem.objects.get(slug="market-entry").pk,
            "description": "Company set-up",
        },
    )
    request = ServiceRequest.objects.get()
    assert response.status_code == 302
    provider = OrganisationFactory(type="service_provider", name="Rambla Lex")
    client.force_login(operator)
    client.post(
        f"/cooperation/services/requests/{request.pk}/",
        {"status": "referred", "provider": provider.pk, "due_on": "2025-04-01", "note": "x"},
    )
    request.refresh_from_db()
    assert request.status == "referred" and request.provider == provider
    client.force_login(member)
    body = client.get(f"/cooperation/services/requests/{request.pk}/").content.decode()
    assert "Referred to a provider" in body and "Rambla Lex" in body


def test_service_request_list_query_count_constant(
    client, operator, django_assert_num_queries, django_assert_max_num_queries
):
    ServiceRequestFactory()
    client.force_login(operator)
    client.get("/cooperation/services/requests/")
    with django_assert_max_num_queries(1000) as one:
        client.get("/cooperation/services/requests/")
    for _ in range(4):
        ServiceRequestFactory(provider=OrganisationFactory(type="service_provider"))
    with django_assert_num_queries(len(one.captured_queries)):
        client.get("/cooperation/services/requests/")


def test_service_requests_of_others_are_404(client, member, stranger):
    request = ServiceRequestFactory(organisation=member.org)
    client.force_login(stranger)
    assert client.get(f"/cooperation/services/requests/{request.pk}/").status_code == 404
    assert services.can_manage_agreement(stranger, AgreementFactory()) is False


def test_enterprise_cancels_own_request_after_confirmation(client, member):
    request = ServiceRequestFactory(organisation=member.org)
    client.force_login(member)
    url = f"/cooperation/services/requests/{request.pk}/"
    assert "Cancel this request?" in client.post(url, {"action": "cancel"}).content.decode()
    request.refresh_from_db()
    assert request.status == "submitted"
    client.post(url, {"action": "cancel", "confirm": "yes"})
    request.refresh_from_db()
    assert request.status == "cancelled"


def test_enterprise_cannot_handle_request_as_operator(client, member):
    request = ServiceRequestFactory(organisation=member.org)
    client.force_login(member)
    response = client.post(
        f"/cooperation/services/requests/{request.pk}/", {"action": "save", "status": "done"}
    )
    assert response.status_code == 404
    request.refresh_from_db()
    assert request.status == "submitted"
