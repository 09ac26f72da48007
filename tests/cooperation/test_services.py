import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from digibridge.common.errors import DomainError, PermissionDeniedError
from digibridge.cooperation import selectors, services
from digibridge.cooperation.models import (
    Agreement,
    AgreementParty,
    ServiceCatalogueItem,
    ServiceRequest,
)
from tests.cooperation.factories import AgreementFactory, FollowUpFactory, ServiceRequestFactory
from tests.directory.factories import OrganisationFactory
from tests.marketplace.factories import OpportunityFactory

PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
S = Agreement.Status


def signatories(*orgs):
    return [(org, AgreementParty.Role.SIGNATORY) for org in orgs]


@pytest.mark.django_db
def test_agreement_create_by_member_of_a_party(member):
    other = OrganisationFactory(country="ES")
    agreement = services.agreement_create(
        by=member,
        data={"kind": "mou", "title": "  Smart port MoU ", "value": "1200000", "currency": "EUR"},
        parties=signatories(member.org, other),
    )
    assert agreement.title == "Smart port MoU"
    assert agreement.value == Decimal("1200000")
    assert agreement.status == S.PROPOSED
    assert [p.organisation for p in agreement.parties.all()] == [member.org, other]


@pytest.mark.django_db
def test_agreement_create_for_others_is_refused(member):
    with pytest.raises(PermissionDeniedError):
        services.agreement_create(
            by=member,
            data={"kind": "mou", "title": "Not mine"},
            parties=signatories(OrganisationFactory(), OrganisationFactory()),
        )


@pytest.mark.django_db
def test_agreement_needs_two_distinct_parties(operator):
    org = OrganisationFactory()
    with pytest.raises(DomainError) as one:
        services.agreement_create(
            by=operator, data={"kind": "mou", "title": "x"}, parties=signatories(org)
        )
    assert one.value.field == "parties"
    with pytest.raises(DomainError):
        services.agreement_create(
            by=operator, data={"kind": "mou", "title": "x"}, parties=signatories(org, org)
        )


@pytest.mark.django_db
def test_agreement_full_lifecycle(operator):
    agreement = AgreementFactory()
    for target in (S.NEGOTIATING, S.SIGNED, S.IN_EXECUTION, S.COMPLETED):
        agreement = services.agreement_transition(agreement=agreement, to=target, by=operator)
        assert agreement.status == target
    assert agreement.signed_on == timezone.localdate()


@pytest.mark.parametrize(
    ("start", "target"),
    [
        (S.PROPOSED, S.COMPLETED),
        (S.PROPOSED, S.IN_EXECUTION),
        (S.NEGOTIATING, S.PROPOSED),
        (S.WITHDRAWN, S.NEGOTIATING),
        (S.COMPLETED, S.WITHDRAWN),
        (S.SIGNED, "exploded"),
    ],
)
@pytest.mark.django_db
def test_agreement_transition_not_allowed(operator, start, target):
    agreement = AgreementFactory(status=start)
    with pytest.raises(DomainError):
        services.agreement_transition(agreement=agreement, to=target, by=operator)
    agreement.refresh_from_db()
    assert agreement.status == start


@pytest.mark.django_db
def test_signing_needs_two_signatories(operator):
    agreement = AgreementFactory()
    agreement.parties.filter(position=1).update(role=AgreementParty.Role.WITNESS)
    with pytest.raises(DomainError, match="two signatories"):
        services.agreement_transition(agreement=agreement, to=S.SIGNED, by=operator)


@pytest.mark.django_db
def test_signing_date_in_future_refused(operator):
    agreement = AgreementFactory()
    with pytest.raises(DomainError):
        services.agreement_transition(
            agreement=agreement,
            to=S.SIGNED,
            by=operator,
            signed_on=timezone.localdate() + dt.timedelta(days=3),
        )


