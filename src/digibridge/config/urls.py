from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from digibridge.common.metrics import metrics_view
from digibridge.common.security import serve_media

from .api import api

urlpatterns = [
    path("", include("digibridge.common.urls")),
    path("accounts/", include("digibridge.accounts.urls")),
    path("directory/", include("digibridge.directory.urls")),
    path("opportunities/", include("digibridge.marketplace.urls")),
    path("matching/", include("digibridge.matching.urls")),
    path("events/", include("digibridge.events.urls")),
    path("cooperation/", include("digibridge.cooperation.urls")),
    path("reports/", include("digibridge.reports.urls")),
    path("outreach/", include("digibridge.outreach.urls")),
    path("privacy/", include("digibridge.privacy.urls")),
    path("archive/", include("digibridge.archive.urls")),
    path("api/v1/", api.urls),
    path("metrics", metrics_view, name="metrics"),
    path("api/docs", RedirectView.as_view(url="/api/v1/docs", permanent=False), name="api-docs"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    # Uploaded files (logos, documents), never as pages of the site (common/security.py). Behind
    # a reverse proxy serving MEDIA_ROOT itself, give it the same headers (docs/security.md).
    path(
        f"{settings.MEDIA_URL.strip('/')}/<path:path>",
        serve_media,
        {"document_root": settings.MEDIA_ROOT},
    ),
]
