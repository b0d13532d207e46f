"""Writes of the members app: each service is one transaction and records who and when.

Other apps import ``member_change_status`` from here, and ``MembershipError`` from ``members.errors``.
"""

from members.services.accounts import applicant_account_create, member_account_for
from members.services.applications import (
    application_apply,
    application_approve,
    application_decide,
    application_save,
    application_start_review,
    application_submit,
    application_withdraw,
    document_review,
)
from members.services.certificates import (
    certificate_issue,
    certificate_pdf,
    certificate_render,
    certificates_revoke,
)
from members.services.contacts import contact_save
from members.services.offices import liaison_office_save
from members.services.representatives import (
    representative_add,
    representative_end,
    representative_replace,
)
from members.services.status import member_change_status

__all__ = [
    "applicant_account_create",
    "application_apply",
    "application_approve",
    "application_decide",
    "application_save",
    "application_start_review",
    "application_submit",
    "application_withdraw",
    "certificate_issue",
    "certificate_pdf",
    "certificate_render",
    "certificates_revoke",
    "contact_save",
    "document_review",
    "liaison_office_save",
    "member_account_for",
    "member_change_status",
    "representative_add",
    "representative_end",
    "representative_replace",
]
