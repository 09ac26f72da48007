from django.urls import path

from . import views

app_name = "cooperation"
urlpatterns = [
    path("agreements/", views.agreement_list, name="list"),
    path("agreements/new/", views.agreement_create, name="create"),
    path("agreements/<int:pk>/", views.agreement_detail, name="detail"),
    path("agreements/<int:pk>/edit/", views.agreement_edit, name="edit"),
    path(
        "agreements/<int:pk>/status/<str:status>/",
        views.agreement_transition,
        name="transition",
    ),
    path("agreements/<int:pk>/documents/", views.document_upload, name="document_upload"),
    path(
        "agreements/<int:pk>/documents/<int:document_pk>/",
        views.document_download,
        name="document",
    ),
    path(
        "agreements/<int:pk>/documents/<int:document_pk>/delete/",
        views.document_delete,
        name="document_delete",
    ),
    path("follow-ups/", views.follow_up_list, name="follow_ups"),
    path("follow-ups/new/", views.follow_up_create, name="follow_up_create"),
    path("follow-ups/<int:pk>/", views.follow_up_edit, name="follow_up_edit"),
    path("services/", views.service_catalogue, name="services"),
    path("services/requests/", views.service_request_list, name="service_requests"),
    path("services/requests/new/", views.service_request_create, name="service_request_create"),
    path("services/requests/<int:pk>/", views.service_request_detail, name="service_request"),
]
