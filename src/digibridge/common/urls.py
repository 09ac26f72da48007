from django.urls import path

from . import views

app_name = "common"
urlpatterns = [
    path("", views.home, name="home"),
    path("time-zone/", views.set_time_zone, name="set_time_zone"),
    path("healthz", views.healthz, name="healthz"),
]
