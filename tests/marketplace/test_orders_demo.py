import pytest

from digibridge.cooperation.models import Agreement
from digibridge.marketplace.demo_orders import load_orders_demo
from digibridge.marketplace.models import Rfq, RfqResponse
from digibridge.marketplace.orders_selectors import global_orders_figures

pytestmark = pytest.mark.django_db


def test_orders_demo_without_core_demo_is_skipped():
    messages = []
    assert load_orders_demo(progress=messages.append) == {}
    assert "demo organisations first" in messages[-1]


def test_orders_demo_loads_once():
    from digibridge.demo.loader import load_demo

    load_demo()
    counts = load_orders_demo()
    assert counts == {"requests": 3, "responses": 5, "awards": 1}
    assert {r.opportunity.owner.country.code for r in Rfq.objects.all()} == {"ES"}
    languages = set(RfqResponse.objects.values_list("language", flat=True))
    assert {"zh-hans", "en"} <= languages
    awarded = RfqResponse.objects.get(status="awarded")
    assert awarded.supplier.country.code == "CN"
    assert awarded.agreement.status == Agreement.Status.SIGNED
    assert awarded.agreement.source_opportunity == awarded.rfq.opportunity
    assert awarded.follow_up is not None
    figures = global_orders_figures()
    assert figures["awards"] == 1 and figures["awarded_value_eur"] > 0
    assert load_orders_demo() == {"requests": 0, "responses": 0, "awards": 0}
    assert Rfq.objects.count() == 3


def test_orders_demo_removal_frees_the_demo_organisations():
    from digibridge.cooperation.models import FollowUp
    from digibridge.demo.loader import load_demo
    from digibridge.directory.models import Organisation
    from digibridge.marketplace.demo_orders import remove_orders_demo

    load_demo()
    load_orders_demo()
    follow_up = RfqResponse.objects.get(status="awarded").follow_up_id
    remove_orders_demo()
    assert not Rfq.objects.exists() and not FollowUp.objects.filter(pk=follow_up).exists()
    Organisation.objects.filter(slug__in=["sol-de-ponent", "qingluan-energy"]).delete()
    assert load_orders_demo()["requests"] == 2  # the remaining buyers' requests come back
