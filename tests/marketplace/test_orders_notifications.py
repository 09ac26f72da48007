"""Who hears what about global orders (through outreach's notify): kinds, preferences, the
24-hour notice, and that no notice tells a supplier about a competitor."""

import datetime as dt

import pytest
from django.utils import timezone

from digibridge.common.errors import DomainError
from digibridge.marketplace import orders_services as svc
from digibridge.marketplace.models import Rfq
from digibridge.marketplace.tasks import close_due_requests_for_responses
from digibridge.outreach.models import Notification, NotificationPreference
from tests.accounts.factories import UserFactory
from tests.directory.factories import OrganisationMemberFactory
from tests.marketplace.order_factories import RfqResponseFactory, rfq_for, supplier_user

pytestmark = pytest.mark.django_db
Kind = Notification.Kind


def _move_deadline(rfq, **delta):
    Rfq.objects.filter(pk=rfq.pk).update(response_deadline=timezone.now() + dt.timedelta(**delta))
    rfq.refresh_from_db()
    return rfq


def _texts(user) -> str:
    return "\n".join(f"{n.title}\n{n.body}" for n in user.notifications.all())


def test_new_response_tells_the_requester_not_while_sealed(stranger, member):
    colleague = UserFactory()
    OrganisationMemberFactory(user=colleague, organisation=stranger.org)
    rfq = rfq_for(stranger)
    svc.response_submit(rfq=rfq, supplier=member.org, by=member, data={"price": "10"})
    for user in (stranger, colleague):
        notice = user.notifications.get()
        assert notice.kind == Kind.RESPONSE and member.org.name in notice.body
        assert notice.link.endswith(f"/orders/responses/{rfq.responses.get().pk}/")
    # an edit is not news; a response sent again after withdrawal is
    response = svc.response_submit(rfq=rfq, supplier=member.org, by=member, data={"price": "9"})
    assert stranger.notifications.count() == 1
    svc.response_withdraw(response=response, by=member)
    svc.response_submit(rfq=rfq, supplier=member.org, by=member, data={"price": "8"})
    assert stranger.notifications.count() == 2
    assert not member.notifications.exists()
    sealed = rfq_for(stranger, sealed=True)
    svc.response_submit(rfq=sealed, supplier=member.org, by=member, data={"price": "10"})
    assert stranger.notifications.count() == 2


def test_decisions_tell_that_supplier_only(stranger, member):
    rfq = rfq_for(stranger)
    other = supplier_user("Harbin Example Motors")
    mine = RfqResponseFactory(rfq=rfq, supplier=member.org)
    theirs = RfqResponseFactory(rfq=rfq, supplier=other.org)
    svc.response_shortlist(response=mine, by=stranger)
    svc.response_decline(response=theirs, by=stranger, reason="Lead time too long")
    _move_deadline(rfq, hours=-1)
    svc.response_award(response=mine, by=stranger)
    assert [n.title for n in member.notifications.order_by("pk")] == [
        f"Your response to “{rfq.opportunity.title}” is shortlisted",
        f"Your response to “{rfq.opportunity.title}” was awarded",
    ]
    assert set(member.notifications.values_list("kind", flat=True)) == {Kind.RESPONSE}
    declined = other.notifications.get()
    assert "declined" in declined.title and "Lead time too long" in declined.body
    assert not stranger.notifications.filter(title__contains="Your response").exists()


def test_clarification_question_and_answer_are_messages(stranger, member, operator):
    rfq = rfq_for(stranger)
    response = RfqResponseFactory(rfq=rfq, supplier=member.org)
    question = svc.clarification_ask(response=response, by=operator, question="Spare parts?")
    asked = member.notifications.get()
    assert asked.kind == Kind.MESSAGE and asked.body == "Spare parts?"
    svc.clarification_answer(clarification=question, by=member, answer="In Zaragoza")
    for user in (stranger, operator):  # the requester's members and the operator who asked
        answered = user.notifications.get(kind=Kind.MESSAGE)
        assert member.org.name in answered.title and answered.body == "In Zaragoza"
    assert member.notifications.count() == 1


def test_preferences_are_honoured(stranger, member, mailoutbox, django_capture_on_commit_callbacks):
    rfq = rfq_for(stranger)
    NotificationPreference.objects.create(user=stranger, kind=Kind.RESPONSE, in_app=False)
    NotificationPreference.objects.create(user=member, kind=Kind.MESSAGE, email=False)
    NotificationPreference.objects.create(user=member, kind=Kind.DEADLINE, email=True)
    with django_capture_on_commit_callbacks(execute=True):
        response = svc.response_submit(
            rfq=rfq, supplier=member.org, by=member, data={"price": "10"}
        )
    # the requester chose e-mail only for responses: a mail, no row
    assert not stranger.notifications.exists()
    assert [m.to for m in mailoutbox] == [[stranger.email]]
    assert rfq.opportunity.title in mailoutbox[0].subject
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        svc.clarification_ask(response=response, by=stranger, question="Colour?")
    assert member.notifications.get().kind == Kind.MESSAGE and mailoutbox == []
    _move_deadline(rfq, hours=3)
    with django_capture_on_commit_callbacks(execute=True):
        assert svc.rfq_remind_due() == 1
    # deadlines are in-app only by default; the supplier asked for e-mails too
    assert [m.to for m in mailoutbox] == [[member.email]]
    assert stranger.notifications.filter(kind=Kind.DEADLINE).exists()


