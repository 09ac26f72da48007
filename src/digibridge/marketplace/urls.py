from django.urls import path

from . import views

app_name = "marketplace"
urlpatterns = [
    path("", views.opportunity_list, name="list"),
    path("new/", views.opportunity_create, name="create"),
    path("mine/", views.my_opportunities, name="mine"),
    path("showcase/", views.showcase, name="showcase"),
    path("<int:pk>/", views.opportunity_detail, name="detail"),
    path("<int:pk>/edit/", views.opportunity_edit, name="edit"),
    path("<int:pk>/<str:action>/", views.opportunity_action, name="action"),
]
