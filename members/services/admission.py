"""Admission of a member on final approval (001 §II.4)."""

from django.utils import timezone

from alliance.history import save_by
from alliance.languages import language_initial
from alliance.numbering import next_number
from alliance.queue import enqueue_on_commit
from members import extensions, rules
from members.emails import send_after_commit
from members.models import Application, Contact, Member, MemberKind, Representative
from members.selectors import notification_recipients
from members.services.accounts import account_activation_send, member_account_for
from members.services.certificates import certificate_issue

PERSON_FIELDS = ("name", "native_name", "position", "email", "phone", "mobile")


def admit(application: Application, *, by) -> Member:
    """Create the member, its representatives and their accounts, and its certificate.

    The member number is gapless per year; ``joined_on`` is the approval date in
    the secretariat's time zone. The ``member_admitted`` extension point (dues: the first invoice) run in
    this transaction; the PDFs are rendered after it commits. Each new account
    gets its link to choose a password (issue 9).
    """
    today = timezone.localdate()
    number = f"M-{today.year}-{next_number('member', today.year):04d}"
    individual = application.kind == MemberKind.INDIVIDUAL
    member = Member(
        number=number,
        kind=application.kind,
        tier=application.tier,
        name=application.name,
        native_name=application.native_name,
        country=application.country,
        region=rules.region_of(application.country.code),
        industry=application.industry,
        unit_type=application.unit_type,
        registration_number=application.registration_number,
        address=application.address,
        website=application.website,
        email=application.email,
        phone=application.phone,
        joined_on=today,
        user=member_account_for(email=application.applicant.email or application.email, name=application.name)
        if individual
        else None,
    )
    save_by(member, by)
    accounts = [member.user] if member.user else []
    for proposed in application.representatives.order_by("role"):
        user = member_account_for(email=proposed.email, name=proposed.name)
        accounts.append(user)
        rep = Representative(
            member=member,
            user=user,
            role=proposed.role,
            started_on=today,
            **{f: getattr(proposed, f) for f in PERSON_FIELDS},
        )
        save_by(rep, by)
    if application.contact_name:
        Contact.objects.create(
            member=member,
            name=application.contact_name,
            email=application.contact_email,
            phone=application.contact_phone,
        )
    application.member = member
    application.save(update_fields=["member", "updated_at"])
    certificate = certificate_issue(member=member, by=by, on=today)
    extensions.member_admitted.call(member=member, by=by)
    enqueue_on_commit("members.tasks.render_admission_documents", certificate.pk)
    for user in accounts:
        # Representatives write and read in their member's language until they choose another.
        language_initial(user=user, language=application.language, by=by)
    send_after_commit(
        "admission",
        notification_recipients(member),
        member=member,
        certificate=certificate,
    )
    account_activation_send(accounts, language=application.language)
    return member
