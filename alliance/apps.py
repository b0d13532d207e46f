import axes.apps
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def person_name(user) -> str:
    """Return how a person is shown: their full name, or their username when they have none."""
    return user.get_full_name() or user.get_username()


class AllianceConfig(AppConfig):
    # The module also holds AxesConfig: this one is the app's own.
    default = True
    name = "alliance"
    verbose_name = _("Alliance")

    def ready(self):
        from django.contrib.auth import get_user_model
        from django.contrib.auth.signals import user_logged_in
        from django.core import checks
        from django.urls import register_converter

        from alliance import conf, extensions
        from alliance.exports import FormatConverter
        from alliance.languages import remember_at_login

        user_logged_in.connect(remember_at_login, dispatch_uid="alliance.languages.remember_at_login")

        # Every ALLIANCE_* setting usable, and none mistyped (alliance/conf.py).
        checks.register(conf.check_settings)
        # Every required extension point connected (alliance/extensions.py).
        checks.register(extensions.check_extension_points)

        # Every list's export route ends in ".<export:fmt>" (csv or xlsx); registered once here.
        register_converter(FormatConverter, "export")

        # Templates, form choices, messages and PDFs all show a person through str(user); Django's
        # default is the username ("treasurer", "dhead"), where a person's name belongs.
        get_user_model().__str__ = person_name

        from alliance.choices import use_choice_dictionaries

        # Choice labels from a dictionary built once per field, not one per call (issue 15).
        use_choice_dictionaries()


class AxesConfig(axes.apps.AppConfig):
    """django-axes under a name the admin can show in every language (it has none of its own)."""

    default = False
    verbose_name = _("Login attempts")
