from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecretariatConfig(AppConfig):
    name = "secretariat"
    verbose_name = _("Secretariat")

    def ready(self):
        from alliance.email_subjects import EmailSubject, email_subjects
        from members import extensions as members_extensions
        from secretariat import dashboard

        # The staff dashboard needs no extension point: this top layer imports every app's
        # sections (secretariat/dashboard.py).
        members_extensions.member_file_sections.connect(dashboard.MEMBER_FILE_PARTICIPATION)
        email_subjects.connect(EmailSubject("secretariat.document", "secretariat:document_detail"))
