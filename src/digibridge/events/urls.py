from django.urls import path

from . import manage_views, registration_views, views

app_name = "events"
urlpatterns = [
    path("", views.event_list, name="list"),
    path("feed/<str:token>.ics", views.feed, name="feed"),
    path("new/", manage_views.event_new, name="event_new"),
    path("<slug:slug>/", views.event_detail, name="detail"),
    path("<slug:slug>/register/", views.register, name="register"),
    path("<slug:slug>/registration/", views.my_registration, name="registration"),
    path(
        "<slug:slug>/registration/edit/",
        registration_views.registration_edit,
        name="registration_edit",
    ),
    path(
        "<slug:slug>/registration/withdraw/",
        registration_views.registration_withdraw,
        name="registration_withdraw",
    ),
    path("<slug:slug>/badge/", views.badge, name="badge"),
    path("<slug:slug>/sessions/<int:session_pk>/signup/", views.session_signup, name="signup"),
    path("<slug:slug>/participants/", views.participants, name="participants"),
    path(
        "<slug:slug>/participants/<int:registration_pk>/request/",
        views.request_create,
        name="request_create",
    ),
    path("<slug:slug>/suggestions/", views.suggestions, name="suggestions"),
    path("<slug:slug>/manage/meetings/<int:pk>/broker/", views.broker, name="broker"),
    path("<slug:slug>/inbox/", views.inbox, name="inbox"),
    path("<slug:slug>/requests/<int:pk>/book/", views.book_slot, name="book"),
    path(
        "<slug:slug>/requests/<int:pk>/<str:action>/", views.request_action, name="request_action"
    ),
    path("<slug:slug>/agenda/", views.agenda, name="agenda"),
    path("<slug:slug>/meetings/<int:meeting_pk>.ics", views.meeting_ics, name="meeting_ics"),
    path(
        "<slug:slug>/meetings/<int:meeting_pk>/cancel/", views.meeting_cancel, name="meeting_cancel"
    ),
    path("<slug:slug>/meetings/<int:meeting_pk>/outcome/", views.outcome, name="outcome"),
    path(
        "<slug:slug>/manage/registrations/", views.manage_registrations, name="manage_registrations"
    ),
    path(
        "<slug:slug>/manage/registrations/<int:pk>/<str:action>/",
        views.registration_action,
        name="registration_action",
    ),
    path("<slug:slug>/manage/check-in/", views.checkin, name="checkin"),
    path("<slug:slug>/manage/meetings/", views.blocks, name="blocks"),
    path("<slug:slug>/manage/meetings/<int:pk>/plan/", views.table_plan, name="table_plan"),
    path("<slug:slug>/manage/event/", manage_views.event_edit, name="event_edit"),
    path("<slug:slug>/manage/event/delete/", manage_views.event_delete, name="event_delete"),
    path("<slug:slug>/manage/sessions/", manage_views.sessions, name="manage_sessions"),
    path("<slug:slug>/manage/sessions/new/", manage_views.session_new, name="session_new"),
    path(
        "<slug:slug>/manage/sessions/<int:pk>/edit/",
        manage_views.session_edit,
        name="session_edit",
    ),
    path(
        "<slug:slug>/manage/sessions/<int:pk>/delete/",
        manage_views.session_delete,
        name="session_delete",
    ),
    path("<slug:slug>/manage/meetings/new/", manage_views.block_new, name="block_new"),
    path("<slug:slug>/manage/meetings/<int:pk>/edit/", manage_views.block_edit, name="block_edit"),
    path(
        "<slug:slug>/manage/meetings/<int:pk>/delete/",
        manage_views.block_delete,
        name="block_delete",
    ),
    path("<slug:slug>/manage/meetings/<int:pk>/hosts/", manage_views.table_host, name="table_host"),
    path(
        "<slug:slug>/manage/meetings/<int:pk>/<str:action>/",
        views.block_action,
        name="block_action",
    ),
    path("<slug:slug>/manage/dashboard/", views.dashboard, name="dashboard"),
    path("<slug:slug>/manage/export.xlsx", manage_views.export_xlsx, name="export_xlsx"),
    path("<slug:slug>/manage/export/<str:table>.csv", manage_views.export_csv, name="export_csv"),
]
