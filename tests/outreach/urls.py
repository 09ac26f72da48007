"""The project's URLs plus the outreach pages and API, for as long as they are not wired into
``digibridge.config`` yet (then this module adds nothing)."""

from django.urls import include, path
from ninja import NinjaAPI

from digibridge.config import urls as root
from digibridge.config.api import api
from digibridge.outreach.api import router

extra = []
if all(registration[1] is not router for registration in api._router_registrations):
    outreach_api = NinjaAPI(urls_namespace="outreach-test-api", docs_url=None)
    outreach_api._exception_handlers = dict(api._exception_handlers)
    outreach_api.add_router("/", router)
    extra.append(path("api/v1/", outreach_api.urls))
if not any(getattr(p, "namespace", None) == "outreach" for p in root.urlpatterns):
    extra.append(path("outreach/", include("digibridge.outreach.urls")))

urlpatterns = [*extra, *root.urlpatterns]
