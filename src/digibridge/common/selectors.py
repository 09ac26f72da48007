from __future__ import annotations

from digibridge.directory.models import Network, Organisation
from digibridge.marketplace.models import Opportunity
from digibridge.marketplace.selectors import opportunities_visible_to


def home_figures(*, user) -> dict:
    """What the home page shows: the programme in numbers and the latest listings."""
    visible = opportunities_visible_to(user).filter(status=Opportunity.Status.PUBLISHED)
    return {
        "organisation_count": Organisation.objects.filter(
            status=Organisation.Status.APPROVED
        ).count(),
        "offer_count": visible.filter(kind=Opportunity.Kind.OFFER).count(),
        "request_count": visible.filter(kind=Opportunity.Kind.REQUEST).count(),
        "network_count": Network.objects.count(),
        "latest": list(
            visible.select_related("owner")
            .prefetch_related("sectors")
            .order_by("-published_at", "-id")[:6]
        ),
    }
