import datetime as dt

import pytest
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from digibridge.accounts.models import AuditEntry
from digibridge.accounts.services import audit
from digibridge.privacy import guards
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_database_guard_is_installed():
    assert guards.installed(connection)


def test_an_entry_cannot_be_changed(member):
    entry = audit(actor=member, action="opportunity.update", obj=member)
    entry.action = "opportunity.nothing"
    with pytest.raises(IntegrityError), transaction.atomic():
        entry.save()
    with pytest.raises(IntegrityError), transaction.atomic():
        AuditEntry.objects.filter(pk=entry.pk).update(action="opportunity.nothing")
    with pytest.raises(IntegrityError), transaction.atomic():
        AuditEntry.objects.filter(pk=entry.pk).update(actor=None, action="x")
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE accounts_auditentry SET detail = %s WHERE id = %s", ["{}", entry.pk])
    entry.refresh_from_db()
    assert entry.action == "opportunity.update"


def test_an_entry_cannot_be_deleted(member):
    entry = audit(actor=member, action="agreement.create", obj=member)
    with pytest.raises(IntegrityError), transaction.atomic():
        entry.delete()
    with pytest.raises(IntegrityError), transaction.atomic():
        AuditEntry.objects.filter(pk=entry.pk).delete()
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM accounts_auditentry WHERE id = %s", [entry.pk])
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_deleting_a_user_keeps_their_entries_without_the_actor():
    user = UserFactory()
    entry = audit(actor=user, action="opportunity.create", obj=user, title="Robots")
    user.delete()
    entry.refresh_from_db()
    assert entry.actor is None
    assert (entry.action, entry.detail) == ("opportunity.create", {"title": "Robots"})


def test_lifted_lets_a_wholesale_replacement_through(member):
    audit(actor=member, action="agreement.create", obj=member)
    with transaction.atomic(), guards.lifted(connection), connection.cursor() as cursor:
        cursor.execute("DELETE FROM accounts_auditentry")
    assert guards.installed(connection)
    assert not AuditEntry.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_flush_empties_the_audit_log_and_keeps_the_guard():
    user = UserFactory()
    audit(actor=user, action="agreement.create", obj=user)
    call_command("flush", interactive=False, verbosity=0)
    assert not AuditEntry.objects.exists()
    assert guards.installed(connection)


def _entries(operator, member):
    audit(actor=operator, action="agreement.create", obj=member, title="MoU")
    audit(actor=member, action="opportunity.update", obj=member)
    audit(actor=member, action="opportunity.publish", obj=member)
    audit(actor=None, action="rfq.close")


def test_audit_log_is_for_operators_only(client, member):
    client.force_login(member)
    assert client.get(reverse("privacy:audit")).status_code == 404
    client.logout()
    assert client.get(reverse("privacy:audit")).status_code == 302


def test_audit_log_filters_by_actor_action_object_and_period(client, operator, member):
    _entries(operator, member)
    client.force_login(operator)
    url = reverse("privacy:audit")

    def actions(**params):
        response = client.get(url, params)
        assert response.status_code == 200
        return sorted(e.action for e in response.context["page_obj"])

    assert actions(actor="member@example") == ["opportunity.publish", "opportunity.update"]
    assert actions(action="opportunity") == ["opportunity.publish", "opportunity.update"]
    assert actions(action="agreement.create") == ["agreement.create"]
    assert actions(object_type="accounts.user", actor=str(operator.pk)) == ["agreement.create"]
    today = timezone.localdate()
    everything = AuditEntry.objects.count()  # the fixtures' memberships are audited too
    assert len(actions(date_from=today - dt.timedelta(days=1))) == everything
    assert actions(date_to=today - dt.timedelta(days=2)) == []
    assert len(actions(date_from="not a date")) == everything
    page = client.get(url).content.decode()
    assert "agreement.create" in page and "the platform" in page


def test_audit_log_pages_and_query_count_do_not_grow(
    client, operator, member, settings, django_assert_max_num_queries
):
    settings.DIGIBRIDGE_PAGE_SIZE = 5
    client.force_login(operator)
    audit(actor=member, action="opportunity.update", obj=member)
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("privacy:audit"))
    for _ in range(11):
        audit(actor=member, action="opportunity.update", obj=member)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("privacy:audit"), {"page": 3})
    assert response.context["page_obj"].number == 3
    assert len(response.context["page_obj"].object_list) == AuditEntry.objects.count() - 10
    assert client.get(reverse("privacy:audit"), {"page": "x"}).status_code == 200


def test_audit_api_is_for_operators(client, operator, member):
    _entries(operator, member)
    client.force_login(member)
    assert client.get("/api/v1/audit").status_code == 403
    client.force_login(operator)
    response = client.get("/api/v1/audit", {"action": "opportunity", "limit": 1})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2 and len(body["items"]) == 1
    assert body["items"][0]["action"].startswith("opportunity.")
    assert client.get("/api/v1/audit", {"date_from": "yesterday"}).status_code == 422


def test_permission_changes_are_audited_with_the_acting_operator(client, member, stranger):
    from django.contrib.auth.models import Group

    from digibridge.directory.models import OrganisationMember
    from tests.directory.factories import OrganisationMemberFactory

    admin = UserFactory(email="root@example.org", is_staff=True, is_superuser=True, role="admin")
    client.force_login(admin)
    response = client.post(
        reverse("admin:accounts_user_change", args=[member.pk]),
        {
            "email": member.email,
            "first_name": member.first_name,
            "last_name": member.last_name,
            "language": "en",
            "time_zone": "Europe/Madrid",
            "role": "operator",
            "is_active": "on",
            "is_staff": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    entry = AuditEntry.objects.get(action="permission.user_change")
    assert entry.actor == admin and entry.object_id == str(member.pk)
    assert entry.detail["changes"] == {
        "role": ["enterprise", "operator"],
        "is_staff": [False, True],
    }

    member.groups.add(Group.objects.create(name="editors"))
    assert AuditEntry.objects.filter(action="permission.user_groups", actor=None).exists()

    membership = OrganisationMemberFactory(user=stranger, organisation=member.org)
    membership.is_admin = True
    membership.save()
    OrganisationMember.objects.filter(pk=membership.pk).get().delete()
    actions = list(
        AuditEntry.objects.filter(
            object_type="directory.organisation", object_id=str(member.org.pk)
        )
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions[-3:] == [
        "permission.member_add",
        "permission.member_change",
        "permission.member_remove",
    ]


def test_last_login_and_profile_saves_are_not_permission_changes(client, member):
    client.force_login(member)
    member.first_name = "Changed"
    member.save()
    assert not AuditEntry.objects.filter(action="permission.user_change").exists()


def test_opportunities_expired_by_the_platform_are_audited():
    from digibridge.marketplace.services import opportunities_expire_due
    from tests.marketplace.factories import OpportunityFactory

    due = OpportunityFactory(deadline=timezone.localdate() - dt.timedelta(days=1))
    assert opportunities_expire_due() == 1
    entry = AuditEntry.objects.get(action="opportunity.expire")
    assert (entry.actor, entry.object_type, entry.object_id) == (
        None,
        "marketplace.opportunity",
        str(due.pk),
    )


def test_changes_of_a_registration_are_audited(scenario):
    from digibridge.events.services import registration_update

    registration_update(registration=scenario.mine, by=scenario.member, consent_listed=False)
    entry = AuditEntry.objects.get(action="event.registration_update")
    assert entry.actor == scenario.member
    assert entry.object_id == str(scenario.mine.pk) and entry.detail["consent_listed"] is False
