from alliance.errors import DomainError


class MembershipError(DomainError):
    """A change the membership rules refuse; the message is for the user."""
