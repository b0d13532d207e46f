from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DuesConfig(AppConfig):
    name = "dues"
    verbose_name = _("Dues")

    def ready(self):
        from alliance.email_subjects import EmailSubject, email_subjects
        from dues import sections
        from dues.selectors import members_in_arrears
        from dues.services import admission_invoice_issue
        from meetings import extensions as meetings_extensions
        from members import extensions as members_extensions

        # The year-of-joining invoice is issued inside the approval transaction (001 §IV.4).
        members_extensions.member_admitted.connect(admission_invoice_issue)
        members_extensions.member_file_sections.connect(sections.MEMBER_FILE)
        # Bodies whose members in arrears lose their vote ask dues who they are.
        meetings_extensions.members_in_arrears.connect(members_in_arrears)
        email_subjects.connect(EmailSubject("dues.invoice", "dues:invoice_detail", readers=("Treasurer",)))
