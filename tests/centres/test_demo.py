import pytest

from digibridge.demo import content
from digibridge.demo.loader import load_demo
from digibridge.directory.models import Organisation, ServiceCentre
from digibridge.directory.selectors import (
    operator_centre,
    operator_covers,
    organisations_visible_to,
)
from digibridge.marketplace.selectors import opportunities_visible_to


@pytest.mark.django_db
def test_demo_has_two_centres_and_operators_limited_to_them(django_user_model):
    load_demo()
    beijing = ServiceCentre.objects.get(slug="beijing")
    barcelona = ServiceCentre.objects.get(slug="barcelona")
    assert not Organisation.objects.filter(centre__isnull=True).exists()
    assert set(beijing.organisations.values_list("country", flat=True)) <= {"CN", "HK", "MO", "TW"}
    assert barcelona.organisations.filter(country="ES").exists()

    by_password = {u["password"]: u["email"] for u in content.DEMO_USERS}
    users = {p: django_user_model.objects.get(email=e) for p, e in by_password.items()}
    bj, bcn = users["demo-operator-bj-2025"], users["demo-operator-bcn-2025"]
    assert operator_centre(bj) == beijing.pk and operator_centre(bcn) == barcelona.pk
    assert operator_centre(users["demo-operator-2025"]) is None
    assert operator_centre(users["demo-admin-2025"]) is None

    # Drafts and private listings of the other centre stay hidden from a centre's operator.
    hidden = opportunities_visible_to(users["demo-operator-2025"]).exclude(
        pk__in=opportunities_visible_to(bj).values("pk")
    )
    assert hidden.exists()
    assert not hidden.filter(owner__centre=beijing).exists()
    hangyun = Organisation.objects.get(slug="hangyun-robotics")
    assert operator_covers(bj, hangyun) and not operator_covers(bcn, hangyun)
    assert organisations_visible_to(bj).count() == Organisation.objects.count()  # all approved

    # A reset keeps the centres and puts the organisations under them again.
    load_demo(reset=True)
    assert ServiceCentre.objects.count() == 2
    assert not Organisation.objects.filter(centre__isnull=True).exists()
