"""The engine behind the platform: index kept in step with the marketplace, pages, API."""

import json

import pytest
from django.core import mail
from django.urls import reverse

from digibridge.marketplace import services as market
from digibridge.matching import services
from digibridge.matching.index_store import store
from digibridge.matching.models import FusionWeights, IndexEvent, OpportunityVector
from digibridge.matching.selectors import matches_for
from tests.accounts.factories import UserFactory
from tests.directory.factories import OrganisationFactory, OrganisationMemberFactory
from tests.marketplace.test_api import bearer

FORKLIFT_REQUEST = {
    "kind": "request",
    "category": "procurement",
    "title": "Buscamos carretillas elevadoras autónomas para nuestro almacén",
    "description": "Empresa logística de Zaragoza busca 12 carretillas autónomas con software "
    "de gestión de flota para un almacén de 40.000 m².",
    "target_countries": ["CN"],
}
FORKLIFT_OFFER = {
    "kind": "offer",
    "category": "technology",
    "title": "自动驾驶叉车及车队调度软件",
    "description": "我们提供激光导航自动驾驶叉车和车队管理调度软件，已在欧洲仓库部署。",
    "target_countries": ["ES", "PT"],
}
UNRELATED_OFFER = {
    "kind": "offer",
    "category": "commercial",
    "title": "Tea ceremony experiences for incentive travel groups",
    "description": "Guided tea tasting sessions in Hangzhou for corporate visitors.",
    "target_countries": ["ES"],
}


@pytest.fixture
def market_pair(member, stranger, django_capture_on_commit_callbacks):
    """A Spanish request and a Chinese offer (plus a distractor), published and indexed."""
    with django_capture_on_commit_callbacks(execute=True):
        request = market.opportunity_create(
            owner=stranger.org,
            by=stranger,
            data=FORKLIFT_REQUEST,
            sectors=["warehouse-automation"],
            publish=True,
        )
        offer = market.opportunity_create(
            owner=member.org,
            by=member,
            data=FORKLIFT_OFFER,
            sectors=["warehouse-automation"],
            publish=True,
        )
        distractor = market.opportunity_create(
            owner=OrganisationFactory(country="CN"),
            by=UserFactory(role="operator"),
            data=UNRELATED_OFFER,
            sectors=["smart-tourism"],
            publish=True,
        )
    return request, offer, distractor


@pytest.mark.django_db
def test_publishing_embeds_and_indexes_incrementally(market_pair):
    request, offer, distractor = market_pair
    assert OpportunityVector.objects.count() == 3
    index = store.get()
    assert {str(request.pk), str(offer.pk), str(distractor.pk)} <= {
        str(o) for o in (request.pk, offer.pk, distractor.pk) if str(o) in index
    }


@pytest.mark.django_db
def test_spanish_request_finds_chinese_offer_first_with_reasons(market_pair, stranger):
    request, offer, distractor = market_pair
    found = matches_for(opportunity=request, viewer=stranger)
    assert found.error is None
    assert found.matches[0].opportunity == offer
    codes = {r.code for r in found.matches[0].reasons}
    assert "shared_sector" in codes
    assert "cross_border" in codes


@pytest.mark.django_db
def test_closing_an_offer_removes_it_from_matches(
    market_pair, member, stranger, django_capture_on_commit_callbacks
):
    request, offer, _distractor = market_pair
    with django_capture_on_commit_callbacks(execute=True):
        market.opportunity_close(opportunity=offer, by=member)
    found = matches_for(opportunity=request, viewer=stranger)
    assert offer not in [m.opportunity for m in found.matches]


@pytest.mark.django_db
def test_deleting_an_offer_removes_it_from_index(
    market_pair, member, django_capture_on_commit_callbacks
):
    _request, offer, _distractor = market_pair
    pk = offer.pk
    store.get()
    with django_capture_on_commit_callbacks(execute=True):
        market.opportunity_delete(opportunity=offer, by=member)
    assert str(pk) not in store.get()


