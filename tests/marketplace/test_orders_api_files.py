"""API: invitations, and questions that ask for a file (multipart response, one answer)."""

import datetime as dt
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from digibridge.marketplace.models import Rfq, RfqAnswer, RfqQuestion, RfqResponse
from tests.directory.factories import OrganisationFactory
from tests.marketplace.order_factories import (
    PDF_BYTES,
    RfqQuestionFactory,
    RfqResponseFactory,
    pdf,
    rfq_for,
    supplier_user,
)
from tests.marketplace.test_orders_api import API, bearer, post

pytestmark = [pytest.mark.urls("tests.marketplace.orders_api_urls"), pytest.mark.django_db]


def _exe(name="tool.exe"):
    return SimpleUploadedFile(name, b"MZ\x90\x00", content_type="application/octet-stream")


# --- invitations -------------------------------------------------------------------------


def test_api_invite_same_rules_as_the_page(client, stranger, member, operator):
    rfq = rfq_for(stranger, eligibility=Rfq.Eligibility.INVITED)
    rfq.invited.add(OrganisationFactory())
    url = f"{API}/orders/{rfq.pk}/invitations"
    payload = {"organisations": [member.org.pk]}
    assert post(client, url, payload, **bearer(member)).status_code == 403
    invited = post(client, url, payload, **bearer(stranger))
    assert invited.status_code == 201, invited.content
    assert invited.json() == [{"id": member.org.pk, "name": member.org.name}]
    assert member.notifications.get().kind == "invitation"
    again = post(client, url, payload, **bearer(stranger))
    assert again.status_code == 422 and "not invited yet" in again.content.decode()
    other = supplier_user("Qingdao Example Pumps")
    assert (
        post(client, url, {"organisations": [other.org.pk]}, **bearer(operator)).status_code == 201
    )
    assert post(client, url, {"organisations": [999999]}, **bearer(stranger)).status_code == 422
    pending = OrganisationFactory(status="pending")
    assert post(client, url, {"organisations": [pending.pk]}, **bearer(stranger)).status_code == 422
    assert post(client, url, {"organisations": []}, **bearer(stranger)).status_code == 422
    assert post(client, url, payload).status_code == 401
    Rfq.objects.filter(pk=rfq.pk).update(response_deadline=timezone.now() - dt.timedelta(hours=1))
    late = post(client, url, {"organisations": [OrganisationFactory().pk]}, **bearer(stranger))
    assert late.status_code == 422
    assert {member.org.pk, other.org.pk} < set(rfq.invited.values_list("pk", flat=True))
    assert rfq.invited.count() == 3


# --- file questions ----------------------------------------------------------------------


@pytest.fixture
def file_rfq(stranger):
    rfq = rfq_for(stranger)
    certificate = RfqQuestionFactory(rfq=rfq, text="CE certificate", kind=RfqQuestion.Kind.FILE)
    plan = RfqQuestionFactory(rfq=rfq, text="Delivery plan")
    return rfq, certificate, plan


def _multipart(client, rfq, user, payload, **files):
    return client.post(
        f"{API}/orders/{rfq.pk}/responses/with-files",
        {"payload": json.dumps(payload), **files},
        **bearer(user),
    )


def test_api_full_response_with_file_answer_in_one_multipart_call(client, member, file_rfq):
    rfq, certificate, plan = file_rfq
    payload = {"supplier": member.org.pk, "price": "900", "answers": {str(plan.pk): "By sea"}}
    json_only = post(client, f"{API}/orders/{rfq.pk}/responses", payload, **bearer(member))
    assert json_only.status_code == 422 and "CE certificate" in json_only.content.decode()
    sent = _multipart(
        client,
        rfq,
        member,
        payload,
        **{f"answer_{certificate.pk}": pdf("ce.pdf"), "documents": [pdf("a.pdf"), pdf("b.pdf")]},
    )
    assert sent.status_code == 201, sent.content
    body = sent.json()
    answers = {a["question"]: a for a in body["answers"]}
    assert answers[certificate.pk]["has_file"] and answers[certificate.pk]["value"] == "ce.pdf"
    assert sorted(d["name"] for d in body["documents"]) == ["a.pdf", "b.pdf"]
    stored = RfqAnswer.objects.get(question=certificate)
    with stored.file.open("rb") as stored_file:
        assert stored_file.read() == PDF_BYTES


