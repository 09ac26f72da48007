from django.urls import path

from . import views

app_name = "directory"
urlpatterns = [
    path("", views.organisation_list, name="list"),
    path("new/", views.organisation_create, name="create"),
    path("review/", views.review_queue, name="review"),
    path("networks/", views.network_list, name="networks"),
    path("networks/<slug:slug>/", views.network_detail, name="network"),
    path("sectors/", views.sector_list, name="sectors"),
    path("o/<slug:slug>/", views.organisation_detail, name="detail"),
    path("o/<slug:slug>/edit/", views.organisation_edit, name="edit"),
    path("o/<slug:slug>/review/", views.review, name="review_decide"),
]
