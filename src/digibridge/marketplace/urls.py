from django.urls import path

from . import orders_views, views

app_name = "marketplace"
urlpatterns = [
    path("", views.opportunity_list, name="list"),
    path("new/", views.opportunity_create, name="create"),
    path("mine/", views.my_opportunities, name="mine"),
    path("showcase/", views.showcase, name="showcase"),
    # global orders: requests opened for responses
    path("orders/", orders_views.rfq_list, name="rfqs"),
    path("orders/mine/", orders_views.my_orders, name="my_orders"),
    path("orders/book/", orders_views.order_book, name="order_book"),
    path("orders/book.xlsx", orders_views.order_book_export, name="order_book_export"),
    path("orders/rates/", orders_views.exchange_rates, name="rates"),
    path("orders/<int:pk>/", orders_views.rfq_detail, name="rfq"),
    path("orders/<int:pk>/invite/", orders_views.rfq_invite, name="rfq_invite"),
    path("orders/<int:pk>/rules/", orders_views.rfq_rules, name="rfq_rules"),
    path("orders/<int:pk>/respond/", orders_views.response_form, name="respond"),
    path("orders/<int:pk>/compare/", orders_views.rfq_compare, name="compare"),
    path("orders/responses/<int:pk>/", orders_views.response_detail, name="response"),
    path(
        "orders/responses/<int:pk>/files/<str:kind>/<int:file_pk>/",
        orders_views.response_file,
        name="response_file",
    ),
    path(
        "orders/responses/<int:pk>/<str:action>/",
        orders_views.response_action,
        name="response_action",
    ),
    path(
        "orders/clarifications/<int:pk>/answer/",
        orders_views.clarification_answer,
        name="clarification_answer",
    ),
    path("<int:pk>/open-for-responses/", orders_views.rfq_open, name="rfq_open"),
    path("<int:pk>/", views.opportunity_detail, name="detail"),
    path("<int:pk>/edit/", views.opportunity_edit, name="edit"),
    path("<int:pk>/<str:action>/", views.opportunity_action, name="action"),
]
