"""Writes of the meetings app: each service is one transaction and records who and when.

Split by subject: ``meetings`` (preparation, notice, sign-in), ``votes`` (motions,
votes, results, elections, expulsions), ``offices``, ``minutes``, ``tracking``.
"""

from meetings.services.elections import election_nominate
from meetings.services.meetings import (
    agenda_item_add,
    attendance_record,
    body_save,
    invitation_add_individual,
    invitation_answer,
    invitations_default,
    material_add,
    meeting_change_status,
    meeting_create,
    meeting_update,
    notice_issue,
    notice_send_emails,
)
from meetings.services.minutes import (
    minutes_approve,
    minutes_archive,
    minutes_circulate,
    minutes_correct,
    minutes_draft,
    minutes_edit,
    minutes_mark_read,
    minutes_return,
    minutes_send_emails,
    minutes_submit,
)
from meetings.services.motions import expulsion_propose, resolution_propose
from meetings.services.offices import (
    holdings_end_for_representative,
    office_appoint,
    office_end,
    office_resign,
)
from meetings.services.tracking import (
    action_item_add,
    action_item_report,
    progress_report_to_agenda,
)
from meetings.services.votes import (
    paper_result_record,
    resolution_withdraw,
    vote_cast,
    vote_reopen,
    voting_close,
    voting_open,
)

__all__ = [
    "action_item_add",
    "action_item_report",
    "agenda_item_add",
    "attendance_record",
    "body_save",
    "election_nominate",
    "expulsion_propose",
    "holdings_end_for_representative",
    "invitation_add_individual",
    "invitation_answer",
    "invitations_default",
    "material_add",
    "meeting_change_status",
    "meeting_create",
    "meeting_update",
    "minutes_approve",
    "minutes_archive",
    "minutes_circulate",
    "minutes_correct",
    "minutes_draft",
    "minutes_edit",
    "minutes_mark_read",
    "minutes_return",
    "minutes_send_emails",
    "minutes_submit",
    "notice_issue",
    "notice_send_emails",
    "office_appoint",
    "office_end",
    "office_resign",
    "paper_result_record",
    "progress_report_to_agenda",
    "resolution_propose",
    "resolution_withdraw",
    "vote_cast",
    "vote_reopen",
    "voting_close",
    "voting_open",
]
