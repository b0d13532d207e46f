"""Document pages: list and search, drafting, the review/approval/issue workflow, circulation."""

from django.contrib import messages
from django.db.models import Count, Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from alliance.exports import Column, export_response
from alliance.pagination import paginate
from alliance.roles import Role, role_required
from alliance.submissions import one_submission, submission_claim
from secretariat import permissions, selectors, services
from secretariat.errors import SecretariatError
from secretariat.filters import DocumentFilter
from secretariat.forms import (
    AttachmentForm,
    CirculationForm,
    CommentForm,
    DocumentForm,
    DocumentSearchForm,
    RequiredCommentForm,
)
from secretariat.models import Document, DocumentAttachment, DocumentRecipient, DocumentStatus

ANY_ROLE = (Role.SECRETARIAT, Role.LIAISON_OFFICER, Role.TREASURER, Role.MEMBER)


def _documents(request):
    """The documents the user may see (scoped in the selector), filtered and searched."""
    queryset = selectors.documents_visible_to(request.user)
    search = DocumentSearchForm(request.GET)
    filterset = DocumentFilter(request.GET, queryset=queryset)
    documents = filterset.qs
    if search.is_valid():
        documents = selectors.search_documents(documents, search.cleaned_data["q"])
    return filterset, search, documents


DOCUMENT_EXPORT = [
    Column(_lazy("Number"), "number"),
    Column(_lazy("Title"), "title"),
    Column(_lazy("Kind"), "get_kind_display"),
    Column(_lazy("Audience"), "get_audience_display"),
    Column(_lazy("Department"), "department.display_name"),
    Column(_lazy("Status"), "get_status_display"),
    Column(_lazy("Issued at"), "issued_at"),
]


@role_required(*ANY_ROLE)
def document_export(request, fmt):
    _filterset, _search, documents = _documents(request)
    return export_response(fmt, documents, DOCUMENT_EXPORT, "documents")


@role_required(*ANY_ROLE)
def document_list(request):
    filterset, search, documents = _documents(request)
    page = paginate(request, documents)
    return render(
        request,
        "secretariat/document_list.html",
        {"filter": filterset, "search": search, "page_obj": page, "documents": page.object_list},
    )


@role_required(Role.SECRETARIAT)
def document_create(request):
    form = DocumentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        document = services.document_create(by=request.user, **form.cleaned_data)
        messages.success(request, _("Draft saved."))
        return redirect("secretariat:document_detail", pk=document.pk)
    return render(request, "secretariat/document_form.html", {"form": form})


