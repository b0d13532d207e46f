from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecretariatConfig(AppConfig):
    name = "secretariat"
    verbose_name = _("Secretariat")

    def ready(self):
        from alliance import registry
        from secretariat import dashboard

        registry.email_subject_views["secretariat.document"] = "secretariat:document_detail"

        for section in dashboard.DASHBOARD_SECTIONS:
            registry.dashboard.register(section)
        for section in dashboard.MEMBER_FILE_SECTIONS:
            registry.member_file.register(section)