@pytest.mark.django_db
def test_not_relevant_feedback_hides_pair_for_that_user_at_once(market_pair, stranger):
    request, offer, _distractor = market_pair
    services.match_feedback_record(
        source=request, target=offer, by=stranger, verdict="not_relevant"
    )
    found = matches_for(opportunity=request, viewer=stranger)
    assert offer not in [m.opportunity for m in found.matches]
    assert found.hidden == 1


@pytest.mark.django_db
def test_feedback_on_someone_elses_opportunity_is_refused(market_pair, member):
    from digibridge.common.errors import PermissionDeniedError

    request, offer, _distractor = market_pair
    with pytest.raises(PermissionDeniedError):
        services.match_feedback_record(
            source=request, target=offer, by=member, verdict="interested"
        )


@pytest.mark.django_db
def test_operator_pin_and_hide_apply_to_everyone(market_pair, stranger, operator):
    request, offer, distractor = market_pair
    services.match_override_set(source=request, target=distractor, by=operator, action="pin")
    services.match_override_set(source=request, target=offer, by=operator, action="hide")
    found = matches_for(opportunity=request, viewer=stranger)
    assert found.matches[0].opportunity == distractor and found.matches[0].pinned
    assert offer not in [m.opportunity for m in found.matches]


@pytest.mark.django_db
def test_private_counterpart_never_shown(member, stranger, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        request = market.opportunity_create(
            owner=stranger.org, by=stranger, data=FORKLIFT_REQUEST, publish=True
        )
        market.opportunity_create(
            owner=member.org,
            by=member,
            data={**FORKLIFT_OFFER, "visibility": "private"},
            publish=True,
        )
    assert matches_for(opportunity=request, viewer=stranger).matches == []


@pytest.mark.django_db
def test_training_adopts_weights_only_when_they_rank_feedback_better(
    market_pair, stranger, django_capture_on_commit_callbacks
):
    """Users prefer the same-sector offer; weights that punish shared sectors get corrected,
    and good weights are left alone."""
    request, offer, distractor = market_pair
    FusionWeights.objects.create(weights={"dense": 0.1, "sector": -3.0, "concept": 0.0})
    IndexEvent.objects.create(action=IndexEvent.Action.WEIGHTS)
    with django_capture_on_commit_callbacks(execute=True):
        sources = [request] + [
            market.opportunity_create(
                owner=stranger.org,
                by=stranger,
                data={**FORKLIFT_REQUEST, "title": f"{FORKLIFT_REQUEST['title']} ({n})"},
                sectors=["warehouse-automation"],
                publish=True,
            )
            for n in range(5)
        ]
    judges = [stranger, UserFactory(), UserFactory()]
    for user in judges[1:]:
        OrganisationMemberFactory(user=user, organisation=stranger.org)
    for source in sources:
        found = {
            m.opportunity.pk: m.features
            for m in matches_for(opportunity=source, viewer=stranger).matches
        }
        for user in judges:
            services.match_feedback_record(
                source=source, target=offer, by=user, verdict="interested", features=found[offer.pk]
            )
            services.match_feedback_record(
                source=source,
                target=distractor,
                by=user,
                verdict="not_relevant",
                features=found[distractor.pk],
            )
    weights, examples, report = services.fusion_weights_train(min_examples=20)
    assert examples == 36
    assert weights.sector > -3.0
    assert FusionWeights.objects.count() == 2
    assert store.get().weights == weights
    assert report["current"] < max(v for k, v in report.items() if k != "current")
    again, _examples, _report = services.fusion_weights_train(min_examples=20)
    assert again == weights  # nothing better to learn: the weights in use stay
    assert FusionWeights.objects.count() == 2


@pytest.mark.django_db
def test_api_matches_endpoint_with_reasons_text(client, market_pair, stranger):
    request, offer, _distractor = market_pair
    response = client.get(f"/api/v1/opportunities/{request.pk}/matches", **bearer(stranger))
    assert response.status_code == 200
    data = response.json()
    assert data["matches"][0]["opportunity"] == offer.pk
    assert all(r["text"] for r in data["matches"][0]["reasons"])
    feedback = client.post(
        f"/api/v1/opportunities/{request.pk}/matches/feedback",
        json.dumps({"target": offer.pk, "verdict": "interested"}),
        content_type="application/json",
        **bearer(stranger),
    )
    assert feedback.status_code == 201
    bad = client.post(
        f"/api/v1/opportunities/{request.pk}/matches/feedback",
        json.dumps({"target": offer.pk, "verdict": "maybe"}),
        content_type="application/json",
        **bearer(stranger),
    )
    assert bad.status_code == 422


@pytest.mark.django_db
def test_matches_panel_renders_reasons_in_catalan(client, market_pair, stranger):
    request, offer, _distractor = market_pair
    client.force_login(stranger)
    client.cookies["django_language"] = "ca"
    body = client.get(reverse("matching:opportunity", args=[request.pk])).content.decode()
    assert offer.title in body
    assert "Mateix sector" in body or "Sectors relacionats" in body


@pytest.mark.django_db
def test_console_lists_requests_and_introduce_mails_both_sides(
    client, market_pair, operator, member, stranger, django_capture_on_commit_callbacks
):
    request, offer, _distractor = market_pair
    client.force_login(operator)
    body = client.get(reverse("matching:console")).content.decode()
    assert request.title in body and offer.title in body
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("matching:introduce", args=[request.pk, offer.pk]), {"message": "Hola"})
    recipients = {m.to[0] for m in mail.outbox}
    assert {member.email, stranger.email} <= recipients


