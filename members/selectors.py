"""Reads of the members app, scoped to who asks (DESIGN.md: scoping lives in querysets)."""

from django.db.models import Q, QuerySet

from alliance.roles import Role, has_role
from members.models import LiaisonOffice, Member, Representative


def liaison_countries(user) -> set[str]:
    """Return the country codes of the liaison offices the user is an officer or director of."""
    if not user.is_authenticated:
        return set()
    offices = LiaisonOffice.objects.filter(Q(officers=user) | Q(director=user)).distinct()
    return {country.code for office in offices for country in office.countries}


def represented_members(user) -> QuerySet[Member]:
    """Return the members the user acts for: as a current representative or as the individual member."""
    if not user.is_authenticated:
        return Member.objects.none()
    return Member.objects.filter(
        Q(user=user) | Q(representatives__user=user, representatives__ended_on__isnull=True)
    ).distinct()


def members_visible_to(user) -> QuerySet[Member]:
    """Return the members whose file the user may open.

    Secretariat and treasurer see every member; a liaison officer those of their
    office's countries; a member only itself.
    """
    if has_role(user, Role.SECRETARIAT, Role.TREASURER):
        return Member.objects.all()
    if has_role(user, Role.LIAISON_OFFICER):
        return Member.objects.filter(country__in=liaison_countries(user))
    if has_role(user, Role.MEMBER):
        return represented_members(user)
    return Member.objects.none()


def notification_emails(member: Member) -> list[str]:
    """Return the addresses that receive the member's mail: its current representatives
    (or, for an individual, the member's own address), without duplicates."""
    emails = list(
        Representative.objects.current()
        .filter(member=member)
        .order_by("role")
        .values_list("email", flat=True)
    )
    if not emails and member.email:
        emails = [member.email]
    return list(dict.fromkeys(e for e in emails if e))
