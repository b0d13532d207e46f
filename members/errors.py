"""The membership domain exception and every user-facing message of the app (tests import them).

A message with placeholders is a constant to format with ``%``, as its caller does.
"""

from django.utils.translation import gettext_lazy as _

from alliance.errors import DomainError


class MembershipError(DomainError):
    """A change the membership rules refuse; the message is for the user."""


# Members and their status.
ILLEGAL_STATUS_MOVE = _("A member cannot go from %(from)s to %(to)s.")

# Applications and their review.
ILLEGAL_APPLICATION_MOVE = _("An application cannot go from “%(from)s” to “%(to)s”.")
