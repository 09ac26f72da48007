"""The demo's two service centres: the Beijing service base looks after the Chinese
organisations, the Barcelona centre after all the others. The demo's Beijing and Barcelona
operators are limited to their centre; the main demo operator and the administrator see both."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from .models import Organisation, ServiceCentre

CHINESE = ("CN", "HK", "MO", "TW")
CENTRES = (
    {"slug": "beijing", "name": "Beijing service base", "city": "Beijing", "country": "CN"},
    {"slug": "barcelona", "name": "Barcelona centre", "city": "Barcelona", "country": "ES"},
)
# Demo accounts (by their password in ``demo.content.DEMO_USERS``) limited to one centre.
OPERATOR_CENTRES = {"demo-operator-bj-2025": "beijing", "demo-operator-bcn-2025": "barcelona"}


def load_centres_demo(*, organisation_slugs, users) -> dict[str, int]:
    """Create the centres (kept on a reset), put the demo's organisations under them and
    attach the centres' operators; ``users`` are the demo user entries (e-mail, password)."""
    centres = {}
    for item in CENTRES:
        centres[item["slug"]], _created = ServiceCentre.objects.get_or_create(
            slug=item["slug"], defaults=item
        )
    orgs = Organisation.objects.filter(slug__in=list(organisation_slugs))
    chinese = orgs.filter(country__in=CHINESE).update(centre=centres["beijing"])
    others = orgs.exclude(country__in=CHINESE).update(centre=centres["barcelona"])
    User = get_user_model()  # noqa: N806 - the usual name for the user class
    for user in users:
        slug = OPERATOR_CENTRES.get(user["password"])
        if slug:
            User.objects.filter(email=user["email"]).update(centre=centres[slug])
    return {"service centres": len(centres), "organisations in a centre": chinese + others}
