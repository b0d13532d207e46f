"""The membership domain exception and every user-facing message of the app (tests import them).

A message with placeholders is a constant to format with ``%``, as its caller does.
"""

from django.utils.translation import gettext_lazy as _

from alliance.errors import DomainError


class MembershipError(DomainError):
    """A change the membership rules refuse; the message is for the user."""


# Members and their status.
ILLEGAL_STATUS_MOVE = _("A member cannot go from %(from)s to %(to)s.")
STATUS_REASON_REQUIRED = _("Give a reason for the change of status.")
EXPULSION_NEEDS_RESOLUTION = _(
    "An expulsion must cite the passed resolution that decided it: propose the expulsion to a meeting."
)
MEMBER_LEFT = _("This member has left the alliance; its file is kept as it was.")
CONTACT_OF_OTHER_MEMBER = _("This contact belongs to another member.")
CONTACT_NEEDS_NAME = _("A contact needs a name.")
NOT_SECRETARIAT = _("Only the secretariat may change a member's photo or logo.")

# Applications and their review.
ILLEGAL_APPLICATION_MOVE = _("An application cannot go from “%(from)s” to “%(to)s”.")
NOT_YOURS = _("Only the applicant can change this application.")
NOT_EDITABLE = _("This application can no longer be edited: only a draft or a returned application can.")
NO_LONGER_EDITABLE = _("This application can no longer be edited.")
NOT_A_REVIEWER = _("You may not review this application at this stage.")
NOT_WAITING = _("This application is not waiting for this stage of review.")
REASON_REQUIRED = _("Give the reason the applicant will read.")
DOCUMENT_MISSING_UNIT = _("A unit must upload its legal-person qualification certificate.")
DOCUMENT_MISSING_INDIVIDUAL = _("An individual must upload an identity document.")
DECLARATION_MISSING = _("Acknowledge the Kunming Declaration and the Alliance Charter before submitting.")
REPRESENTATIVE_MISSING = _("A unit names at least its primary representative.")
COMMENT_REQUIRED = _("Say why: the applicant reads this comment.")
DOCUMENTS_NOT_ACCEPTED = _(
    "A required document is not accepted yet (%(kinds)s): accept it, or record why you approve "
    "without it (the reason is kept with the decision)."
)
SECOND_DECISION = _("This stage of this submission has already been decided; a second decision is refused.")
TIER_KIND_MISMATCH = _("An individual applies as an individual member; a unit applies for a unit tier.")
UNKNOWN_DECISION = _("Unknown decision.")
CHOOSE_DOCUMENT_DECISION = _("Choose accepted, rejected or to be replaced.")
TOO_MANY_APPLICATIONS = _(
    "Too many applications were sent from your network address in a short time. "
    "Please try again later, or log in and apply from your account."
)

VERIFICATION_CODE_CHARS = _("A verification code has only letters and digits, as printed on the certificate.")

# Accounts.
ACCOUNT_EXISTS = _("An account with this email address already exists: log in to continue your application.")
PASSWORDS_DIFFER = _("The two passwords differ.")

# Representatives.
REPRESENTATIVE_NEEDS_NAME_AND_EMAIL = _("A representative needs at least a name and an email.")
ENDED_BEFORE_START = _("A representative cannot leave before the day they started.")
ROLE_TAKEN = _("This member already has a current representative in this role: replace them instead.")
PRIMARY_NEEDS_SUCCESSOR = _("The primary representative is replaced, not just ended: name the successor.")
MEMBER_GONE = _("This member has left the alliance; its representatives can no longer change.")
ALREADY_LEFT = _("This representative has already left.")
END_DATE_REQUIRED = _("Give the date the representative left.")

# Liaison offices.
OFFICE_NEEDS_COUNTRY = _("An office covers at least one country.")
COUNTRY_TAKEN = _("%(country)s is already covered by %(office)s: a country has one liaison office.")

# Uploads (other apps reuse members.uploads.check_upload, and so these messages).
FILE_TOO_LARGE = _("The file is too large (%(size).1f MB); the limit is %(max)d MB.")
NOT_AN_IMAGE = _("Only JPEG and PNG images are accepted; this file is neither (checked by content).")
NOT_A_DOCUMENT = _("Only PDF, JPEG and PNG files are accepted; this file is neither (checked by content).")
