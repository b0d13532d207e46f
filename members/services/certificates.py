"""Membership certificates and notification letters (001 §II.4)."""

import logging
import secrets

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alliance.history import save_by
from alliance.numbering import next_number
from alliance.pdf import qr_data_uri, render_pdf
from members.models import Certificate, Member, MemberStatus
from members.selectors import member_chinese
from members.storage import private_storage

logger = logging.getLogger(__name__)

REVOKED_ON_DEPARTURE = _("The member left the alliance (%(status)s).")


def verification_url(certificate: Certificate) -> str:
    return settings.SITE_URL + reverse("members:verify", args=[certificate.code])


def certificate_issue(*, member: Member, by, on) -> Certificate:
    """Allocate a certificate (gapless number per year, random verification code).

    Call inside the admission transaction; the PDFs are rendered after it commits.
    """
    number = f"C-{on.year}-{next_number('certificate', on.year):04d}"
    certificate = Certificate(
        member=member,
        number=number,
        code=secrets.token_hex(10).upper(),
        tier=member.tier,
        issued_on=on,
        issued_by=by,
    )
    save_by(certificate, by)
    return certificate


def _context(certificate: Certificate) -> dict:
    url = verification_url(certificate)
    member = certificate.member
    chinese = member_chinese(member)
    return {
        "certificate": certificate,
        "member": member,
        "representatives": list(member.representatives.current().order_by("role")),
        "verification_url": url,
        "qr": qr_data_uri(url),
        # Bilingual: the Chinese the member reads, then English, whoever renders it.
        "chinese": chinese,
        "versions": [chinese, "en"],
    }


PDF_TEMPLATES = {"file": "members/pdf/certificate.html", "letter_file": "members/pdf/letter.html"}


def certificate_pdf(*, certificate: Certificate, field: str) -> bytes:
    """Render the certificate's (``file``) or letter's (``letter_file``) PDF without storing it:
    a download must not write, so it serves this while the task has not stored the file yet."""
    return render_pdf(PDF_TEMPLATES[field], _context(certificate))


def certificate_render(*, certificate_id: int, force: bool = False) -> Certificate:
    """Render and store the certificate and notification letter PDFs.

    Runs after the approval has committed (a PDF failure never loses the
    approval) and is harmless when run twice: a file already stored is kept unless
    ``force``. Rendering is slow, so it happens outside any transaction; the file
    is then claimed with a conditional update, and a loser's file is removed.
    """
    certificate = Certificate.objects.select_related("member").get(pk=certificate_id)
    storage = private_storage()
    context = _context(certificate)
    for field, prefix in (("file", "certificates"), ("letter_file", "letters")):
        template = PDF_TEMPLATES[field]
        if getattr(certificate, field) and not force:
            continue
        pdf = render_pdf(template, context)
        name = storage.save(f"{prefix}/{certificate.number}-{secrets.token_hex(4)}.pdf", ContentFile(pdf))
        claim = Certificate.objects.filter(pk=certificate.pk)
        if not force:
            claim = claim.filter(**{field: ""})
        with transaction.atomic():
            claimed = claim.update(**{field: name})
        if not claimed:
            storage.delete(name)
    certificate.refresh_from_db()
    return certificate


def certificates_revoke(*, member: Member, change) -> None:
    """Revoke the member's certificates when it is withdrawn or expelled (called by member_change_status)."""
    if change.to_status not in (MemberStatus.WITHDRAWN, MemberStatus.EXPELLED):
        return
    for certificate in Certificate.objects.filter(member=member, revoked_at__isnull=True):
        certificate.revoked_at = timezone.now()
        certificate.revoked_reason = str(
            REVOKED_ON_DEPARTURE % {"status": MemberStatus(change.to_status).label}
        )
        save_by(certificate, change.changed_by, update_fields=["revoked_at", "revoked_reason"])