def test_api_multipart_refuses_wrong_files_and_bad_payload(client, member, file_rfq):
    rfq, certificate, plan = file_rfq
    payload = {"supplier": member.org.pk, "price": "900", "answers": {str(plan.pk): "x"}}
    wrong_type = _multipart(client, rfq, member, payload, **{f"answer_{certificate.pk}": _exe()})
    assert wrong_type.status_code == 422
    assert wrong_type.json()["detail"][0]["loc"] == ["body", f"answer_{certificate.pk}"]
    disguised = SimpleUploadedFile("ce.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")
    assert (
        _multipart(client, rfq, member, payload, **{f"answer_{certificate.pk}": disguised})
    ).status_code == 422
    bad_document = _multipart(
        client,
        rfq,
        member,
        payload,
        **{f"answer_{certificate.pk}": pdf(), "documents": [_exe("x.exe")]},
    )
    assert bad_document.status_code == 422
    unknown = _multipart(
        client, rfq, member, payload, **{f"answer_{plan.pk}": pdf(), "other": pdf()}
    )
    assert unknown.status_code == 422 and "asks for a file" in unknown.content.decode()
    negative = _multipart(
        client, rfq, member, {**payload, "price": "-1"}, **{f"answer_{certificate.pk}": pdf()}
    )
    assert negative.status_code == 422 and negative.json()["detail"][0]["loc"][:3] == [
        "form",
        "payload",
        "price",
    ]
    broken = client.post(
        f"{API}/orders/{rfq.pk}/responses/with-files", {"payload": "{not json"}, **bearer(member)
    )
    assert broken.status_code == 422
    missing = client.post(f"{API}/orders/{rfq.pk}/responses/with-files", {}, **bearer(member))
    assert missing.status_code == 422
    assert not RfqResponse.objects.exists() and not RfqAnswer.objects.exists()


def test_api_answer_one_file_question_then_replace_it(client, stranger, member, file_rfq):
    rfq, certificate, plan = file_rfq
    response = RfqResponseFactory(rfq=rfq, supplier=member.org, kind="interest", price=None)
    url = f"{API}/orders/responses/{response.pk}/answers/{certificate.pk}"
    first = client.post(url, {"file": pdf("v1.pdf")}, **bearer(member))
    assert first.status_code == 201, first.content
    replaced = client.post(url, {"file": pdf("v2.pdf")}, **bearer(member))
    assert [a["value"] for a in replaced.json()["answers"]] == ["v2.pdf"]
    assert RfqAnswer.objects.get().file_name == "v2.pdf"
    wrong = client.post(url, {"file": _exe()}, **bearer(member))
    assert wrong.status_code == 422 and RfqAnswer.objects.get().file_name == "v2.pdf"
    not_a_file_question = f"{API}/orders/responses/{response.pk}/answers/{plan.pk}"
    assert client.post(not_a_file_question, {"file": pdf()}, **bearer(member)).status_code == 422
    other_request = RfqQuestionFactory(kind=RfqQuestion.Kind.FILE)
    foreign = f"{API}/orders/responses/{response.pk}/answers/{other_request.pk}"
    assert client.post(foreign, {"file": pdf()}, **bearer(member)).status_code == 404
    assert client.post(url, {}, **bearer(member)).status_code == 422  # no file
    # the requester cannot answer for the supplier; a competitor does not even find it
    assert client.post(url, {"file": pdf()}, **bearer(stranger)).status_code == 403
    competitor = supplier_user("Tianjin Example Gears")
    assert client.post(url, {"file": pdf()}, **bearer(competitor)).status_code == 404
    Rfq.objects.filter(pk=rfq.pk).update(response_deadline=timezone.now() - dt.timedelta(hours=1))
    late = client.post(url, {"file": pdf("v3.pdf")}, **bearer(member))
    assert late.status_code == 422 and "late responses are not accepted" in late.content.decode()
