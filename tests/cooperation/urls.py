"""The project's URLs plus this app's pages and API, for tests run before the lead engineer
wires them into ``config/urls.py`` and ``config/api.py``; once wired, it adds nothing."""

from django.urls import include, path
from ninja import NinjaAPI

from digibridge.config.api import api
from digibridge.config.urls import urlpatterns as project_urlpatterns
from digibridge.cooperation.api import router as cooperation_router

urlpatterns = list(project_urlpatterns)
_mounted = {str(p.pattern) for p in urlpatterns}
if "cooperation/" not in _mounted:
    urlpatterns.append(path("cooperation/", include("digibridge.cooperation.urls")))
if "reports/" not in _mounted:
    urlpatterns.append(path("reports/", include("digibridge.reports.urls")))
if all(router is not cooperation_router for _prefix, router in api._routers):
    test_api = NinjaAPI(urls_namespace="cooperation-test-api", docs_url=None)
    test_api._exception_handlers = dict(api._exception_handlers)
    test_api.add_router("/", cooperation_router)
    urlpatterns.append(path("api/v1/", test_api.urls))
