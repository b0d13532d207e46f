"""The contact table of a member file (003 §三)."""

from django.db import transaction

from alliance.history import save_by
from members import errors
from members.errors import MembershipError
from members.models import Contact, Member, MemberStatus

CONTACT_FIELDS = ("name", "unit", "position", "phone", "mobile", "fax", "email")


@transaction.atomic
def contact_save(*, member: Member, by, contact: Contact | None = None, **data) -> Contact:
    """Add or edit a row of the member's contact table (the audit trail records who)."""
    if member.status in (MemberStatus.WITHDRAWN, MemberStatus.EXPELLED):
        raise MembershipError(str(errors.MEMBER_LEFT))
    if contact is not None and contact.member_id != member.pk:
        raise MembershipError(str(errors.CONTACT_OF_OTHER_MEMBER))
    if not (data.get("name") or "").strip():
        raise MembershipError(str(errors.CONTACT_NEEDS_NAME))
    contact = contact or Contact(member=member)
    for field in CONTACT_FIELDS:
        setattr(contact, field, (data.get(field) or "").strip())
    save_by(contact, by)
    return contact
