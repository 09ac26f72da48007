"""Inviting from an uploaded .xlsx/.csv list: preview, row-by-row report, all or nothing."""

import datetime as dt
import io
import zipfile

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook

from digibridge.common.errors import DomainError
from digibridge.outreach import services
from digibridge.outreach.models import Invitation
from tests.directory.factories import OrganisationFactory, PersonFactory
from tests.events.factories import EventFactory
from tests.outreach.factories import InvitationFactory

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.outreach.urls")]

GOOD_CSV = (
    "\ufeffName;E-mail;Organisation;Language\n"
    "Montserrat Vidal;montse@associacio.example;Associació Catalana d'Exemple;ca\n"
    "Wei Zhang;WEI.ZHANG@example.cn;Beijing Robotics Co;zh\n"
    ";ana@example.pt;;\n"
).encode()


def xlsx(rows) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.fixture
def conference(db):
    future = timezone.now() + dt.timedelta(days=60)
    return EventFactory(
        name="Global Digital Economy Conference",
        names={"ca": "Conferència de l'Economia Digital Global"},
        start=future,
        end=future + dt.timedelta(hours=8),
    )


@pytest.fixture
def association(db):
    return OrganisationFactory(
        name="Associació Catalana d'Exemple", type="association", country="ES", languages=["ca"]
    )


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def test_csv_rows_are_read_and_checked():
    rows = services.read_invitee_file(upload("list.csv", GOOD_CSV))
    assert [r["line"] for r in rows] == [2, 3, 4]
    assert rows[0]["organisation_name"] == "Associació Catalana d'Exemple"
    assert rows[1]["email"] == "wei.zhang@example.cn" and rows[1]["language"] == "zh-hans"
    assert not any(r.get("error") for r in rows)


def test_xlsx_rows_with_errors_name_the_row():
    content = xlsx(
        [
            ["email", "name", None, "language"],  # an unnamed column is passed over
            ["laura@example.es", "Laura Puig", "", "es"],
            [None, None, None, None],  # blank rows are skipped, numbering stays the sheet's
            ["not an address", "Broken", None, "en"],
            ["pere@example.cat", "Pere", None, "fr"],
            [None, "No address", None, None],
        ]
    )
    rows = services.read_invitee_file(upload("list.xlsx", content))
    assert [(r["line"], r.get("error", "")) for r in rows] == [
        (2, ""),
        (4, "Not a valid e-mail address."),
        (5, "Unknown language fr (use en, zh-hans, es, ca)."),
        (6, "The e-mail address is missing."),
    ]


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("list.xlsx", b"name,email\nsomeone,a@example.org\n", "not a readable .xlsx"),
        ("list.xlsx", xlsx([["email"], ["a@example.org"]])[:200], "not a readable .xlsx"),
        ("list.csv", "email\nJosé@ejemplo.es\n".encode("latin-1"), "UTF-8"),
        ("list.csv", b"", "empty"),
        ("list.csv", b"email;name\n\n;\n", "no invitees"),
        ("list.csv", b"name;organisation\nAna;Acme\n", "needs an “email” column"),
        ("list.csv", b"email;phone\na@example.org;123\n", "Unknown column “phone”"),
        ("list.csv", b"email;e-mail\na@example.org;b@example.org\n", "appears twice"),
        ("list.pdf", b"%PDF-1.4", ".xlsx or a .csv"),
    ],
)
def test_broken_files_get_a_clear_error(name, content, expected):
    with pytest.raises(DomainError) as caught:
        services.read_invitee_file(upload(name, content))
    assert expected in caught.value.message
    assert caught.value.field == "file"


def test_a_zip_that_is_not_a_workbook_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("hello.txt", "not a workbook")
    with pytest.raises(DomainError) as caught:
        services.read_invitee_file(upload("list.xlsx", out.getvalue()))
    assert "not a readable .xlsx" in caught.value.message


def test_too_many_rows_are_refused(monkeypatch):
    monkeypatch.setattr(services, "INVITEE_FILE_MAX_ROWS", 2)
    content = b"email\na@example.org\nb@example.org\nc@example.org\n"
    with pytest.raises(DomainError) as caught:
        services.read_invitee_file(upload("list.csv", content))
    assert "more than 2 invitees" in caught.value.message


def test_all_or_nothing_in_the_service(operator, conference):
    rows = services.read_invitee_file(
        upload("list.csv", b"email;name\ngood@example.org;Good\nbad-address;Bad\n")
    )
    report = services.invitations_create(
        by=operator, event=conference, rows=rows, all_or_nothing=True
    )
    assert [r["status"] for r in report] == ["ready", "invalid"]
    assert Invitation.objects.count() == 0