@pytest.mark.django_db
def test_console_hidden_from_non_operators(client, member):
    client.force_login(member)
    assert client.get(reverse("matching:console")).status_code == 404


@pytest.mark.django_db
def test_engine_unavailable_degrades_gracefully(market_pair, stranger, monkeypatch):
    """The model itself is outside the platform's control: simulate its absence."""
    from digibridge.matching import engine

    request, _offer, _distractor = market_pair

    def broken():
        raise engine.EngineError("embedding model could not be loaded: simulated")

    monkeypatch.setattr(store, "get", broken)
    found = matches_for(opportunity=request, viewer=stranger)
    assert found.matches == [] and "simulated" in found.error


@pytest.mark.django_db
def test_console_proposes_a_meeting_at_an_event_both_attend(
    client, market_pair, operator, member, stranger
):
    from digibridge.events.models import MeetingRequest
    from tests.events.factories import EventFactory, participant

    request, offer, _distractor = market_pair
    client.force_login(operator)
    url = reverse("matching:propose_meeting", args=[request.pk, offer.pk])
    response = client.post(url, follow=True)
    assert "not both registered" in response.content.decode()
    assert not MeetingRequest.objects.exists()
    event = EventFactory()
    participant(event, user=stranger)
    participant(event, user=member)
    client.post(url)
    proposal = MeetingRequest.objects.get()
    assert proposal.sender.organisation == stranger.org
    assert proposal.recipient.organisation == member.org
    assert proposal.opportunity == request
    client.force_login(member)
    refused = client.post(url)
    assert refused.status_code == 302
    assert MeetingRequest.objects.count() == 1


@pytest.mark.django_db
def test_search_results_are_remembered_until_the_index_changes(
    market_pair, member, stranger, django_capture_on_commit_callbacks
):
    request, offer, distractor = market_pair
    first = store.search(str(request.pk), k=10, viewer_networks=None)
    assert [m.opportunity_id for m in first][:1] == [str(offer.pk)]
    assert store.search(str(request.pk), k=10, viewer_networks=None) is first  # remembered
    assert store.search(str(request.pk), k=5, viewer_networks=None) is not first  # other k
    assert store.search("999999", k=10, viewer_networks=None) == []  # not indexed
    # Any change of an indexed opportunity is an index event: the next answer is fresh.
    with django_capture_on_commit_callbacks(execute=True):
        market.opportunity_delete(opportunity=offer, by=member)
    again = store.search(str(request.pk), k=10, viewer_networks=None)
    assert again is not first
    assert str(offer.pk) not in [m.opportunity_id for m in again]
    assert str(offer.pk) not in [
        str(m.opportunity.pk) for m in matches_for(opportunity=request, viewer=stranger).matches
    ]
