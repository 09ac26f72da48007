"""Event notices go through outreach's notify: preferences, e-mail by task after commit,
times in each recipient's time zone."""

import datetime as dt
import zoneinfo

import pytest
from django.utils import timezone

from digibridge.events import services
from digibridge.events.models import Meeting, MeetingRequest
from digibridge.outreach.models import Notification
from digibridge.outreach.notifications import notification_preferences_set
from tests.accounts.factories import UserFactory
from tests.directory.factories import PersonFactory
from tests.events.factories import (
    EventFactory,
    MeetingBlockFactory,
    MeetingRequestFactory,
    RegistrationFactory,
    participant,
)

pytestmark = pytest.mark.django_db


def test_request_notice_waits_for_commit_and_goes_by_task(
    member, stranger, mailoutbox, django_capture_on_commit_callbacks
):
    event = EventFactory()
    sender, recipient = participant(event, member), participant(event, stranger)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.meeting_request_create(
            sender=sender, recipient=recipient, message="Robots?", by=member
        )
    assert mailoutbox == []  # nothing is sent inside the request's transaction
    notice = Notification.objects.get(user=stranger)
    assert notice.kind == Notification.Kind.MEETING_REQUEST
    assert sender.person.full_name in notice.title
    assert "Robots?" in notice.body
    assert notice.link == f"/events/{event.slug}/inbox/"
    for callback in callbacks:
        callback()  # the task queued on commit (in-process without a broker)
    assert [m.to for m in mailoutbox] == [[stranger.email]]
    assert "Robots?" in mailoutbox[0].body
    assert mailoutbox[0].alternatives[0][1] == "text/html"


def test_email_preference_off_keeps_the_in_app_notice(
    member, stranger, mailoutbox, django_capture_on_commit_callbacks
):
    notification_preferences_set(user=stranger, choices={"meeting_request": (True, False)})
    notification_preferences_set(user=member, choices={"meeting_answer": (False, True)})
    event = EventFactory()
    sender, recipient = participant(event, member), participant(event, stranger)
    with django_capture_on_commit_callbacks(execute=True):
        request = services.meeting_request_create(sender=sender, recipient=recipient, by=member)
    assert mailoutbox == []
    assert Notification.objects.filter(user=stranger, kind="meeting_request").count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_request_decline(request=request, by=stranger)
    # the sender wants answers by e-mail only
    assert not Notification.objects.filter(user=member).exists()
    assert [m.to for m in mailoutbox] == [[member.email]]
    assert "declined" in mailoutbox[0].subject


def test_schedule_notice_shows_each_recipients_time_zone(
    operator, mailoutbox, django_capture_on_commit_callbacks
):
    block = MeetingBlockFactory(tables=1)  # 19:00 in Barcelona = 02:00 next day in Beijing
    madrid = participant(block.event, UserFactory(time_zone="Europe/Madrid"))
    beijing = participant(block.event, UserFactory(time_zone="Asia/Shanghai"))
    MeetingRequestFactory(event=block.event, sender=madrid, recipient=beijing, status="accepted")
    services.meeting_block_schedule(block=block, by=operator, time_limit=1)
    meeting = Meeting.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_block_publish(block=block, by=operator)
    bodies = {m.to[0]: m.body for m in mailoutbox}
    start = block.slot_start(meeting.slot)
    here = timezone.localtime(start, madrid.event.tz).strftime("%Y-%m-%d %H:%M")
    assert f"{here} CET" in bodies[madrid.person.user.email]
    # Beijing is UTC+8, Barcelona UTC+1 in March: seven hours later
    there = timezone.localtime(start, timezone.get_fixed_timezone(480)).strftime("%Y-%m-%d %H:%M")
    assert f"{there} CST" in bodies[beijing.person.user.email]
    assert there.endswith(("02:00", "02:15", "02:30", "02:45"))
    notice = Notification.objects.get(user=beijing.person.user)
    assert notice.kind == Notification.Kind.SCHEDULE
    assert notice.link == f"/events/{block.event.slug}/agenda/"


def test_cancelled_meeting_tells_the_other_side(
    member, stranger, mailoutbox, django_capture_on_commit_callbacks
):
    block = MeetingBlockFactory(self_booking=True)
    me, other = participant(block.event, member), participant(block.event, stranger)
    request = MeetingRequestFactory(event=block.event, sender=me, recipient=other)
    request = services.meeting_request_accept(request=request, by=stranger)
    meeting = services.meeting_book_slot(request=request, block=block, slot=1, by=member)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_cancel(meeting=meeting, by=member)
    notices = Notification.objects.filter(kind="schedule", title="Your meeting was cancelled")
    assert {n.user_id for n in notices} == {member.pk, stranger.pk}
    assert sorted(m.to[0] for m in mailoutbox) == sorted([member.email, stranger.email])


