import pytest

from digibridge.common.errors import DomainError, PermissionDeniedError
from digibridge.directory import selectors, services
from digibridge.directory.models import Organisation, Sector
from tests.directory.factories import OrganisationFactory, PersonFactory


def test_sector_taxonomy_loaded_by_migration_with_four_languages(db):
    roots = Sector.objects.filter(parent__isnull=True)
    slugs = set(Sector.objects.values_list("slug", flat=True))
    assert {
        "smart-energy",
        "autonomous-driving",
        "smart-logistics",
        "cross-border-ecommerce",
        "ai-large-models",
        "value-added-telecom",
    } <= slugs
    assert roots.count() >= 26
    forklift = Sector.objects.get(slug="warehouse-automation")
    assert forklift.parent.slug == "smart-logistics"
    assert forklift.label_in("zh-hans") == "仓储自动化"
    assert forklift.label_in("ca") == "Automatització de magatzems"


@pytest.mark.django_db
def test_organisation_create_by_member_is_pending_until_operator_approves(member, operator):
    org = services.organisation_create(
        by=member,
        data={"name": "Shenzhen Example Lidar", "type": "enterprise", "country": "CN"},
        sectors=["automotive-sensors"],
    )
    assert org.status == Organisation.Status.PENDING
    assert org.memberships.filter(user=member, is_admin=True).exists()
    assert org not in selectors.organisations_visible_to(None)
    services.organisation_review(organisation=org, by=operator, approve=True)
    org.refresh_from_db()
    assert org.status == Organisation.Status.APPROVED
    assert org in selectors.organisations_visible_to(None)


@pytest.mark.django_db
def test_organisation_review_refused_for_non_operator(member):
    with pytest.raises(PermissionDeniedError):
        services.organisation_review(organisation=member.org, by=member, approve=True)


@pytest.mark.django_db
def test_organisation_update_refused_for_other_organisation(stranger, member):
    with pytest.raises(PermissionDeniedError):
        services.organisation_update(
            organisation=member.org, by=stranger, data={"description": "hijacked"}
        )
    member.org.refresh_from_db()
    assert member.org.description != "hijacked"


@pytest.mark.django_db
def test_organisation_create_unknown_sector_is_a_clear_error(member):
    with pytest.raises(DomainError) as exc:
        services.organisation_create(
            by=member, data={"name": "X Co", "country": "ES"}, sectors=["no-such-sector"]
        )
    assert "no-such-sector" in exc.value.message
    assert exc.value.field == "sectors"


@pytest.mark.django_db
def test_organisation_create_invalid_country_names_field(member):
    with pytest.raises(DomainError) as exc:
        services.organisation_create(by=member, data={"name": "X Co", "country": "XX"})
    assert exc.value.field == "country"


@pytest.mark.django_db
def test_organisation_search_finds_names_in_other_languages(db):
    OrganisationFactory(name="Beijing Example Cloud", names={"zh-hans": "北京示例云"})
    OrganisationFactory(name="Girona Example Energy", description="Bateries i emmagatzematge")
    assert [o.name for o in selectors.organisation_search(user=None, q="示例云")] == [
        "Beijing Example Cloud"
    ]
    assert [o.name for o in selectors.organisation_search(user=None, q="emmagatzematge")] == [
        "Girona Example Energy"
    ]


@pytest.mark.django_db
def test_organisation_search_sector_filter_includes_subsectors(db):
    org = OrganisationFactory()
    org.sectors.set([Sector.objects.get(slug="cold-chain")])
    OrganisationFactory()
    assert list(selectors.organisation_search(user=None, sector="smart-logistics")) == [org]


@pytest.mark.django_db
def test_person_contact_visible_only_to_colleagues_and_operators(member, stranger, operator):
    person = PersonFactory(organisation=member.org)
    assert selectors.person_contact_visible(person=person, viewer=member)
    assert selectors.person_contact_visible(person=person, viewer=operator)
    assert not selectors.person_contact_visible(person=person, viewer=stranger)
    assert not selectors.person_contact_visible(person=person, viewer=None)
