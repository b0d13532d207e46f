"""The contact table of a member file (003 §三)."""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from members.models import Contact, Member, MemberStatus
from members.services.common import MembershipError

CONTACT_FIELDS = ("name", "unit", "position", "phone", "mobile", "fax", "email")


@transaction.atomic
def contact_save(*, member: Member, by, contact: Contact | None = None, **data) -> Contact:
    """Add or edit a row of the member's contact table (the audit trail records who)."""
    if member.status in (MemberStatus.WITHDRAWN, MemberStatus.EXPELLED):
        raise MembershipError(str(_("This member has left the alliance; its file is kept as it was.")))
    if contact is not None and contact.member_id != member.pk:
        raise MembershipError(str(_("This contact belongs to another member.")))
    if not (data.get("name") or "").strip():
        raise MembershipError(str(_("A contact needs a name.")))
    contact = contact or Contact(member=member)
    for field in CONTACT_FIELDS:
        setattr(contact, field, (data.get(field) or "").strip())
    contact._history_user = by
    contact.save()
    return contact
