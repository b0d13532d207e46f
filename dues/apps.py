from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DuesConfig(AppConfig):
    name = "dues"
    verbose_name = _("Dues")

    def ready(self):
        from alliance import registry
        from dues import sections
        from dues.services import admission_invoice_issue
        from members import hooks

        # The year-of-joining invoice is issued inside the approval transaction (001 §IV.4).
        hooks.register(hooks.admission_hooks, admission_invoice_issue)
        registry.member_file.register(sections.MEMBER_FILE)
        registry.dashboard.register(sections.DASHBOARD)
        registry.dashboard.register(sections.MEMBER_DASHBOARD)
        registry.email_subject_views["dues.invoice"] = "dues:invoice_detail"
        registry.email_subject_readers["dues.invoice"] = ("Treasurer",)