def test_expiry_tells_both_sides_as_a_deadline(
    member, stranger, mailoutbox, django_capture_on_commit_callbacks
):
    notification_preferences_set(user=member, choices={"deadline": (True, True)})
    event = EventFactory()
    past = timezone.now() - dt.timedelta(minutes=1)
    request = MeetingRequestFactory(
        event=event,
        sender=participant(event, member),
        recipient=participant(event, stranger),
        expires_at=past,
    )
    MeetingRequestFactory(event=event, expires_at=timezone.now() + dt.timedelta(hours=1))
    with django_capture_on_commit_callbacks(execute=True):
        assert services.meeting_requests_expire_due() == 1
    request.refresh_from_db()
    assert request.status == MeetingRequest.Status.EXPIRED
    kinds = set(Notification.objects.values_list("user_id", "kind"))
    assert kinds == {(member.pk, "deadline"), (stranger.pk, "deadline")}
    # deadline notices are in-app only by default; the sender asked for e-mail too
    assert [m.to for m in mailoutbox] == [[member.email]]
    assert "expired" in mailoutbox[0].subject
    # running again finds nothing more to do and sends nothing
    with django_capture_on_commit_callbacks(execute=True):
        assert services.meeting_requests_expire_due() == 0
    assert Notification.objects.count() == 2


def test_recipients_are_reminded_once_before_the_deadline(
    member, stranger, django_capture_on_commit_callbacks
):
    event = EventFactory()
    recipient = participant(event, stranger)
    soon = timezone.now() + dt.timedelta(hours=3)
    for _ in range(2):
        MeetingRequestFactory(event=event, recipient=recipient, expires_at=soon)
    MeetingRequestFactory(event=event, recipient=recipient, expires_at=soon + dt.timedelta(days=3))
    MeetingRequestFactory(event=event, recipient=recipient, expires_at=soon, status="accepted")
    with django_capture_on_commit_callbacks(execute=True):
        assert services.meeting_requests_remind_due() == 2
    notice = Notification.objects.get(user=stranger)
    assert notice.kind == Notification.Kind.DEADLINE
    assert notice.body.count("(") == 2  # both senders with their organisations
    local = timezone.localtime(soon, zoneinfo.ZoneInfo(stranger.time_zone))
    assert local.strftime("%H:%M") in notice.body
    # a second run reminds nobody again
    assert services.meeting_requests_remind_due() == 0
    assert Notification.objects.count() == 1
    # the periodic task reminds and expires
    from digibridge.events.tasks import expire_meeting_requests

    later = timezone.now() + dt.timedelta(days=5)
    assert services.meeting_requests_expire_due(now=later) == 3
    assert expire_meeting_requests() == 0


def test_participants_without_an_account_are_told_by_email_in_their_language(
    operator, member, mailoutbox, django_capture_on_commit_callbacks
):
    """An organiser registered a guest (no user account): the brokered meeting still reaches
    them, at their directory address, in the language their directory entry names first."""
    block = MeetingBlockFactory(tables=2)
    me = participant(block.event, member)
    guest = RegistrationFactory(
        event=block.event,
        person=PersonFactory(email="guest@example.cn", first_name="Wei", languages=["zh-hans"]),
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_create_brokered(
            block=block, registrations=[me, guest], slot=0, table=1, by=operator
        )
    mails = {m.to[0]: m for m in mailoutbox}
    assert set(mails) == {member.email, "guest@example.cn"}
    guest_mail = mails["guest@example.cn"]
    assert guest_mail.subject == "您的洽谈已确认"  # "Your meeting is confirmed", in Chinese
    assert "Wei" in guest_mail.body
    assert "/outreach/notifications/" not in guest_mail.body  # no preferences to point at
    assert not Notification.objects.filter(user__isnull=True).exists()


def test_a_guest_who_withdrew_consent_to_email_gets_none(
    operator, member, mailoutbox, django_capture_on_commit_callbacks
):
    from digibridge.privacy.services import consents_set

    block = MeetingBlockFactory(tables=2)
    me = participant(block.event, member)
    guest = RegistrationFactory(event=block.event, person=PersonFactory(email="no@example.es"))
    consents_set(choices={"email": False}, by=operator, person=guest.person)
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_create_brokered(
            block=block, registrations=[me, guest], slot=0, table=1, by=operator
        )
    assert [m.to for m in mailoutbox] == [[member.email]]
