from django.urls import path

from . import views

app_name = "outreach"
urlpatterns = [
    path("notifications/", views.notification_list, name="notifications"),
    path("notifications/read/", views.notifications_read, name="notifications_read"),
    path("notifications/preferences/", views.preferences, name="preferences"),
    path("conversations/", views.conversation_list, name="conversations"),
    path("conversations/new/", views.conversation_new, name="conversation_new"),
    path(
        "conversations/from-match/<int:source>/<int:target>/",
        views.conversation_from_match,
        name="from_match",
    ),
    path(
        "conversations/from-request/<int:pk>/",
        views.conversation_from_request,
        name="from_request",
    ),
    path(
        "conversations/from-meeting/<int:pk>/",
        views.conversation_from_meeting,
        name="from_meeting",
    ),
    path(
        "conversations/from-response/<int:pk>/",
        views.conversation_from_response,
        name="from_response",
    ),
    path("conversations/<int:pk>/", views.conversation_detail, name="conversation"),
    path(
        "conversations/<int:pk>/attachments/<int:message_pk>/",
        views.attachment,
        name="attachment",
    ),
    path(
        "conversations/<int:pk>/<str:action>/",
        views.conversation_action,
        name="conversation_action",
    ),
    path("invitations/new/", views.invitation_new, name="invitation_new"),
    path("invitations/upload/", views.invitation_upload, name="invitation_upload"),
    path(
        "invitations/upload/invitees.<str:fmt>",
        views.invitation_template,
        name="invitation_template",
    ),
    path(
        "invitations/<str:kind>/<int:pk>/",
        views.invitation_tracker,
        name="invitation_tracker",
    ),
    path("rsvp/<str:token>/", views.rsvp, name="rsvp"),
    path("delegations/", views.delegation_list, name="delegations"),
    path("delegations/<int:pk>/", views.delegation_detail, name="delegation"),
    path("delegations/<int:pk>/book/", views.delegation_book, name="delegation_book"),
]
