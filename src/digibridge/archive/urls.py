from django.urls import path

from . import views

app_name = "archive"
urlpatterns = [
    path("", views.exports, name="exports"),
    path("new/", views.export_new, name="export_new"),
    path("<str:name>/download/", views.export_download, name="export_download"),
    path("<str:name>/delete/", views.export_remove, name="export_delete"),
]
