"""The secretariat's domain exception and its user-facing messages (tests import them)."""

from django.utils.translation import gettext_lazy as _

from alliance.errors import DomainError


class SecretariatError(DomainError):
    """A change the secretariat's rules refuse; the message is for the user."""


NOT_APPROVED = _("Only an approved document can be issued.")
ALREADY_NUMBERED = _("This document already has a number; a document is numbered only once.")
OWN_DRAFT = _("Nobody may review or approve their own draft.")
NOT_HEAD = _(
    "Only the head of the document's department (or the Secretary-General or a deputy) may review it."
)
NOT_APPROVER = _("Only the Secretary-General or a Deputy Secretary-General may approve a document.")
NOT_EDITABLE = _("Only a draft can be edited; an issued document is revised by a new document.")
NOT_ISSUED_FOR_CIRCULATION = _("Only an issued document can be circulated.")
INTERNAL_TO_MEMBERS = _("An internal document cannot be circulated to members.")
NO_RECIPIENTS = _("Choose at least one recipient with an account.")
NOT_A_RECIPIENT = _("This document was not circulated to you.")
REVISE_ONLY_ISSUED = _("Only an issued document can be revised.")
ACTIVITY_DATES = _("An activity needs a start date and an end date on or after it.")
MAJOR_NEEDS_COUNCIL = _("A major activity is approved by the council: give the council's decision.")
ATTENDANCE_NOT_HELD = _("Attendance is recorded for an activity being held or already held.")
REPRESENTATIVE_OF_OTHER_MEMBER = _("That representative does not represent this member.")
SUMMARY_REQUIRED = _("Write the summary report before archiving.")
OTHER_OFFICE = _("You may submit briefings only for your own liaison office.")
BRIEFING_EXISTS = _("This office has already submitted its briefing for that period.")
BRIEFING_FUTURE = _("A briefing cannot be submitted for a period that has not started.")
FLAG_DECIDED = _("This flag has already been decided.")
DECISION_REASON = _("Give a reason for the decision.")
RETURN_COMMENT = _("Say what must change when returning a document.")
APPROVAL_BODY = _("Say which body approved the activity.")
COUNTRY_REQUIRED = _("Choose the country whose active members receive the document.")
NO_SUCH_MEMBER = _("No member has that number.")
NO_CURRENT_REPRESENTATIVE = _("This member has no current representative.")


def unknown_member_numbers(numbers) -> str:
    return str(_("Unknown member numbers: %(numbers)s") % {"numbers": ", ".join(sorted(numbers))})


ILLEGAL_MOVE = _("Cannot move from “%(from)s” to “%(to)s”.")


def illegal_move(label_from, label_to) -> str:
    return str(ILLEGAL_MOVE % {"from": label_from, "to": label_to})


ACTIVITY_BUDGET = _("The budget must be an amount of zero or more.")
ACTIVITY_LOCKED = _("An activity that was held, reported, archived or cancelled cannot be re-planned.")
NOT_STARTED = _("An activity cannot be marked held before it starts.")
BRIEFING_WORK = _("Say what work the office did during the period.")
