"""Writes of the secretariat: each service is one transaction and records who and when."""

from secretariat.errors import SecretariatError
from secretariat.services.activities import (
    activity_approve,
    activity_archive,
    activity_create,
    activity_move,
    activity_record_attendance,
    activity_report,
    activity_update,
)
from secretariat.services.briefings import briefing_submit
from secretariat.services.documents import (
    attachment_add,
    document_approve,
    document_archive,
    document_circulate,
    document_create,
    document_issue,
    document_mark_read,
    document_return,
    document_review,
    document_revise,
    document_submit,
    document_update,
)
from secretariat.services.participation import flag_confirm, flag_dismiss, participation_recompute

__all__ = [
    "SecretariatError",
    "activity_approve",
    "activity_archive",
    "activity_create",
    "activity_move",
    "activity_record_attendance",
    "activity_report",
    "activity_update",
    "attachment_add",
    "briefing_submit",
    "document_approve",
    "document_archive",
    "document_circulate",
    "document_create",
    "document_issue",
    "document_mark_read",
    "document_return",
    "document_review",
    "document_revise",
    "document_submit",
    "document_update",
    "flag_confirm",
    "flag_dismiss",
    "participation_recompute",
]
