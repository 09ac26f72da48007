from django.urls import path

from . import views

app_name = "privacy"
urlpatterns = [
    path("", views.my_data, name="my_data"),
    path("export.json", views.export, name="export"),
    path("erase/", views.erase, name="erase"),
    path("people/<int:pk>/erase/", views.person_erase, name="person_erase"),
    path("processing/", views.processing_record, name="processing"),
    path("processing/retention/", views.retention_run, name="retention_run"),
    path("audit/", views.audit_log, name="audit"),
]
