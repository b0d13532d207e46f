"""The one domain error: a change the alliance's rules refuse, with a message for the user.

Each app subclasses it (MembershipError, MeetingError, DuesError, SecretariatError) and keeps its
user-facing messages as constants in `<app>/errors.py`, which tests import instead of matching text.
"""


class DomainError(Exception):
    """A change the rules refuse; ``str(error)`` is the message shown to the user."""

    @property
    def message(self) -> str:
        return str(self.args[0]) if self.args else ""
