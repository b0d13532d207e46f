"""Changes of a member's status (DESIGN.md, Membership: member status)."""

from django.db import transaction

from members import extensions
from members.errors import MembershipError
from members.models import Member, MemberStatus, MemberStatusChange
from members.rules import status_change_problem
from members.services.certificates import certificates_revoke


@transaction.atomic
def member_change_status(
    *, member: Member, to_status: str, reason: str, by, resolution_reference: str = ""
) -> MemberStatusChange:
    """Suspend, reinstate, withdraw or expel a member, recording the change and its reason.

    An expulsion cites the passed resolution that decided it (001 §IV.7, DESIGN.md): one
    that ``meetings`` knows as passed and naming this member, not free text.
    """
    member = Member.objects.select_for_update().get(pk=member.pk)
    passed = (
        {number for number, _label in extensions.expulsion_resolutions.call_one(member.pk)}
        if to_status == MemberStatus.EXPELLED
        else set()
    )
    problem = status_change_problem(
        member.status,
        to_status,
        reason=reason,
        resolution_reference=resolution_reference,
        passed_resolutions=passed,
    )
    if problem:
        raise MembershipError(problem)
    change = member.move(
        to_status, by=by, comment=reason, details={"resolution_reference": resolution_reference.strip()}
    )
    # A withdrawn or expelled member's certificate shows as revoked (/verify/<code>/).
    certificates_revoke(member=member, change=change)
    return change
