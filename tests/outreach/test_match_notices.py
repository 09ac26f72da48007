"""New matches above each user's threshold: the periodic job, with real engine results."""

import datetime as dt

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from digibridge.marketplace import services as market
from digibridge.marketplace.models import Opportunity
from digibridge.matching.notify import new_matches_notify
from digibridge.matching.selectors import matches_for
from digibridge.matching.tasks import notify_new_matches
from digibridge.outreach import services
from digibridge.outreach.models import MatchAlert, MatchAlertRun, Notification
from digibridge.outreach.notifications import notification_preferences_set
from tests.accounts.factories import UserFactory
from tests.directory.factories import OrganisationFactory
from tests.matching.test_integration import FORKLIFT_OFFER, FORKLIFT_REQUEST, UNRELATED_OFFER
from tests.outreach.factories import member_of

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.outreach.urls")]

SECOND_OFFER = {
    "kind": "offer",
    "category": "technology",
    "title": "Carretillas autónomas con gestión de flota para almacenes logísticos",
    "description": "Fabricante de Shenzhen: carretillas elevadoras autónomas y software de "
    "gestión de flota para almacenes en España.",
    "target_countries": ["ES"],
}


def publish(user, data, sectors, callbacks):
    with callbacks(execute=True):
        return market.opportunity_create(
            owner=user.org, by=user, data=data, sectors=sectors, publish=True
        )


@pytest.fixture
def matched(member, stranger, django_capture_on_commit_callbacks):
    """Stranger's Spanish request for autonomous forklifts, member's Chinese offer, and an
    unrelated offer of a third organisation: published and indexed by the real engine."""
    request = publish(
        stranger, FORKLIFT_REQUEST, ["warehouse-automation"], django_capture_on_commit_callbacks
    )
    offer = publish(
        member, FORKLIFT_OFFER, ["warehouse-automation"], django_capture_on_commit_callbacks
    )
    tea = member_of(OrganisationFactory(name="Hangzhou Tea Tours", country="CN"))
    distractor = publish(
        tea, UNRELATED_OFFER, ["smart-tourism"], django_capture_on_commit_callbacks
    )
    return request, offer, distractor


def notices(user):
    return list(Notification.objects.filter(user=user, kind=Notification.Kind.MATCH))


def test_new_match_above_the_threshold_is_notified_once(member, stranger, matched):
    request, offer, distractor = matched
    scores = {
        m.opportunity.pk: m.score for m in matches_for(opportunity=request, viewer=stranger).matches
    }
    assert scores[offer.pk] >= 1.5 > scores[distractor.pk]  # the engine's real scores
    report = new_matches_notify()
    assert report.notified[stranger.pk] == [(request.pk, offer.pk)]
    assert report.notified[member.pk] == [(offer.pk, request.pk)]
    [note] = notices(stranger)
    assert note.title == "A new match for your opportunities"
    assert offer.title in note.body and member.org.name in note.body
    assert distractor.title not in note.body
    assert note.link == reverse("matching:opportunity", args=[request.pk])
    assert MatchAlert.objects.filter(user=stranger, source=request, target=offer).exists()
    # The next run tells nobody about the same pair again.
    again = new_matches_notify(now=timezone.now() + dt.timedelta(minutes=5))
    assert again.pairs == 0 and len(notices(stranger)) == 1
    assert MatchAlertRun.objects.count() == 2


def test_each_user_has_their_threshold(member, stranger, matched):
    request, offer, _distractor = matched
    services.match_threshold_set(user=stranger, min_score=3.5)
    services.match_threshold_set(user=member, min_score=0.5)
    report = new_matches_notify()
    assert stranger.pk not in report.notified
    assert report.notified[member.pk] == [(offer.pk, request.pk)]


def test_only_matches_new_since_the_last_run(
    member, stranger, matched, django_capture_on_commit_callbacks
):
    request, offer, _distractor = matched
    long_ago = timezone.now() - dt.timedelta(days=30)
    Opportunity.objects.update(published_at=long_ago, updated_at=long_ago)
    first = new_matches_notify()
    assert first.pairs == 0  # matches that existed before are not news
    newcomer = member_of(OrganisationFactory(name="Shenzhen Forklift Works", country="CN"))
    second_offer = publish(
        newcomer, SECOND_OFFER, ["warehouse-automation"], django_capture_on_commit_callbacks
    )
    report = new_matches_notify(now=timezone.now() + dt.timedelta(hours=1))
    assert report.notified.get(stranger.pk) == [(request.pk, second_offer.pk)]
    assert (request.pk, offer.pk) not in report.notified.get(stranger.pk, [])