@pytest.mark.django_db
def test_transition_by_non_party_refused(stranger):
    agreement = AgreementFactory()
    with pytest.raises(PermissionDeniedError):
        services.agreement_transition(agreement=agreement, to=S.NEGOTIATING, by=stranger)


@pytest.mark.django_db
def test_create_signed_mou_with_match_pair(operator):
    offer = OpportunityFactory()
    request = OpportunityFactory(kind="request")
    agreement = services.agreement_create(
        by=operator,
        data={
            "kind": "mou",
            "title": "Ceremony MoU",
            "signed_on": dt.date(2025, 3, 4),
            "signing_place": "Barcelona",
        },
        parties=signatories(offer.owner, request.owner),
        source_opportunity=offer,
        counterpart_opportunity=request,
        status=S.SIGNED,
    )
    assert agreement.status == S.SIGNED and agreement.signed_on == dt.date(2025, 3, 4)
    assert set(agreement.opportunities.all()) == {offer, request}


@pytest.mark.django_db
def test_visibility_enterprise_sees_only_its_agreements(member, stranger, operator):
    mine = AgreementFactory(parties=[member.org, OrganisationFactory()])
    theirs = AgreementFactory(parties=[stranger.org, OrganisationFactory()])
    assert list(selectors.agreements_visible_to(member)) == [mine]
    assert list(selectors.agreements_visible_to(stranger)) == [theirs]
    assert set(selectors.agreements_visible_to(operator)) == {mine, theirs}


@pytest.mark.django_db
def test_document_upload_stored_under_media_root(member, media_root):
    agreement = AgreementFactory(parties=[member.org, OrganisationFactory()])
    upload = SimpleUploadedFile("../../etc/MoU signed.pdf", PDF, content_type="application/pdf")
    document = services.agreement_document_add(agreement=agreement, by=member, upload=upload)
    path = document.file.path
    assert str(path).startswith(str(media_root))
    assert document.original_name == "MoU signed.pdf"
    assert document.content_type == "application/pdf"


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("page.html", b"<html><script>alert(1)</script>", "text/html"),
        ("fake.pdf", b"<html><script>alert(1)</script>", "application/pdf"),
        ("photo.png", PDF, "image/png"),
        ("contract.pdf", PDF, "text/html"),
        ("empty.pdf", b"", "application/pdf"),
        ("noextension", PDF, "application/pdf"),
    ],
)
@pytest.mark.django_db
def test_document_upload_bad_type_rejected(operator, name, content, content_type):
    agreement = AgreementFactory()
    upload = SimpleUploadedFile(name, content, content_type=content_type)
    with pytest.raises(DomainError):
        services.agreement_document_add(agreement=agreement, by=operator, upload=upload)
    assert not agreement.documents.exists()


@pytest.mark.django_db
def test_document_upload_too_large_rejected(operator):
    agreement = AgreementFactory()
    upload = SimpleUploadedFile("big.pdf", PDF + b"0" * (10 * 1024 * 1024), "application/pdf")
    with pytest.raises(DomainError, match="too large"):
        services.agreement_document_add(agreement=agreement, by=operator, upload=upload)


@pytest.mark.django_db
def test_follow_up_requires_operator_and_subject(operator, member):
    agreement = AgreementFactory(parties=[member.org, OrganisationFactory()])
    with pytest.raises(PermissionDeniedError):
        services.follow_up_create(by=member, data={}, agreement=agreement)
    with pytest.raises(DomainError):
        services.follow_up_create(by=operator, data={})
    offer = OpportunityFactory()
    with pytest.raises(DomainError):
        services.follow_up_create(by=operator, data={}, source_opportunity=offer)
    follow_up = services.follow_up_create(
        by=operator,
        data={"stage": "contacted", "next_action": "Send draft", "due_on": dt.date(2025, 3, 10)},
        source_opportunity=offer,
        counterpart_opportunity=OpportunityFactory(kind="request"),
    )
    assert follow_up.owner == operator


