"""Pure membership rules: no database access."""

from django.utils.translation import gettext_lazy as _

from members.models import MemberStatus, Region, Tier

# Allowed changes of a member's status (DESIGN.md, Membership). Withdrawn and
# expelled are final: coming back is a new application.
STATUS_TRANSITIONS: dict[str, frozenset[str]] = {
    MemberStatus.ACTIVE: frozenset({MemberStatus.SUSPENDED, MemberStatus.WITHDRAWN, MemberStatus.EXPELLED}),
    MemberStatus.SUSPENDED: frozenset({MemberStatus.ACTIVE, MemberStatus.WITHDRAWN, MemberStatus.EXPELLED}),
    MemberStatus.WITHDRAWN: frozenset(),
    MemberStatus.EXPELLED: frozenset(),
}

# "Higher rather than lower" (001 §IV.3) needs an order of the tiers.
TIER_RANK: dict[str, int] = {
    Tier.INDIVIDUAL_MEMBER: 1,
    Tier.GROUP_MEMBER: 2,
    Tier.VICE_CHAIRMAN_UNIT: 3,
    Tier.CHAIRMAN_UNIT: 4,
}

EXPULSION_NEEDS_RESOLUTION = _("An expulsion must cite the resolution that decided it.")
REASON_REQUIRED = _("Give a reason for the change of status.")


def status_change_problem(from_status: str, to_status: str, *, reason: str, resolution_reference: str) -> str:
    """Return why a change of status is refused, or '' when it is allowed."""
    if to_status not in STATUS_TRANSITIONS.get(from_status, frozenset()):
        return str(
            _("A member cannot go from %(from)s to %(to)s.")
            % {"from": MemberStatus(from_status).label, "to": MemberStatus(to_status).label}
        )
    if not reason.strip():
        return str(REASON_REQUIRED)
    if to_status == MemberStatus.EXPELLED and not resolution_reference.strip():
        return str(EXPULSION_NEEDS_RESOLUTION)
    return ""


def highest_tier(tiers) -> str:
    """Return the highest of ``tiers`` (001 §IV.3: pay once, at the highest tier)."""
    return max(tiers, key=TIER_RANK.__getitem__)


SOUTH_ASIA = {"AF", "BD", "BT", "IN", "LK", "MV", "NP", "PK"}
SOUTHEAST_ASIA = {"BN", "ID", "KH", "LA", "MM", "MY", "PH", "SG", "TH", "TL", "VN"}
EAST_ASIA = {"CN", "HK", "JP", "KP", "KR", "MN", "MO", "TW"}


def region_of(country_code: str) -> str:
    """Return the alliance's region for an ISO country code."""
    code = (country_code or "").upper()
    if code in SOUTH_ASIA:
        return Region.SOUTH_ASIA
    if code in SOUTHEAST_ASIA:
        return Region.SOUTHEAST_ASIA
    if code in EAST_ASIA:
        return Region.EAST_ASIA
    return Region.OTHER
