from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("export.<str:fmt>", views.dashboard_export, name="dashboard_export"),
    path("agreements.<str:fmt>", views.agreements_export, name="agreements_export"),
    path("events/<slug:slug>/report.pdf", views.event_report, name="event_report"),
    path("import/", views.import_upload, name="import"),
    path("import/<str:kind>-template.<str:fmt>", views.import_template, name="import_template"),
    path("import/<slug:token>/", views.import_preview, name="import_preview"),
    path("import/<slug:token>/confirm/", views.import_confirm, name="import_confirm"),
    path("import/jobs/<slug:token>/", views.import_job, name="import_job"),
    path(
        "import/jobs/<slug:token>/progress/", views.import_job_progress, name="import_job_progress"
    ),
]
