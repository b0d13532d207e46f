from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AllianceConfig(AppConfig):
    name = "alliance"
    verbose_name = _("Alliance")

    def ready(self):
        from django.core import checks
        from django.urls import register_converter

        from alliance import accounts
        from alliance.exports import FormatConverter

        checks.register(accounts.check_settings)

        # Every list's export route ends in ".<export:fmt>" (csv or xlsx); registered once here.
        register_converter(FormatConverter, "export")
