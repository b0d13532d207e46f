"""Representatives of unit members (003 第六–八条)."""

import datetime

from django.db import transaction

from alliance.history import save_by
from alliance.languages import language_initial
from members import errors, extensions
from members.errors import MembershipError
from members.models import Application, Member, MemberStatus, Representative, RepresentativeRole
from members.services.accounts import account_activation_send, member_account_for, member_role_drop_if_unused


def _end(representative: Representative, *, on: datetime.date, by) -> None:
    """End a representation; any alliance position the person held ends with them
    (003 第八条: the successor does not inherit it, it needs a new approval)."""
    if on < representative.started_on:
        raise MembershipError(str(errors.ENDED_BEFORE_START))
    representative.ended_on = on
    save_by(representative, by, update_fields=["ended_on"])
    extensions.representative_left.call(representative=representative, ended_on=on, by=by)
    member_role_drop_if_unused(representative.user)


def _create(*, member: Member, role: str, on: datetime.date, by, **person) -> Representative:
    if member.status in (MemberStatus.WITHDRAWN, MemberStatus.EXPELLED):
        raise MembershipError(str(errors.MEMBER_GONE))
    if Representative.objects.current().filter(member=member, role=role).exists():
        raise MembershipError(str(errors.ROLE_TAKEN))
    user = member_account_for(email=person["email"], name=person["name"])
    representative = Representative(member=member, role=role, user=user, started_on=on, **person)
    save_by(representative, by)
    # Written in the language the member applied in: the only one the alliance knows for it.
    language = Application.objects.filter(member=member).values_list("language", flat=True).first()
    language_initial(user=user, language=language, by=by)
    account_activation_send([user], language=language)
    return representative


@transaction.atomic
def representative_replace(
    *, representative: Representative, on: datetime.date, by, name: str, email: str, **person
) -> Representative:
    """Replace a representative: the old one ends on ``on`` and the successor starts that day
    in the same role, with a member account (an existing one is reused by email)."""
    old = Representative.objects.select_for_update().get(pk=representative.pk)
    if old.ended_on is not None:
        raise MembershipError(str(errors.ALREADY_LEFT))
    _end(old, on=on, by=by)
    return _create(member=old.member, role=old.role, on=on, by=by, name=name, email=email, **person)


@transaction.atomic
def representative_add(*, member: Member, role: str, on: datetime.date, by, name: str, email: str, **person):
    """Add a representative in a vacant role (a unit has a primary and at most one deputy)."""
    Member.objects.select_for_update().get(pk=member.pk)
    return _create(member=member, role=role, on=on, by=by, name=name, email=email, **person)


@transaction.atomic
def representative_end(*, representative: Representative, on: datetime.date, by) -> Representative:
    """End a deputy representative without a successor."""
    rep = Representative.objects.select_for_update().get(pk=representative.pk)
    if rep.ended_on is not None:
        raise MembershipError(str(errors.ALREADY_LEFT))
    if rep.role == RepresentativeRole.PRIMARY:
        raise MembershipError(str(errors.PRIMARY_NEEDS_SUCCESSOR))
    _end(rep, on=on, by=by)
    return rep