def test_upload_preview_then_send(
    client, operator, conference, association, django_capture_on_commit_callbacks
):
    known = PersonFactory(email="wei.zhang@example.cn", first_name="Wei", last_name="Zhang")
    InvitationFactory(event=conference, email="ana@example.pt")  # invited before: skipped
    client.force_login(operator)
    url = reverse("outreach:invitation_upload")
    preview = client.post(
        url,
        {
            "event": conference.pk,
            "message": "Us esperem a Pequín.",
            "file": upload("list.csv", GOOD_CSV),
        },
    )
    assert preview.status_code == 200
    assert "Ready to invite 2 people" in preview.text
    assert "1 will be skipped: already invited." in preview.text
    assert Invitation.objects.filter(event=conference).count() == 1  # nothing written yet
    payload = preview.context["payload"]
    assert payload
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(url, {"payload": payload, "action": "send"})
    assert sent.status_code == 200
    assert "2 invitations to Global Digital Economy Conference sent." in sent.text
    catalan = Invitation.objects.get(email="montse@associacio.example")
    assert catalan.organisation == association and catalan.language == "ca"
    assert catalan.message == "Us esperem a Pequín."
    wei = Invitation.objects.get(email="wei.zhang@example.cn")
    assert wei.person == known and wei.language == "zh-hans"
    assert wei.organisation_name == "Beijing Robotics Co"
    assert sorted(m.to[0] for m in mail.outbox) == [
        "montse@associacio.example",
        "wei.zhang@example.cn",
    ]
    catalan_mail = next(m for m in mail.outbox if m.to == ["montse@associacio.example"])
    assert "Conferència de l'Economia Digital Global" in catalan_mail.subject
    # Sending the same preview again invites nobody twice.
    again = client.post(url, {"payload": payload, "action": "send"})
    assert "0 invitations" in again.text
    assert Invitation.objects.filter(event=conference).count() == 3
    tracker = client.get(reverse("outreach:invitation_tracker", args=["event", conference.pk]))
    assert "Beijing Robotics Co" in tracker.text


def test_upload_with_an_invalid_row_sends_nothing(client, operator, conference):
    client.force_login(operator)
    content = xlsx([["email", "name"], ["good@example.org", "Good"], ["broken", "Broken"]])
    page = client.post(
        reverse("outreach:invitation_upload"),
        {"event": conference.pk, "file": upload("list.xlsx", content)},
    )
    assert page.status_code == 200
    assert "1 row is not valid" in page.text
    assert "Not a valid e-mail address." in page.text
    assert page.context["payload"] == ""
    assert Invitation.objects.count() == 0


def test_upload_page_errors_and_tampering(client, operator, member, conference):
    url = reverse("outreach:invitation_upload")
    client.force_login(member)
    assert client.get(url).status_code == 404
    client.force_login(operator)
    broken = client.post(url, {"event": conference.pk, "file": upload("list.xlsx", b"garbage")})
    assert broken.status_code == 200
    assert "This is not a readable .xlsx workbook." in broken.text
    no_target = client.post(url, {"file": upload("list.csv", b"email\na@example.org\n")})
    assert "Choose one event or one network." in no_target.text
    tampered = client.post(url, {"payload": "eyJmb28iOiJiYXIifQ:forged", "action": "send"})
    assert tampered.status_code == 302
    assert Invitation.objects.count() == 0
    cancelled = client.post(url, {"payload": "x", "action": "cancel"})
    assert cancelled.status_code == 302


def test_api_upload_dry_run_send_and_refusal(client, operator, member, conference):
    url = "/api/v1/invitations/upload"
    good = b"email;name;language\nlaura@example.es;Laura Puig;es\n"
    client.force_login(member)
    refused = client.post(url, {"event": conference.pk, "file": upload("list.csv", good)})
    assert refused.status_code == 403
    client.force_login(operator)
    preview = client.post(
        url, {"event": conference.pk, "dry_run": "true", "file": upload("list.csv", good)}
    )
    assert preview.status_code == 200
    assert preview.json()["rows"][0] | {"token": None} == {
        "line": 2,
        "input": "laura@example.es · Laura Puig · es",
        "email": "laura@example.es",
        "status": "ready",
        "message": "",
        "token": None,
    }
    assert Invitation.objects.count() == 0
    sent = client.post(url, {"event": conference.pk, "file": upload("list.csv", good)})
    assert sent.status_code == 201 and sent.json()["sent"] is True
    token = sent.json()["rows"][0]["token"]
    assert Invitation.objects.get(token=token).language == "es"
    bad = b"email\nfine@example.org\nnope\n"
    invalid = client.post(url, {"event": conference.pk, "file": upload("list.csv", bad)})
    assert invalid.status_code == 422
    assert [r["status"] for r in invalid.json()["rows"]] == ["ready", "invalid"]
    assert not Invitation.objects.filter(email="fine@example.org").exists()
    broken = client.post(url, {"event": conference.pk, "file": upload("list.xlsx", b"junk")})
    assert broken.status_code == 422
    assert broken.json()["detail"][0]["loc"] == ["body", "file"]
    missing = client.post(url, {"event": conference.pk})
    assert missing.status_code == 422


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_example_lists_upload_as_they_are(client, operator, member, conference, fmt):
    url = reverse("outreach:invitation_template", args=[fmt])
    client.force_login(member)
    assert client.get(url).status_code == 404
    client.force_login(operator)
    example = client.get(url)
    assert example.status_code == 200
    assert example["Content-Disposition"] == f'attachment; filename="invitees.{fmt}"'
    rows = services.read_invitee_file(upload(f"invitees.{fmt}", example.content))
    assert [(r["email"], r["language"], r.get("error")) for r in rows] == [
        ("montse@example.cat", "ca", None),
        ("wei.zhang@example.cn", "zh-hans", None),
    ]
    assert client.get(reverse("outreach:invitation_template", args=["pdf"])).status_code == 404
