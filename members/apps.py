from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = _("Membership")

    def ready(self):
        from members import dashboard, hooks
        from members.services.certificates import certificates_revoke

        # A withdrawn or expelled member's certificate shows as revoked (/verify/<code>/).
        hooks.register(hooks.status_change_hooks, certificates_revoke)
        dashboard.register()
        # The outbox page links each email to what it is about.
        from alliance import registry

        registry.email_subject_views["members.member"] = "members:member_detail"
        registry.email_subject_readers["members.member"] = ("Treasurer",)
        registry.email_subject_views["members.application"] = "members:application_detail"
