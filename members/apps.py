from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = _("Membership")

    def ready(self):
        from alliance.email_subjects import EmailSubject, email_subjects
        from members import extensions  # noqa: F401 (declares the points the start-up check verifies)

        # The outbox page links each email to what it is about.
        email_subjects.connect(
            EmailSubject("members.member", "members:member_detail", readers=("Treasurer",))
        )
        email_subjects.connect(EmailSubject("members.application", "members:application_detail"))
