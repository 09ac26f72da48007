"""The site's URLs with the orders router mounted under /api/v1/ on a test API that shares the
platform API's error handlers, so the API tests run whether or not the router is wired into
``digibridge.config.api`` yet."""

from django.urls import path
from ninja import NinjaAPI

from digibridge.config import urls as site_urls
from digibridge.config.api import api as platform_api
from digibridge.marketplace.orders_api import router

api = NinjaAPI(urls_namespace="orders-tests", docs_url=None)
api._exception_handlers = platform_api._exception_handlers
api.add_router("/", router)

urlpatterns = [path("api/v1/", api.urls), *site_urls.urlpatterns]
