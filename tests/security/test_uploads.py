"""Uploads: checked for type and size, and never served as a page of the site."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from digibridge.common.errors import DomainError
from digibridge.cooperation.services import validate_document
from digibridge.marketplace import orders_services
from digibridge.outreach import services as outreach
from tests.cooperation.factories import AgreementFactory
from tests.directory.factories import OrganisationFactory
from tests.marketplace.order_factories import rfq_for

HTML = b"<!doctype html><script>alert(document.cookie)</script>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>'
PDF = b"%PDF-1.7\n%%EOF\n"

DISGUISES = [
    ("page.html", HTML, "text/html"),
    ("logo.svg", SVG, "image/svg+xml"),
    ("report.pdf", HTML, "application/pdf"),  # HTML with a PDF name and type
    ("photo.png", SVG, "image/png"),  # SVG with a PNG name and type
    ("contract.docx", HTML, "application/octet-stream"),
]


@pytest.fixture(autouse=True)
def _files(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.DIGIBRIDGE_PRIVATE_ROOT = tmp_path / "private"


@pytest.mark.parametrize(("name", "content", "declared"), DISGUISES)
def test_documents_in_disguise_are_refused(name, content, declared):
    with pytest.raises(DomainError):
        validate_document(SimpleUploadedFile(name, content, content_type=declared))


def test_document_size_is_limited():
    from digibridge.cooperation.services import MAX_DOCUMENT_BYTES

    big = SimpleUploadedFile("big.pdf", PDF + b"0" * MAX_DOCUMENT_BYTES, "application/pdf")
    with translation.override("en"), pytest.raises(DomainError, match="too large"):
        validate_document(big)


@pytest.mark.django_db
def test_agreement_page_refuses_disguised_html_and_serves_documents_as_attachments(client, member):
    agreement = AgreementFactory(parties=[member.org, OrganisationFactory()])
    client.force_login(member)
    url = reverse("cooperation:document_upload", args=[agreement.pk])
    for name, content, declared in DISGUISES:
        client.post(url, {"file": SimpleUploadedFile(name, content, content_type=declared)})
    assert not agreement.documents.exists()
    client.post(url, {"file": SimpleUploadedFile("signed.pdf", PDF, "application/pdf")})
    document = agreement.documents.get()
    response = client.get(reverse("cooperation:document", args=[agreement.pk, document.pk]))
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    response.close()


@pytest.mark.django_db
def test_order_response_documents_refuse_disguises_and_download_as_attachments(
    client, member, stranger
):
    rfq = rfq_for(stranger)
    for name, content, declared in DISGUISES:
        with pytest.raises(DomainError):
            orders_services.response_submit(
                rfq=rfq,
                supplier=member.org,
                by=member,
                data={"price": "100"},
                documents=[SimpleUploadedFile(name, content, content_type=declared)],
            )
    response = orders_services.response_submit(
        rfq=rfq,
        supplier=member.org,
        by=member,
        data={"price": "100"},
        documents=[SimpleUploadedFile("quote.pdf", PDF, "application/pdf")],
    )
    document = response.documents.get()
    client.force_login(member)
    download = client.get(
        reverse("marketplace:response_file", args=[response.pk, "document", document.pk])
    )
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")
    assert download["X-Content-Type-Options"] == "nosniff"
    assert not download["Content-Type"].startswith(("text/html", "image/svg"))
    download.close()


@pytest.mark.django_db
def test_conversation_attachments_refuse_html_and_svg_and_download_as_octet_stream(
    client, member, stranger
):
    conversation = outreach.conversation_open(
        organisation=member.org, counterpart=stranger.org, by=member, subject="Files"
    )
    for name in ("page.html", "logo.svg", "page.htm", "run.js"):
        with pytest.raises(DomainError):
            outreach.message_post(
                conversation=conversation,
                by=member,
                body="x",
                attachment=SimpleUploadedFile(name, HTML),
            )
    # An allowed name with HTML inside is stored, but only ever leaves as an opaque download.
    message = outreach.message_post(
        conversation=conversation,
        by=member,
        body="x",
        attachment=SimpleUploadedFile("notes.txt", HTML, content_type="text/html"),
    )
    client.force_login(stranger)
    download = client.get(reverse("outreach:attachment", args=[conversation.pk, message.pk]))
    assert download.status_code == 200, download.content[:300]
    assert download["Content-Type"] == "application/octet-stream"
    assert download["Content-Disposition"].startswith("attachment")
    assert download["X-Content-Type-Options"] == "nosniff"
    download.close()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name", ["logos/evil.html", "logos/evil.svg", "logos/evil.htm", "logos/x.xml"]
)
def test_media_url_serves_markup_only_as_a_download(client, settings, name):
    path = settings.MEDIA_ROOT / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(SVG if name.endswith(".svg") else HTML)
    response = client.get(f"/media/{name}")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    response.close()


@pytest.mark.django_db
def test_media_url_shows_raster_images_inline(client, settings):
    path = settings.MEDIA_ROOT / "logos" / "logo.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 20)
    response = client.get("/media/logos/logo.png")
    assert response["Content-Type"] == "image/png"
    assert not response.get("Content-Disposition", "").startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    response.close()
    assert client.get("/media/%2e%2e/settings.py").status_code in (400, 404)


@pytest.mark.django_db
def test_media_url_never_serves_documents_that_have_permission_checked_views(
    client, member, settings
):
    agreement = AgreementFactory(parties=[member.org, OrganisationFactory()])
    client.force_login(member)
    client.post(
        reverse("cooperation:document_upload", args=[agreement.pk]),
        {"file": SimpleUploadedFile("signed.pdf", PDF, "application/pdf")},
    )
    document = agreement.documents.get()
    assert (settings.MEDIA_ROOT / document.file.name).exists()
    assert client.get(f"/media/{document.file.name}").status_code == 404
    assert client.get("/media/logos/../" + document.file.name).status_code in (400, 404)


@pytest.mark.django_db
def test_request_bodies_above_the_outer_limit_are_refused_before_any_view(client, member, settings):
    settings.DIGIBRIDGE_MAX_REQUEST_BYTES = 1024 * 1024
    agreement = AgreementFactory(parties=[member.org, OrganisationFactory()])
    client.force_login(member)
    big = SimpleUploadedFile("big.pdf", PDF + b"0" * (2 * 1024 * 1024), "application/pdf")
    page = client.post(reverse("cooperation:document_upload", args=[agreement.pk]), {"file": big})
    assert page.status_code == 413
    assert "at most 1 MB" in page.content.decode()
    assert not agreement.documents.exists()
    api = client.post(
        "/api/v1/organisations",
        b"{" + b" " * (2 * 1024 * 1024) + b"}",
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="es",
    )
    assert api.status_code == 413
    assert "MB" in api.json()["detail"]
    small = SimpleUploadedFile("signed.pdf", PDF, "application/pdf")
    client.post(reverse("cooperation:document_upload", args=[agreement.pk]), {"file": small})
    assert agreement.documents.count() == 1
