import pytest
from django.urls import reverse

from digibridge.marketplace.models import Opportunity
from tests.marketplace.factories import OpportunityFactory


@pytest.mark.django_db
def test_opportunity_list_query_count_does_not_grow_with_rows(client, django_assert_num_queries):
    OpportunityFactory(sectors=["smart-grid"])
    client.get(reverse("marketplace:list"))  # warm caches (content types, sessions)
    # Inside the test's transaction the sector choices are read each time the select uses them
    # (twice); outside one they come from the process (tests/common/test_counting.py).
    with django_assert_num_queries(5) as one:
        client.get(reverse("marketplace:list"))
    for _ in range(4):
        OpportunityFactory(sectors=["smart-grid", "energy-storage"])
    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get(reverse("marketplace:list"))
    assert response.content.decode().count('class="badge offer"') == 5


@pytest.mark.django_db
def test_opportunity_list_empty_state_and_bad_page(client):
    response = client.get(reverse("marketplace:list") + "?page=abc&kind=nonsense")
    assert response.status_code == 200
    assert "No opportunities here yet." in response.content.decode()


@pytest.mark.django_db
def test_opportunity_create_page_publishes(client, member):
    client.force_login(member)
    response = client.post(
        reverse("marketplace:create"),
        {
            "owner": str(member.org.pk),
            "kind": "request",
            "category": "procurement",
            "title": "Carretillas autónomas para almacén en Zaragoza",
            "description": "Buscamos 12 carretillas autónomas con software de flota.",
            "sectors": ["warehouse-automation"],
            "target_countries": ["ES"],
            "currency": "EUR",
            "visibility": "public",
            "action": "publish",
        },
    )
    opp = Opportunity.objects.get()
    assert response.status_code == 302
    assert opp.status == Opportunity.Status.PUBLISHED
    assert opp.created_by == member


@pytest.mark.django_db
def test_opportunity_create_page_for_foreign_owner_is_refused(client, member, stranger):
    client.force_login(stranger)
    response = client.post(
        reverse("marketplace:create"),
        {
            "owner": str(member.org.pk),
            "kind": "offer",
            "category": "technology",
            "title": "Not mine",
            "description": "x",
            "currency": "EUR",
            "visibility": "public",
        },
    )
    assert response.status_code == 200
    assert not Opportunity.objects.exists()


@pytest.mark.django_db
def test_opportunity_delete_asks_for_confirmation(client, member):
    opp = OpportunityFactory(owner=member.org)
    client.force_login(member)
    url = reverse("marketplace:action", args=[opp.pk, "delete"])
    response = client.post(url)
    assert response.status_code == 200 and "Delete this opportunity?" in response.content.decode()
    assert Opportunity.objects.filter(pk=opp.pk).exists()
    client.post(url, {"confirm": "yes"})
    assert not Opportunity.objects.filter(pk=opp.pk).exists()


@pytest.mark.django_db
def test_private_opportunity_detail_is_404_for_others(client, member, stranger):
    opp = OpportunityFactory(owner=member.org, visibility="private")
    client.force_login(stranger)
    assert client.get(reverse("marketplace:detail", args=[opp.pk])).status_code == 404
    client.force_login(member)
    assert client.get(reverse("marketplace:detail", args=[opp.pk])).status_code == 200


@pytest.mark.django_db
def test_showcase_groups_typical_solutions_by_sector(client):
    OpportunityFactory(title="Typical storage", typical=True, sectors=["energy-storage"])
    response = client.get(reverse("marketplace:showcase"))
    body = response.content.decode()
    assert "Smart energy" in body and "Typical storage" in body


@pytest.mark.django_db
def test_opportunity_list_pagination_keeps_filters(client):
    for _ in range(25):
        OpportunityFactory(kind="offer")
    body = client.get(reverse("marketplace:list"), {"kind": "offer", "page": "1"}).content.decode()
    assert 'href="?kind=offer&amp;page=2"' in body
