from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from alliance import accounts, views

urlpatterns = [
    # The home page and the staff dashboard, composed at the top layer.
    path("", include("secretariat.home_urls")),
    path("healthz", views.healthz, name="healthz"),
    path("private/<path:name>", views.private_file, name="private_file"),
    # Before Django's own: a reset for accounts never activated, and lifting the login lock.
    path("accounts/password_reset/", accounts.PasswordResetView.as_view(), name="password_reset"),
    path(
        "accounts/reset/<uidb64>/<token>/",
        accounts.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("accounts/profile/", views.profile, name="profile"),
    path("accounts/", include("django.contrib.auth.urls")),
    # Django's switcher (django.conf.urls.i18n) that also remembers a signed-in person's choice.
    path("i18n/setlang/", views.set_language, name="set_language"),
    path("admin/", admin.site.urls),
    path("outbox/", include("alliance.outbox_urls")),
    path("", include("members.urls")),
    path("meetings/", include("meetings.urls")),
    path("dues/", include("dues.urls")),
    path("", include("secretariat.urls")),
]

admin.site.site_header = _("Alliance administration")
admin.site.site_title = _("Alliance administration")
