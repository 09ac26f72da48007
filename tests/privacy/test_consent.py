import pytest

from digibridge.common.errors import PermissionDeniedError
from digibridge.directory.models import Person
from digibridge.events.models import Registration
from digibridge.privacy import consent, services
from digibridge.privacy.models import AppendOnlyError, ConsentRecord, Purpose
from tests.directory.factories import PersonFactory
from tests.events.factories import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def test_without_records_the_platform_default_applies(member):
    assert consent.consent_allows(purpose=Purpose.LISTED, user=member)
    assert consent.consent_allows(purpose=Purpose.EMAIL, user=member)
    assert consent.users_refusing(purpose=Purpose.EMAIL, user_ids=[member.pk]) == set()


def test_latest_record_is_the_current_consent(member):
    services.consents_set(user=member, by=member, choices={Purpose.EMAIL: False})
    assert not consent.consent_allows(purpose=Purpose.EMAIL, user=member)
    assert consent.users_refusing(purpose=Purpose.EMAIL, user_ids=[member.pk]) == {member.pk}
    services.consents_set(user=member, by=member, choices={Purpose.EMAIL: True})
    assert consent.consent_allows(purpose=Purpose.EMAIL, user=member)
    history = list(ConsentRecord.objects.filter(user=member).order_by("created_at", "pk"))
    assert [r.granted for r in history] == [False, True]
    assert {r.source for r in history} == {ConsentRecord.Source.PRIVACY_PAGE}
    assert all(r.text_version == consent.TEXT_VERSION for r in history)


def test_only_changes_are_recorded(member):
    first = services.consents_set(
        user=member, by=member, choices={Purpose.LISTED: True, Purpose.EMAIL: False}
    )
    again = services.consents_set(
        user=member, by=member, choices={Purpose.LISTED: True, Purpose.EMAIL: False}
    )
    assert len(first) == 2 and again == []


def test_records_are_append_only(member):
    (record,) = services.consents_set(user=member, by=member, choices={Purpose.EMAIL: False})
    record.granted = True
    with pytest.raises(AppendOnlyError):
        record.save()
    with pytest.raises(AppendOnlyError):
        record.delete()
    with pytest.raises(AppendOnlyError):
        ConsentRecord.objects.filter(pk=record.pk).update(granted=True)
    with pytest.raises(AppendOnlyError):
        ConsentRecord.objects.filter(pk=record.pk).delete()
    record.refresh_from_db()
    assert record.granted is False


def test_nobody_else_decides_for_a_person_but_operators(member, stranger, operator):
    with pytest.raises(PermissionDeniedError):
        services.consents_set(user=member, by=stranger, choices={Purpose.EMAIL: False})
    (record,) = services.consents_set(user=member, by=operator, choices={Purpose.EMAIL: False})
    assert record.source == ConsentRecord.Source.OPERATOR
    assert record.recorded_by == operator


def test_a_person_without_account_has_consent_too(operator):
    person = PersonFactory()
    services.consents_set(person=person, by=operator, choices={Purpose.LISTED: False})
    assert not consent.consent_allows(purpose=Purpose.LISTED, person=person)
    assert list(consent.consenting(Person.objects.filter(pk=person.pk), purpose="listed")) == []


def test_a_users_records_apply_to_their_directory_entry(member):
    person = PersonFactory(user=member, organisation=member.org)
    services.consents_set(user=member, by=member, choices={Purpose.LISTED: False})
    assert not consent.consent_allows(purpose=Purpose.LISTED, person=person)
    others = PersonFactory.create_batch(2)
    listed = consent.consenting(Person.objects.all(), purpose=Purpose.LISTED)
    assert set(listed) == set(others)


def test_consenting_filters_rows_about_people_in_one_query(django_assert_num_queries, operator):
    event = EventFactory()
    regs = RegistrationFactory.create_batch(3, event=event)
    services.consents_set(person=regs[1].person, by=operator, choices={Purpose.LISTED: False})
    services.consents_set(person=regs[2].person, by=operator, choices={Purpose.LISTED: False})
    services.consents_set(person=regs[2].person, by=operator, choices={Purpose.LISTED: True})
    qs = consent.consenting(
        Registration.objects.filter(event=event), purpose=Purpose.LISTED, person_path="person"
    )
    with django_assert_num_queries(1):
        assert {r.pk for r in qs} == {regs[0].pk, regs[2].pk}


def test_listed_for_shows_colleagues_and_self_whatever_their_consent(member, stranger, operator):
    colleague = PersonFactory(organisation=member.org)
    outsider = PersonFactory(organisation=stranger.org)
    for person in (colleague, outsider):
        services.consents_set(person=person, by=operator, choices={Purpose.LISTED: False})
    everyone = Person.objects.filter(pk__in=[colleague.pk, outsider.pk])
    assert set(consent.listed_for(everyone, viewer=member)) == {colleague}
    assert set(consent.listed_for(everyone, viewer=stranger)) == {outsider}
    assert set(consent.listed_for(everyone, viewer=operator)) == {colleague, outsider}
    from django.contrib.auth.models import AnonymousUser

    assert list(consent.listed_for(everyone, viewer=AnonymousUser())) == []


def test_unknown_purpose_is_refused(member):
    from digibridge.common.errors import DomainError

    with pytest.raises(DomainError):
        services.consents_set(user=member, by=member, choices={"marketing": True})


def test_records_go_with_their_subject(member):
    services.consents_set(user=member, by=member, choices={Purpose.EMAIL: False})
    person = PersonFactory()
    services.consents_set(
        person=person,
        by=member.__class__.objects.create_superuser(
            email="root@example.org", password="x-long-password-1"
        ),
        choices={Purpose.LISTED: False},
    )
    member.delete()
    person.delete()
    assert not ConsentRecord.objects.exists()
