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

# Bodies and meetings.
BODY_NEEDS_CODE_AND_NAME = _("Give the body a code and a name.")
ILLEGAL_MEETING_MOVE = _("A meeting cannot go from %(from)s to %(to)s.")
ENDS_BEFORE_START = _("The meeting must end after it starts.")
VENUE_REQUIRED = _("Give the venue of a meeting held in person.")
LINK_REQUIRED = _("Give the link of a meeting held online.")
MEETING_STARTED = _("A meeting that has started cannot be changed.")
INVITEE_NEEDS_NAME_AND_EMAIL = _("Give the invitee's name and email.")
AGENDA_CLOSED = _("The agenda of a meeting that is over cannot change.")
AGENDA_ITEM_NEEDS_TITLE = _("Give the agenda item a title.")
MATERIAL_NEEDS_TITLE = _("Give the material a title.")
ANSWERS_CLOSED = _("Answers are taken between the notice and the meeting.")
CHOOSE_ANSWER = _("Choose attend, decline or send a delegate.")
DELEGATE_NAME_REQUIRED = _("Give the delegate's name.")
SIGN_IN_CLOSED = _("Sign-in is open once the notice is issued and until the meeting is closed.")
NOT_INVITED = _("This member is not invited to the meeting.")
CHOOSE_ATTENDANCE = _("Choose how the member attends.")
CANCEL_REASON_REQUIRED = _("Give the reason for cancelling.")
VOTES_STILL_OPEN = _("Close the votes still open before closing the meeting.")
CHECK_THE_FORM = _("Check the form.")
ITEM_OF_OTHER_MEETING = _("The agenda item belongs to another meeting.")

# Motions, votes and results.
ILLEGAL_RESOLUTION_MOVE = _("A resolution cannot go from %(from)s to %(to)s.")
MOTIONS_CLOSED = _("Motions can be added only to a meeting that is not over.")
MOTION_NEEDS_TITLE = _("Give the motion a title.")
EXPULSION_NEEDS_MEMBER = _("An expulsion motion names the member concerned.")
EXPULSION_REASON_REQUIRED = _("Give the reason for the expulsion motion.")
NO_LONGER_A_MEMBER = _("This member is no longer a member.")
NOT_IN_SESSION = _("Votes are taken while the meeting is in session.")
CHOOSE_VOTE = _("Choose for, against or abstain.")
REOPEN_REASON_REQUIRED = _("Give the reason for reopening the vote.")
REOPEN_ONLY_VOTING = _("Only a vote in progress can be reopened; a recorded result is final.")
RESULT_RECORDED = _("This motion's result is already recorded.")
NEGATIVE_COUNTS = _("Counts cannot be negative.")
VOTES_PER_UNIT = _("Votes were recorded per unit for this round; close the vote instead.")
TOO_MANY_BALLOTS = _("%(total)d ballots counted, but only %(present)d units could vote.")
WITHDRAW_REASON_REQUIRED = _("Give the reason for withdrawing the motion.")
FRACTION_RANGE = _("The fraction must be between 0 and 1.")
NO_MEMBER_NUMBERED = _("No member has the number %(number)s.")
NO_SUCH_USERNAME = _("No account has the username %(name)s.")

# Elections, contests and offices.
NOT_ELECTED_OFFICE = _("Only the Chairman and Vice Chairmen are elected; other offices are appointed.")
SEATS_REQUIRED = _("An election fills at least one seat.")
TWO_CANDIDATES = _("A contested election needs at least two candidates nominated for the office.")
CHOOSE_CANDIDATES = _("Choose among this election's candidates.")
TOO_MANY_PICKS = _("Choose at most %(seats)d candidate(s): one per seat.")
TIED = _("Candidates are tied for the last seat: reopen the vote on the tied candidacies.")
TERM_LIMIT_REACHED = _(
    "Not eligible: this person has served %(count)d consecutive terms in this office, "
    "the most allowed (only one consecutive re-election)."
)
ELECTED_NOT_APPOINTED = _("The Chairman and Vice Chairmen are elected, not appointed.")
NOT_APPOINTED_BY_CHAIRMAN = _(
    "Appointments are made by the Chairman: the appointer was not Chairman on that date."
)
ALREADY_HOLDS_OFFICE = _("This person already holds the office.")
HOLDING_ENDED = _("This holding has already ended.")
RESIGNATION_BEFORE_START = _("A resignation cannot precede the start of the holding.")
CHOOSE_END_REASON = _("Choose why the holding ends.")

# Minutes and follow-up.
ILLEGAL_MINUTES_MOVE = _("Minutes cannot go from %(from)s to %(to)s.")
MINUTES_BEFORE_MEETING = _("Minutes are drafted once the meeting has taken place.")
MINUTES_EXIST = _("This meeting already has minutes; correct them with a new version.")
MINUTES_EMPTY = _("The minutes cannot be empty.")
NOT_MINUTES_REVIEWER = _("Only the Secretary-General or a deputy reviews minutes.")
RETURN_REASON_REQUIRED = _("Say what must change.")
NOT_MINUTES_APPROVER = _("Only the Secretary-General or a deputy approves minutes.")
CORRECT_ONLY_APPROVED = _("Draft minutes are edited directly; only approved minutes need a correction.")
ALREADY_CORRECTED = _("This version has already been corrected.")
CORRECTION_REASON_REQUIRED = _("Say what the correction changes.")
ACTION_NEEDS_PASSED_RESOLUTION = _("Action items follow up resolutions that passed.")
ACTION_NEEDS_TITLE = _("Give the action item a title.")
ACTION_NEEDS_OWNER = _("Name the owner of the action item.")
PROGRESS_REQUIRED = _("Describe the progress.")
ILLEGAL_ACTION_MOVE = _("An action item cannot go from %(from)s to %(to)s.")
MEETING_ALREADY_HELD = _("Choose a meeting that has not yet taken place.")

# The meeting room.
CHECK_IN_NOT_OPEN = _("Check-in opens once the notice is issued and until the meeting is closed.")
MANDATES_CLOSED = _("Mandates are recorded before or during the meeting.")
MANDATE_HOLDER_UNKNOWN = _("another person")
MANDATE_REVOKED = _("This mandate is already revoked.")
REQUEST_NOT_WAITING = _("Only a request still waiting can be withdrawn.")
SPEAKER_NOT_WAITING = _("Only a waiting speaker can be given the floor.")
SPEAKER_HAS_NO_FLOOR = _("Only the speaker who has the floor can be marked as having spoken.")
NO_ACTIVE_USERNAME = _("No active account has the user name %(name)s.")
