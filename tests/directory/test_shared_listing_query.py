"""Members of approved organisations see the same directory, with the same query: the listing's
cached total (common/counting.py) is then shared by all of them."""

from __future__ import annotations

import pytest

from digibridge.directory.models import Organisation
from digibridge.directory.selectors import organisation_search, organisations_visible_to
from tests.accounts.factories import UserFactory
from tests.directory.factories import OrganisationFactory, OrganisationMemberFactory

pytestmark = pytest.mark.django_db


def test_members_of_approved_organisations_share_one_query(member, stranger):
    anonymous_sql = str(organisation_search(user=None, q="robot").query)
    assert str(organisation_search(user=member, q="robot").query) == anonymous_sql
    assert str(organisation_search(user=stranger, q="robot").query) == anonymous_sql


def test_a_pending_organisation_is_still_seen_by_its_own_members_only(member, stranger):
    pending = OrganisationFactory(name="Pending Example Drones", status="pending")
    user = UserFactory(email="pending-member@example.org")
    OrganisationMemberFactory(user=user, organisation=pending)
    assert pending in organisations_visible_to(user)
    assert member.org in organisations_visible_to(user)
    assert pending not in organisations_visible_to(stranger)
    # Once approved, it is in everyone's directory and its members' query is the shared one.
    Organisation.objects.filter(pk=pending.pk).update(status="approved")
    fresh = type(user).objects.get(pk=user.pk)
    assert pending in organisations_visible_to(stranger)
    assert str(organisations_visible_to(fresh).query) == str(organisations_visible_to(None).query)
