"""The project's URLs plus the events pages and API, for as long as they are not wired into
``digibridge.config`` yet (then this module adds nothing)."""

from django.urls import include, path
from ninja import NinjaAPI

from digibridge.config import urls as root
from digibridge.config.api import api
from digibridge.events.api import router

extra = []
if all(registration[1] is not router for registration in api._router_registrations):
    events_api = NinjaAPI(urls_namespace="events-test-api", docs_url=None)
    events_api._exception_handlers = dict(api._exception_handlers)
    events_api.add_router("/", router)
    extra.append(path("api/v1/", events_api.urls))
if not any(getattr(p, "namespace", None) == "events" for p in root.urlpatterns):
    extra.append(path("events/", include("digibridge.events.urls")))

urlpatterns = [*extra, *root.urlpatterns]