def test_preferences_decide_in_app_and_email_in_the_users_language(
    member, stranger, matched, django_capture_on_commit_callbacks
):
    request, offer, _distractor = matched
    notification_preferences_set(user=member, choices={"match": (False, False)})
    stranger.language = "es"
    stranger.save()
    notification_preferences_set(user=stranger, choices={"match": (True, True)})
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        report = new_matches_notify()
    assert member.pk not in report.notified and notices(member) == []
    assert [m.to for m in mail.outbox] == [[stranger.email]]
    assert offer.title in mail.outbox[0].body
    assert mail.outbox[0].subject == notices(stranger)[0].title
    assert mail.outbox[0].body.startswith("Hola")  # the user's language


def test_not_relevant_verdicts_and_inactive_users_are_left_out(member, stranger, matched):
    from digibridge.matching.models import MatchFeedback

    request, offer, _distractor = matched
    MatchFeedback.objects.create(
        source=request, target=offer, user=stranger, verdict=MatchFeedback.Verdict.NOT_RELEVANT
    )
    member.is_active = False
    member.save()
    report = new_matches_notify()
    assert report.pairs == 0 and report.notified == {}


def test_the_job_is_scheduled_and_runs_as_a_task(member, stranger, matched):
    entries = [e["task"] for e in settings.CELERY_BEAT_SCHEDULE.values()]
    assert "digibridge.matching.tasks.notify_new_matches" in entries
    assert notify_new_matches.delay().get() == 2


def test_threshold_preference_on_the_page(client, member):
    client.force_login(member)
    page = client.get(reverse("outreach:notifications"))
    assert 'name="min_score"' in page.text
    url = reverse("outreach:preferences")
    for bad, error in (
        ("-1", "greater than or equal to 0"),
        ("abc", "Enter a number."),
        ("11", "less than or equal to 10"),
    ):
        response = client.post(url, {"min_score": bad}, follow=True)
        assert response.status_code == 200
        assert error in response.text
    assert services_threshold(member) is None
    client.post(url, {"min_score": "2.2", "match__in_app": "on"})
    assert services_threshold(member) == 2.2
    client.post(url, {"min_score": "", "match__in_app": "on"})
    assert services_threshold(member) is None
    with pytest.raises(Exception, match="between 0 and 10"):
        services.match_threshold_set(user=UserFactory(), min_score=42)


def services_threshold(user):
    from digibridge.outreach.models import NotificationPreference

    return (
        NotificationPreference.objects.filter(user=user, kind="match")
        .values_list("min_score", flat=True)
        .first()
    )


def test_preferences_api_with_the_threshold(client, member, stranger):
    client.force_login(member)
    url = "/api/v1/notifications/preferences"
    data = client.get(url).json()
    assert data["min_score"] is None and data["min_score_default"] == 1.5
    assert {"kind": "match", "in_app": True, "email": False} in data["kinds"]
    changed = client.put(
        url,
        {"kinds": {"match": {"in_app": True, "email": True}}, "min_score": 2.5},
        content_type="application/json",
    )
    assert changed.status_code == 200
    assert changed.json()["min_score"] == 2.5
    assert {"kind": "match", "in_app": True, "email": True} in changed.json()["kinds"]
    assert {"kind": "message", "in_app": True, "email": True} in changed.json()["kinds"]
    for bad in (
        {"min_score": -1},
        {"min_score": 99},
        {"kinds": {"nonsense": {"in_app": True, "email": True}}},
    ):
        response = client.put(url, bad, content_type="application/json")
        assert response.status_code == 422, bad
    assert client.get(url).json()["min_score"] == 2.5
    reset = client.put(url, {"reset_min_score": True}, content_type="application/json")
    assert reset.json()["min_score"] is None
    client.force_login(stranger)
    assert client.get(url).json()["min_score"] is None  # one's own only
    client.logout()
    assert client.get(url).status_code == 401
