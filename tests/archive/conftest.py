"""Archive tests: uploaded files in temporary directories, a snapshot of every exported table,
a rich data set across every app, and a second, empty database to restore into."""

import copy
import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import connections
from django.db.utils import load_backend
from django.utils import timezone

from digibridge.archive import selectors

# Bytes of each uploaded file the rich data set writes, by (model label, field name).
FILES = {
    ("directory.organisation", "logo"): b"\x89PNG\r\n\x1a\n fake logo",
    ("cooperation.agreementdocument", "file"): b"%PDF-1.4 signed memorandum",
    ("marketplace.rfqdocument", "file"): b"%PDF-1.4 quote",
    ("marketplace.rfqanswer", "file"): b"%PDF-1.4 certificate",
    ("outreach.message", "attachment"): "私密附件 — private attachment".encode(),
}


@pytest.fixture(autouse=True)
def archive_storage(settings, tmp_path, monkeypatch):
    """Public media and private files under the test's own directory, for the current models
    (fields with their own storage get it again from its callable) and historical ones."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.DIGIBRIDGE_PRIVATE_ROOT = tmp_path / "private"
    for model in selectors.exported_models():
        for field in selectors.file_fields(model):
            if getattr(field, "_storage_callable", None) is not None:
                monkeypatch.setattr(field, "storage", field._storage_callable())
    return tmp_path


def exported_rows(using: str = "default") -> dict[str, list[tuple]]:
    """Every exported table's rows, every concrete column, ordered by id. References to rows an
    archive does not carry (permissions, content types) are given by natural key, since two
    databases number those differently."""
    exported = selectors.exported_labels()
    snapshot = {}
    for model in selectors.exported_models():
        fields = list(model._meta.concrete_fields)
        foreign = {}
        for field in fields:
            related = field.related_model
            if related is not None and related._meta.label_lower not in exported:
                foreign[field.attname] = {
                    obj.pk: obj.natural_key() for obj in related._base_manager.using(using)
                }
        rows = []
        for values in (
            model._base_manager.using(using)
            .order_by("pk")
            .values_list(*[f.attname for f in fields])
        ):
            row = []
            for field, value in zip(fields, values, strict=True):
                if isinstance(value, memoryview):
                    value = bytes(value)
                if field.attname in foreign and value is not None:
                    value = foreign[field.attname][value]
                row.append(value)
            rows.append(tuple(row))
        snapshot[model._meta.label_lower] = rows
    return snapshot


def stored_files(using: str = "default") -> dict[tuple[str, str, str], bytes]:
    """The bytes of every file a row names, read through its field's storage."""
    files = {}
    for model in selectors.exported_models():
        for field in selectors.file_fields(model):
            for name in (
                model._base_manager.using(using)
                .exclude(**{field.attname: ""})
                .values_list(field.attname, flat=True)
            ):
                with field.storage.open(name, "rb") as handle:
                    files[(model._meta.label_lower, field.name, name)] = handle.read()
    return files


def delete_everything(using: str = "default") -> None:
    """Empty every exported table (what a new instance has before its migration data)."""
    from digibridge.privacy.guards import lifted  # the audit log refuses deletes otherwise

    connection = connections[using]
    with connection.cursor() as cursor, lifted(connection):
        for model in selectors.exported_models():
            table = connection.ops.quote_name(model._meta.db_table)
            cursor.execute(f"DELETE FROM {table}")  # noqa: S608 - a model's own table name


