"""A member's photo or logo, set by the secretariat (membership file)."""

from django.db import transaction

from alliance.history import save_by
from alliance.roles import Role, has_role
from members import conf
from members.errors import NOT_SECRETARIAT, MembershipError
from members.models import Member
from members.uploads import check_upload


@transaction.atomic
def member_logo_set(*, member: Member, by, upload) -> Member:
    """Store a member's photo or logo: JPEG or PNG recognised by content, within the upload limit.

    The previous file is kept in storage (no code path deletes data silently); the
    history row records who changed it and when.
    """
    if not has_role(by, Role.SECRETARIAT):
        raise MembershipError(str(NOT_SECRETARIAT))
    problem, _content_type, extension = check_upload(upload, accepted=conf.ACCEPTED_IMAGES)
    if problem:
        raise MembershipError(problem)
    member = Member.objects.select_for_update().get(pk=member.pk)
    member.logo.save(f"{member.number or member.pk}{extension}", upload, save=False)
    save_by(member, by, update_fields=["logo"])
    return member
