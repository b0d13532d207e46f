from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("Governance meetings")

    def ready(self):
        from meetings import emails, positions, sections  # noqa: F401 (emails registers the .ics builder)
        from meetings.services import holdings_end_for_representative
        from members import hooks

        # A departing representative's positions end with them (003 第六–八条).
        hooks.register(hooks.representative_departure_hooks, holdings_end_for_representative)
        sections.register()
        from alliance import registry

        registry.email_subject_views["meetings.meeting"] = "meetings:meeting_detail"
        hooks.register_position_filter(choices=positions.position_choices, apply=positions.filter_by_position)
