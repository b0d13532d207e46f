from members.errors import MembershipError

__all__ = ["MembershipError"]