@pytest.mark.django_db
def test_follow_ups_due_lists_due_and_overdue_only(operator):
    today = dt.date(2025, 3, 10)
    overdue = FollowUpFactory(due_on=today - dt.timedelta(days=2), owner=operator)
    soon = FollowUpFactory(due_on=today + dt.timedelta(days=3), owner=operator)
    FollowUpFactory(due_on=today + dt.timedelta(days=30), owner=operator)
    FollowUpFactory(due_on=today - dt.timedelta(days=2), owner=operator, done=True)
    FollowUpFactory(due_on=None, owner=operator)
    assert list(selectors.follow_ups_due(user=operator, today=today)) == [overdue, soon]


@pytest.mark.django_db
def test_follow_ups_invisible_to_enterprises(member):
    FollowUpFactory(due_on=dt.date(2025, 1, 1))
    assert list(selectors.follow_ups_due(user=member)) == []


@pytest.mark.django_db
def test_service_catalogue_seeded_in_four_languages():
    items = list(selectors.service_catalogue())
    assert len(items) == 8
    tax = ServiceCatalogueItem.objects.get(slug="tax")
    assert tax.label_in("zh-hans") == "税务与会计" and tax.label_in("ca").startswith("Fiscalitat")


@pytest.mark.django_db
def test_service_request_flow(member, operator, stranger):
    service = ServiceCatalogueItem.objects.get(slug="legal-compliance")
    with pytest.raises(PermissionDeniedError):
        services.service_request_create(
            organisation=member.org, service=service, description="x", by=stranger
        )
    request = services.service_request_create(
        organisation=member.org, service=service, description="GDPR review", by=member
    )
    with pytest.raises(PermissionDeniedError):
        services.service_request_take(request=request, by=member)
    services.service_request_take(request=request, by=operator, due_on=dt.date(2025, 4, 1))
    with pytest.raises(DomainError):
        services.service_request_refer(request=request, provider=stranger.org, by=operator)
    provider = OrganisationFactory(type="service_provider")
    services.service_request_refer(request=request, provider=provider, by=operator)
    services.service_request_set_status(request=request, to="done", by=operator)
    request.refresh_from_db()
    assert request.status == ServiceRequest.Status.DONE and request.provider == provider
    assert request.closed_at is not None
    with pytest.raises(DomainError):
        services.service_request_set_status(request=request, to="in_progress", by=operator)
    assert list(selectors.service_requests_visible_to(member)) == [request]
    assert list(selectors.service_requests_visible_to(stranger)) == []


@pytest.mark.django_db
def test_service_request_owner_may_only_cancel(member):
    request = ServiceRequestFactory(organisation=member.org)
    with pytest.raises(PermissionDeniedError):
        services.service_request_set_status(request=request, to="done", by=member)
    services.service_request_set_status(request=request, to="cancelled", by=member)
    assert request.status == "cancelled"


@pytest.mark.django_db
def test_attribution_chain_from_match_through_follow_up(operator):
    offer = OpportunityFactory(title="Autonomous forklifts")
    demand = OpportunityFactory(kind="request", title="Warehouse automation")
    agreement = AgreementFactory(parties=[offer.owner, demand.owner])
    FollowUpFactory(
        agreement=agreement,
        source_opportunity=offer,
        counterpart_opportunity=demand,
        owner=operator,
        next_action="Arrange visit",
    )
    services.agreement_transition(agreement=agreement, to=S.SIGNED, by=operator)
    agreement.refresh_from_db()
    chain = selectors.agreement_attribution(agreement=agreement)
    assert [step.kind for step in chain] == ["match", "follow_up", "agreement"]
    assert chain[0].objects == [offer, demand]
    assert "Autonomous forklifts" in chain[0].label


@pytest.mark.django_db
def test_attribution_of_bare_agreement_is_itself():
    agreement = AgreementFactory()
    assert [step.kind for step in selectors.agreement_attribution(agreement=agreement)] == [
        "agreement"
    ]
