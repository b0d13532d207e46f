"""The home page and the staff dashboard, at the site's root (included by alliance/urls.py by name,
without a namespace: "home" is LOGIN_REDIRECT_URL)."""

from django.urls import path

from secretariat.views import home

urlpatterns = [
    path("", home.home, name="home"),
    path("dashboard/", home.dashboard, name="dashboard"),
]
