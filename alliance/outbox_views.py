"""The "Outgoing email" pages: what the outbox holds, sent or not, and resending (staff only).

Only the secretariat and the treasurer reach them: a member's mail is nobody
else's business, so members, liaison officers and the public get 403.
"""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from alliance import outbox
from alliance.email_subjects import subject_for
from alliance.filters import OutgoingEmailFilter
from alliance.models import OutgoingEmail
from alliance.pagination import paginate
from alliance.roles import Role, has_role, role_required
from alliance.sections import Section
from alliance.submissions import one_submission, submission_claim

OUTBOX_ROLES = (Role.SECRETARIAT, Role.TREASURER)


def subject_link(row: OutgoingEmail, user) -> str | None:
    """Return the address of the page of what the message is about, when the app names one.

    The secretariat may open every such page, others only those registered for them (the
    treasurer an invoice, not a document): a page shows no link its reader cannot follow.
    """
    if row.about_type_id is None:
        return None
    key = f"{row.about_type.app_label}.{row.about_type.model}"
    subject = subject_for(key)
    if not subject or not has_role(user, Role.SECRETARIAT, *subject.readers):
        return None
    try:
        return reverse(subject.view, args=[row.about_id])
    except NoReverseMatch:
        return None


def with_links(rows, user):
    rows = list(rows)
    for row in rows:
        row.subject_link = subject_link(row, user)
    return rows


# The member file lists the mail sent about the member, for the staff only (members composes it).
MEMBER_FILE_SECTION = Section(
    key="outgoing-email",
    title=gettext_lazy("Emails sent"),
    template="outbox/_member_section.html",
    context=lambda request, *, member: {
        "outgoing_emails": with_links(outbox.emails_for_member(member.pk), request.user)
    },
    visible=lambda user: has_role(user, *OUTBOX_ROLES),
    order=90,
)


def outgoing_queryset():
    return OutgoingEmail.objects.select_related("email", "about_type", "resent_by").order_by(
        "-queued_at", "-pk"
    )


@role_required(*OUTBOX_ROLES)
def outgoing_list(request):
    filterset = OutgoingEmailFilter(request.GET, queryset=outgoing_queryset())
    page = paginate(request, filterset.qs)
    page.object_list = with_links(page.object_list, request.user)
    failed = OutgoingEmail.objects.filter(outbox.RESENDABLE).count()
    return render(
        request, "outbox/list.html", {"filter": filterset, "page_obj": page, "failed_count": failed}
    )


@role_required(*OUTBOX_ROLES)
def outgoing_detail(request, pk):
    row = get_object_or_404(outgoing_queryset(), pk=pk)
    row.subject_link = subject_link(row, request.user)
    logs = row.email.logs.order_by("-date", "-pk")
    attachments = row.email.attachments.all()
    return render(request, "outbox/detail.html", {"row": row, "logs": logs, "attachments": attachments})


@require_POST
@role_required(*OUTBOX_ROLES)
@one_submission
def outgoing_resend(request, pk):
    row = get_object_or_404(OutgoingEmail, pk=pk)
    with submission_claim(request, reverse("outbox:detail", args=[row.pk])):
        outbox.outbox_resend(outgoing=row, by=request.user)
    messages.success(request, _("The email is queued again."))
    return redirect("outbox:detail", pk=row.pk)


@require_POST
@role_required(*OUTBOX_ROLES)
@one_submission
def outgoing_resend_failed(request):
    with submission_claim(request, reverse("outbox:list")):
        count = outbox.outbox_resend_failed(by=request.user)
    messages.success(
        request,
        ngettext(
            "%(count)d failed email is queued again.", "%(count)d failed emails are queued again.", count
        )
        % {"count": count},
    )
    return redirect("outbox:list")
