from django.urls import path

from . import views

app_name = "matching"
urlpatterns = [
    path("console/", views.console, name="console"),
    path("status/", views.matching_status, name="status"),
    path("opportunity/<int:pk>/", views.opportunity_matches, name="opportunity"),
    path("opportunity/<int:pk>/<int:target>/feedback/", views.feedback, name="feedback"),
    path("opportunity/<int:pk>/<int:target>/override/", views.override, name="override"),
    path("opportunity/<int:pk>/<int:target>/introduce/", views.introduce, name="introduce"),
    path(
        "opportunity/<int:pk>/<int:target>/propose-meeting/",
        views.propose_meeting,
        name="propose_meeting",
    ),
    path("organisation/<slug:slug>/", views.organisation_matches, name="organisation"),
]
