"""The dues app's domain exception and its user-facing messages (tests import them)."""

from alliance.errors import DomainError


class DuesError(DomainError):
    """A change the dues rules refuse; the message is for the user."""