def test_nothing_is_sent_when_the_change_is_rolled_back(
    stranger, member, mailoutbox, django_capture_on_commit_callbacks
):
    rfq = rfq_for(stranger, max_responses=1)
    RfqResponseFactory(rfq=rfq)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(DomainError):
        svc.response_submit(rfq=rfq, supplier=member.org, by=member, data={"price": "1"})
    assert mailoutbox == [] and not Notification.objects.exists()


def test_deadline_notice_once_24_hours_before_to_both_sides(stranger, member):
    rfq = rfq_for(stranger)
    invited = supplier_user("Changsha Example Cranes")
    rfq.invited.add(invited.org)
    RfqResponseFactory(rfq=rfq, supplier=member.org)
    withdrawn = supplier_user("Hefei Example Screens")
    RfqResponseFactory(rfq=rfq, supplier=withdrawn.org, status="withdrawn")
    far = rfq_for(stranger)  # three days away: not yet
    gone = _move_deadline(rfq_for(stranger), hours=-1)  # passed: closed, not reminded
    _move_deadline(rfq, hours=23)
    assert svc.rfq_remind_due() == 1
    for user in (member, invited, stranger):
        notice = user.notifications.get(kind=Kind.DEADLINE)
        assert "soon" in notice.title and "Europe/Madrid" in notice.body
    assert not withdrawn.notifications.exists()
    assert svc.rfq_remind_due() == 0
    far.refresh_from_db()
    gone.refresh_from_db()
    assert far.deadline_reminded_at is None and gone.deadline_reminded_at is None


def test_periodic_job_reminds_then_closes(stranger, member):
    rfq = rfq_for(stranger)
    RfqResponseFactory(rfq=rfq, supplier=member.org)
    _move_deadline(rfq, hours=2)
    assert close_due_requests_for_responses.delay().get() == 0
    assert member.notifications.filter(title__contains="close soon").count() == 1
    _move_deadline(rfq, minutes=-1)
    assert close_due_requests_for_responses.delay().get() == 1
    assert member.notifications.filter(title__contains="are closed").count() == 1
    assert stranger.notifications.get(title__contains="are closed").kind == Kind.RESPONSE


def test_late_response_is_still_a_clear_error(stranger, member):
    rfq = _move_deadline(rfq_for(stranger), minutes=-5)
    with pytest.raises(DomainError, match="late responses are not accepted") as late:
        svc.response_submit(rfq=rfq, supplier=member.org, by=member, data={"price": "1"})
    assert late.value.code == "late"
    assert not Notification.objects.exists()


def test_no_notice_tells_a_supplier_about_a_competitor(stranger, member, operator):
    """A whole round with two suppliers: everything either of them is told mentions neither
    the other's name nor its price nor its message, nor how many responded."""
    rfq = rfq_for(stranger, max_responses=5)
    rival = supplier_user("Kunming Rival Industries")
    rfq.invited.add(member.org, rival.org)
    mine = svc.response_submit(
        rfq=rfq,
        supplier=member.org,
        by=member,
        data={"price": "111111", "message": "OUR-OFFER-TEXT"},
    )
    theirs = svc.response_submit(
        rfq=rfq,
        supplier=rival.org,
        by=rival,
        data={"price": "222222", "currency": "CNY", "message": "RIVAL-OFFER-TEXT"},
    )
    svc.rfq_change_rules(rfq=rfq, by=stranger, max_responses=6, budget_visible=True)
    svc.clarification_ask(response=theirs, by=stranger, question="RIVAL-QUESTION")
    svc.response_shortlist(response=theirs, by=stranger)
    _move_deadline(rfq, hours=20)
    svc.rfq_remind_due()
    _move_deadline(rfq, minutes=-1)
    svc.rfq_close_due()
    svc.response_decline(response=mine, by=stranger, reason="Price")
    svc.response_award(response=theirs, by=stranger)
    mine_told, rival_told = _texts(member), _texts(rival)
    assert member.notifications.count() >= 4 and rival.notifications.count() >= 5
    for secret in ("Kunming", "222222", "222,222", "RIVAL-OFFER-TEXT", "RIVAL-QUESTION"):
        assert secret not in mine_told
    for secret in ("Hangzhou", "111111", "111,111", "OUR-OFFER-TEXT", "Price"):
        assert secret not in rival_told
    for told in (mine_told, rival_told):
        assert "2 responses" not in told and "awarded to" not in told
    # the requester, once allowed to see responses, does hear who answered
    assert "Kunming" in _texts(stranger) and "2 responses arrived" in _texts(stranger)