def rich_data() -> dict:
    """At least one row in every model of every app, with uploaded files in every file field:
    accounts with groups and permissions, the directory, the marketplace with a global order
    (response, answer, document, clarification), matching (vectors, events, feedback,
    overrides, weights), an event with a held meeting and its outcome, an agreement with its
    document and follow-up, a service request, outreach (notifications, a conversation with an
    attachment, an invitation, a delegation), imports and the audit log."""
    from digibridge.accounts.models import ApiToken, AuditEntry
    from digibridge.cooperation.models import AgreementDocument
    from digibridge.directory.models import Sector
    from digibridge.events.models import MeetingOutcome, SessionSignup
    from digibridge.marketplace.models import Clarification, RfqAnswer, RfqDocument
    from digibridge.matching.models import (
        FusionWeights,
        IndexEvent,
        MatchFeedback,
        MatchOverride,
        OpportunityVector,
    )
    from digibridge.outreach.models import (
        ConversationRead,
        DelegationMember,
        Notification,
        NotificationPreference,
    )
    from digibridge.reports.models import ImportedRecord
    from tests.accounts.factories import UserFactory
    from tests.cooperation.factories import AgreementFactory, FollowUpFactory, ServiceRequestFactory
    from tests.cooperation.meetings import held_meeting
    from tests.directory.factories import (
        NetworkMembershipFactory,
        OrganisationFactory,
        OrganisationMemberFactory,
        PersonFactory,
    )
    from tests.events.factories import AgendaSessionFactory
    from tests.marketplace.factories import OpportunityFactory
    from tests.marketplace.order_factories import (
        ExchangeRateFactory,
        RfqFactory,
        RfqQuestionFactory,
        RfqResponseFactory,
        supplier_user,
    )
    from tests.outreach.factories import (
        ConversationFactory,
        DelegationFactory,
        InvitationFactory,
        MessageFactory,
    )

    admin = UserFactory(email="root@example.org", role="admin", is_superuser=True, is_staff=True)
    operator = UserFactory(email="ops@example.org", role="operator", is_staff=True)
    editors = Group.objects.create(name="Catalogue editors")
    editors.permissions.add(Permission.objects.get(codename="change_sector"))
    operator.groups.add(editors)
    operator.user_permissions.add(Permission.objects.get(codename="view_organisation"))
    ApiToken.objects.create(user=operator, name="CRM sync", key_hash="0" * 64, prefix="dgb_0000")
    AuditEntry.objects.create(actor=admin, action="test.seed", detail={"note": "初始数据"})
    LogEntry.objects.create(
        user=admin,
        content_type=ContentType.objects.get_for_model(Sector),
        object_id="1",
        object_repr="Smart energy",
        action_flag=ADDITION,
        change_message="[]",
    )

    buyer = supplier_user("Almacenes del Llobregat", country="ES")
    seller = supplier_user("Hangzhou Example Robotics", country="CN")
    buyer.org.logo.save("llobregat.png", ContentFile(FILES["directory.organisation", "logo"]))
    buyer.org.sectors.set(Sector.objects.all()[:2])
    person = PersonFactory(organisation=seller.org, first_name="慧", last_name="吴")
    OrganisationMemberFactory(user=operator, organisation=OrganisationFactory(name="Centre"))
    NetworkMembershipFactory(organisation=buyer.org)

    offer = OpportunityFactory(
        owner=seller.org,
        title="仓储机器人 — warehouse robots",
        language="zh-hans",
        target_countries=["ES", "FR"],
        budget_min=Decimal("12345.67"),
    )
    offer.sectors.set(Sector.objects.all()[:1])
    rfq = RfqFactory(opportunity__owner=buyer.org, opened_by=operator)
    rfq.invited.add(seller.org)
    question = RfqQuestionFactory(rfq=rfq)
    response = RfqResponseFactory(rfq=rfq, supplier=seller.org, offer=offer, submitted_by=seller)
    answer = RfqAnswer.objects.create(response=response, question=question, text="Yes")
    answer.file.save("cert.pdf", ContentFile(FILES["marketplace.rfqanswer", "file"]))
    document = RfqDocument(response=response, original_name="quote.pdf", size=14)
    document.file.save("quote.pdf", ContentFile(FILES["marketplace.rfqdocument", "file"]))
    Clarification.objects.create(response=response, question="Delivery?", asked_by=buyer)
    ExchangeRateFactory(set_by=operator)

    request = rfq.opportunity
    OpportunityVector.objects.create(
        opportunity=offer, vector=bytes(range(256)) * 8, text_hash="ab" * 20, language="zh-hans"
    )
    IndexEvent.objects.create(opportunity_id=offer.pk, action=IndexEvent.Action.UPSERT)
    MatchFeedback.objects.create(
        user=buyer, source=request, target=offer, verdict="interested", features={"dense": 0.8}
    )
    MatchOverride.objects.create(source=request, target=offer, action="pin", by=operator)
    FusionWeights.objects.create(weights={"dense": 0.6, "bm25": 0.4}, examples=12)

    meeting = held_meeting(buyer.org, seller.org, opportunity=offer)
    registration = meeting.seats.first().registration
    session = AgendaSessionFactory(event=meeting.block.event)
    session.speakers.add(person)
    session.organisations.add(seller.org)
    meeting.block.event.co_hosts.add(buyer.org)
    SessionSignup.objects.create(session=session, registration=registration)
    MeetingOutcome.objects.create(
        meeting=meeting, registration=registration, attendance="attended", notes="Good fit"
    )

    agreement = AgreementFactory(
        parties=[buyer.org, seller.org],
        value=Decimal("250000.00"),
        signed_on=dt.date(2025, 3, 4),
        source_meeting=meeting,
        created_by=operator,
    )
    agreement.opportunities.add(offer)
    signed = AgreementDocument(agreement=agreement, original_name="mou.pdf", size=26)
    signed.file.save("mou.pdf", ContentFile(FILES["cooperation.agreementdocument", "file"]))
    FollowUpFactory(agreement=agreement, owner=operator, due_on=dt.date(2025, 4, 1))
    ServiceRequestFactory(organisation=buyer.org, operator=operator)

    Notification.objects.create(user=buyer, kind="match", title="New match", body="…")
    NotificationPreference.objects.create(user=buyer, kind="match", email=False)
    conversation = ConversationFactory(side_a=buyer.org, side_b=seller.org, created_by=buyer)
    message = MessageFactory(conversation=conversation, sender=buyer)
    message.attachment.save("specs.txt", ContentFile(FILES["outreach.message", "attachment"]))
    ConversationRead.objects.create(
        conversation=conversation, user=seller, last_read_at=timezone.now()
    )
    InvitationFactory(event=meeting.block.event, invited_by=operator, token="tok-1")
    delegation = DelegationFactory(event=meeting.block.event, leader=person)
    DelegationMember.objects.create(delegation=delegation, person=person)
    ImportedRecord.objects.create(kind="organisations", external_id="X-1", object_id=1)
    # A timestamp with microseconds: an archive must not round them.
    Notification.objects.update(created_at=timezone.now().replace(microsecond=123456))
    return {"admin": admin, "operator": operator, "conversation": conversation}