@role_required(Role.SECRETARIAT)
def document_edit(request, pk):
    document = selectors.document_for(request.user, pk)
    form = DocumentForm(request.POST or None, instance=Document.objects.get(pk=document.pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.document_update(document=document, by=request.user, **form.cleaned_data)
        except SecretariatError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Draft saved."))
            return redirect("secretariat:document_detail", pk=document.pk)
    elif not document.is_editable:
        messages.error(
            request, _("Only a draft can be edited; an issued document is revised by a new document.")
        )
        return redirect("secretariat:document_detail", pk=document.pk)
    return render(request, "secretariat/document_form.html", {"form": form, "document": document})


@role_required(*ANY_ROLE)
def document_detail(request, pk):
    document = selectors.document_for(request.user, pk)
    user = request.user
    receipt = DocumentRecipient.objects.filter(document=document, user=user).first()
    context = {
        "document": document,
        "attachments": document.attachments.all(),
        "receipt": receipt,
        "is_secretariat": permissions.is_secretariat(user),
    }
    if context["is_secretariat"]:
        # Paginated: a document circulated to every member has thousands of readers.
        recipients = paginate(
            request,
            document.recipients.select_related("user", "member").order_by("read_at", "user__username", "id"),
        )
        counts = document.recipients.aggregate(
            total=Count("id"), read=Count("id", filter=Q(read_at__isnull=False))
        )
        context.update(
            recipients=recipients,
            page_obj=recipients,
            recipient_count=counts["total"],
            read_count=counts["read"],
            can_review=document.status == DocumentStatus.IN_REVIEW and permissions.can_review(user, document),
            can_approve=document.status == DocumentStatus.REVIEWED
            and permissions.can_approve(user, document),
            comment_form=CommentForm(),
            return_form=RequiredCommentForm(),
            attachment_form=AttachmentForm(),
            revisions=document.revisions.all(),
        )
    return render(request, "secretariat/document_detail.html", context)


ACTIONS = {
    "submit": (services.document_submit, _("Sent to the department head for review.")),
    "review": (services.document_review, _("Reviewed; waiting for approval.")),
    "approve": (services.document_approve, _("Approved; it can now be issued.")),
    "archive": (services.document_archive, _("Archived.")),
}


@require_POST
@role_required(Role.SECRETARIAT)
def document_action(request, pk, action):
    """Move a document along its workflow; the service refuses what the rules forbid."""
    document = selectors.document_for(request.user, pk)
    back = redirect("secretariat:document_detail", pk=document.pk)
    try:
        if action in ACTIONS:
            service, success = ACTIONS[action]
            form = CommentForm(request.POST)
            form.is_valid()
            service(document=document, by=request.user, comment=form.cleaned_data.get("comment", ""))
        elif action == "return":
            form = RequiredCommentForm(request.POST)
            if not form.is_valid():
                raise SecretariatError(_("Say what must change when returning a document."))
            services.document_return(document=document, by=request.user, comment=form.cleaned_data["comment"])
            success = _("Returned to the author as a draft.")
        elif action == "issue":
            document = services.document_issue(document=document, by=request.user)
            success = _("Issued as %(number)s.") % {"number": document.number}
        elif action == "revise":
            revision = services.document_revise(document=document, by=request.user)
            messages.success(request, _("A revision was started; it will supersede the issued document."))
            return redirect("secretariat:document_edit", pk=revision.pk)
        else:
            raise Http404
    except SecretariatError as exc:
        messages.error(request, str(exc))
        return back
    messages.success(request, success)
    return back


@role_required(Role.SECRETARIAT)
@one_submission
def document_circulate(request, pk):
    document = selectors.document_for(request.user, pk)
    form = CirculationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            with submission_claim(request, reverse("secretariat:document_detail", args=[document.pk])):
                added = services.document_circulate(
                    document=document,
                    by=request.user,
                    users=form.cleaned_data["staff"],
                    members=form.cleaned_data["member_numbers"],
                    all_active=form.cleaned_data["all_active"],
                    country=form.cleaned_data["country"],
                )
        except SecretariatError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                _("Circulated to %(count)d new recipients; their emails are queued.") % {"count": added},
            )
            return redirect("secretariat:document_detail", pk=document.pk)
    return render(request, "secretariat/document_circulate.html", {"form": form, "document": document})


@require_POST
@role_required(*ANY_ROLE)
def document_mark_read(request, pk):
    """The recipient confirms reading the document (the read receipt)."""
    document = selectors.document_for(request.user, pk)
    try:
        services.document_mark_read(document=document, user=request.user)
    except SecretariatError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Marked as read."))
    return redirect("secretariat:document_detail", pk=document.pk)


@require_POST
@role_required(Role.SECRETARIAT)
def attachment_upload(request, pk):
    document = selectors.document_for(request.user, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    else:
        try:
            services.attachment_add(
                document=document,
                by=request.user,
                file=form.cleaned_data["file"],
                name=form.cleaned_data["name"],
            )
        except SecretariatError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Attachment added."))
    return redirect("secretariat:document_detail", pk=document.pk)


def attachment_download(request, pk, attachment_pk):
    """Serve an attachment to whoever may read its document (public notices: anyone)."""
    document = selectors.document_for(request.user, pk)
    attachment = get_object_or_404(DocumentAttachment, pk=attachment_pk, document=document)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    return FileResponse(handle, as_attachment=True, filename=attachment.file.name.rsplit("/", 1)[-1])
