import pytest

from digibridge.cooperation.demo import load_cooperation_demo
from digibridge.cooperation.models import Agreement, FollowUp, ServiceRequest
from digibridge.cooperation.selectors import agreement_attribution

pytestmark = pytest.mark.django_db


def test_cooperation_demo_without_core_demo_is_skipped():
    messages = []
    assert load_cooperation_demo(progress=messages.append) == {}
    assert "core demo first" in messages[-1]


def test_cooperation_demo_loads_once():
    from digibridge.demo.loader import load_demo

    load_demo()
    counts = load_cooperation_demo()
    assert counts["agreements"] == Agreement.objects.count() >= 6
    signed_at_forum = Agreement.objects.filter(
        kind="mou", signed_on="2025-03-04", signing_place="Barcelona"
    )
    assert signed_at_forum.count() >= 2
    assert Agreement.objects.filter(kind="contract_order", status="in_execution").exists()
    assert Agreement.objects.filter(status="negotiating").exists()
    assert FollowUp.objects.filter(done=False).exists()
    assert ServiceRequest.objects.filter(provider__isnull=False).exists()
    mou = signed_at_forum.filter(source_opportunity__isnull=False).first()
    assert [s.kind for s in agreement_attribution(agreement=mou)][0] == "match"
    assert load_cooperation_demo() == {}
    assert Agreement.objects.count() == counts["agreements"]


def test_cooperation_demo_removal_lets_the_core_demo_reset():
    from digibridge.demo.loader import load_demo

    load_demo()
    load_cooperation_demo()
    from digibridge.cooperation.demo import remove_cooperation_demo

    remove_cooperation_demo()
    assert not Agreement.objects.exists() and not FollowUp.objects.exists()
    assert not ServiceRequest.objects.exists()
    load_demo(reset=True)  # organisations and users can go now
    assert load_cooperation_demo()["agreements"] >= 6
