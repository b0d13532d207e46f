class MembershipError(Exception):
    """A change the membership rules refuse; the message is for the user."""
