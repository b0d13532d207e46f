from django.utils.translation import gettext_lazy as _

from alliance.errors import DomainError


class MeetingError(DomainError):
    """A change the meeting rules refuse; the message is for the user."""


# Messages the tests import (one constant per refusal of the bad-input list).
ALREADY_VOTED = _("This member unit has already voted on this motion.")
NOT_PRESENT = _(
    "This member unit is not in the electorate: it was not present and entitled when voting opened."
)
NO_VOTING_RIGHTS = _("This member's voting rights are suspended or ended.")
NO_QUORUM = _("The quorum is not met: the motion cannot be put to the vote.")
NOTICE_IN_PAST = _("The meeting's time has passed: a notice cannot be issued for it.")
MINUTES_LOCKED = _("Approved minutes cannot be edited; make a correction (a new version) instead.")
VOTING_NOT_OPEN = _("Voting is not open on this motion.")
LATE_NOTICE_NEEDS_REASON = _(
    "The notice is %(days)d day(s) later than the body's minimum notice period of %(min)d days. "
    "Give a reason to issue it anyway."
)

# The meeting room (online and hybrid meetings).
NOT_REPRESENTATIVE = _(
    "You are not this member unit's representative or its mandated delegate for this meeting."
)
NOT_CHECKED_IN = _("This member unit is not checked in.")
CHECK_IN_CLOSED = _("Check-in is closed: the secretariat opens it at the start of the meeting.")
ALREADY_CHECKED_IN = _("This member unit is already signed in.")
MANDATE_TAKEN = _("This member unit's mandate is already held by %(name)s; revoke it first.")
NO_CURRENT_ITEM = _("No agenda item is under discussion.")
ALREADY_ASKED = _("This member unit is already on the list of speakers for this item.")
