from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("Governance meetings")

    def ready(self):
        from django.db.models.signals import post_save

        from alliance.email_subjects import EmailSubject, email_subjects
        from meetings import emails, extensions, positions, sections  # noqa: F401 (emails: the .ics builder)
        from meetings.selectors import expulsion_resolutions
        from meetings.services import holdings_end_for_representative
        from meetings.services.meetings import invitations_follow_member_name
        from members import extensions as members_extensions
        from members.models import Member

        # The sign-in sheet orders by the invitations' copy of their unit's name.
        post_save.connect(
            invitations_follow_member_name, sender=Member, dispatch_uid="invitation_member_name"
        )

        # A departing representative's positions end with them (003 第六–八条).
        members_extensions.representative_left.connect(holdings_end_for_representative)
        # An expulsion cites the passed resolution that decided it.
        members_extensions.expulsion_resolutions.connect(expulsion_resolutions)
        # The directory filters by alliance position, recorded here.
        members_extensions.position_choices.connect(positions.position_choices)
        members_extensions.members_holding_position.connect(positions.filter_by_position)
        members_extensions.member_file_sections.connect(sections.MEMBER_FILE_MEETINGS)
        members_extensions.member_file_sections.connect(sections.MEMBER_FILE_POSITIONS)
        email_subjects.connect(EmailSubject("meetings.meeting", "meetings:meeting_detail"))