# Models the rich data set fills (others, added later by other apps, are compared all the same).
FILLED = {
    "accounts.user",
    "accounts.user_groups",
    "accounts.user_user_permissions",
    "auth.group",
    "auth.group_permissions",
    "admin.logentry",
    "accounts.apitoken",
    "accounts.auditentry",
    "directory.organisation",
    "directory.organisation_sectors",
    "directory.person",
    "directory.networkmembership",
    "marketplace.opportunity",
    "marketplace.rfq",
    "marketplace.rfq_invited",
    "marketplace.rfqresponse",
    "marketplace.rfqanswer",
    "marketplace.rfqdocument",
    "marketplace.clarification",
    "marketplace.exchangerate",
    "matching.opportunityvector",
    "matching.indexevent",
    "matching.matchfeedback",
    "matching.matchoverride",
    "matching.fusionweights",
    "events.meeting",
    "events.meetingseat",
    "events.meetingoutcome",
    "events.agendasession_speakers",
    "events.sessionsignup",
    "cooperation.agreement",
    "cooperation.agreementparty",
    "cooperation.agreementdocument",
    "cooperation.agreement_opportunities",
    "cooperation.followup",
    "cooperation.servicerequest",
    "outreach.notification",
    "outreach.conversation",
    "outreach.message",
    "outreach.invitation",
    "outreach.delegationmember",
    "reports.importedrecord",
}


@pytest.fixture
def fresh_database(db, tmp_path):
    """The alias of a second database with no tables at all (a new SQLite file, or a new
    PostgreSQL database on the same server), dropped afterwards. The connection is registered
    without a settings entry: Django's test case lets such dynamically made connections be."""
    default = connections["default"]
    config = copy.deepcopy(default.settings_dict)
    alias = "archive_fresh"
    created = None
    if default.vendor == "sqlite":
        config["NAME"] = str(tmp_path / "fresh.sqlite3")
    elif default.vendor == "postgresql":
        import psycopg

        created = f"{default.settings_dict['NAME']}_fresh"
        config["NAME"] = created
        with _server(default.settings_dict, psycopg) as server:
            server.execute(f'DROP DATABASE IF EXISTS "{created}"')
            server.execute(f'CREATE DATABASE "{created}"')
    else:
        pytest.skip(f"no fresh database recipe for {default.vendor}")
    connection = load_backend(config["ENGINE"]).DatabaseWrapper(config, alias)
    connections[alias] = connection
    try:
        yield alias
    finally:
        connection.close()
        del connections[alias]
        if created:
            with _server(default.settings_dict, psycopg) as server:
                server.execute(f'DROP DATABASE IF EXISTS "{created}" WITH (FORCE)')


def _server(settings_dict, psycopg):
    return psycopg.connect(
        dbname="postgres",
        host=settings_dict.get("HOST") or None,
        port=settings_dict.get("PORT") or None,
        user=settings_dict.get("USER") or None,
        password=settings_dict.get("PASSWORD") or None,
        autocommit=True,
    )
