"""Document pages: list and search, drafting, the review/approval/issue workflow, circulation."""

from django.contrib import messages
from django.db.models import Count, Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from alliance.exports import Column, export_response
from alliance.pagination import paginate
from alliance.roles import Role, role_required
from alliance.submissions import one_submission, submission_claim
from alliance.views import form_errors_reported, refusal_reported
from secretariat import errors, permissions, selectors, services
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
    Column(gettext_lazy("Number"), "number"),
    Column(gettext_lazy("Title"), "title"),
    Column(gettext_lazy("Kind"), "get_kind_display"),
    Column(gettext_lazy("Audience"), "get_audience_display"),
    Column(gettext_lazy("Department"), "department.display_name"),
    Column(gettext_lazy("Status"), "get_status_display"),
    Column(gettext_lazy("Issued at"), "issued_at"),
]


DOCUMENT_ROW_COLUMNS = (
    "number",
    "title",
    "kind",
    "audience",
    "status",
    "issued_at",
    "department__code",
    "department__name",
)


@role_required(*ANY_ROLE)
def document_export(request, fmt):
    _filterset, _search, documents = _documents(request)
    return export_response(fmt, documents, DOCUMENT_EXPORT, "documents")


@role_required(*ANY_ROLE)
def document_list(request):
    filterset, search, documents = _documents(request)
    # The columns a row shows: a document's body (and its author) are for its own page.
    shown = documents.select_related(None).select_related("department")
    page = paginate(request, shown.only(*DOCUMENT_ROW_COLUMNS))
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
        with refusal_reported(request, form):
            services.document_update(document=document, by=request.user, **form.cleaned_data)
            messages.success(request, _("Draft saved."))
            return redirect("secretariat:document_detail", pk=document.pk)
    elif not document.is_editable:
        messages.error(request, errors.NOT_EDITABLE)
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


def _detail(document):
    return redirect("secretariat:document_detail", pk=document.pk)


def _step(service, success):
    """A workflow step taking an optional comment."""

    def step(request, document, data):
        service(document=document, by=request.user, comment=data.get("comment", ""))
        return success

    return step


def _return(request, document, data):
    services.document_return(document=document, by=request.user, comment=data["comment"])
    return _("Returned to the author as a draft.")


def _issue(request, document, data):
    document = services.document_issue(document=document, by=request.user)
    return _("Issued as %(number)s.") % {"number": document.number}


STEPS = {
    "submit": _step(services.document_submit, gettext_lazy("Sent to the department head for review.")),
    "review": _step(services.document_review, gettext_lazy("Reviewed; waiting for approval.")),
    "approve": _step(services.document_approve, gettext_lazy("Approved; it can now be issued.")),
    "archive": _step(services.document_archive, gettext_lazy("Archived.")),
    "return": _return,
    "issue": _issue,
}
# The form of each step (a comment, optional unless the step says otherwise).
STEP_FORMS = {"return": RequiredCommentForm}


@require_POST
@role_required(Role.SECRETARIAT)
def document_action(request, pk, action):
    """Take one step of the document's workflow; each step returns its success message."""
    document = selectors.document_for(request.user, pk)
    if action not in STEPS:
        raise Http404
    form = STEP_FORMS.get(action, CommentForm)(request.POST)
    target = reverse("secretariat:document_detail", args=[document.pk])
    if form.is_valid():
        with refusal_reported(request, form):
            messages.success(request, STEPS[action](request, document, form.cleaned_data))
    if form.errors:
        return form_errors_reported(request, form, target, labels=False)
    return redirect(target)


@require_POST
@role_required(Role.SECRETARIAT)
def document_revise(request, pk):
    """Start a revision of an issued document and open it for editing."""
    document = selectors.document_for(request.user, pk)
    with refusal_reported(request):
        revision = services.document_revise(document=document, by=request.user)
        messages.success(request, _("A revision was started; it will supersede the issued document."))
        return redirect("secretariat:document_edit", pk=revision.pk)
    return _detail(document)


@role_required(Role.SECRETARIAT)
@one_submission
def document_circulate(request, pk):
    document = selectors.document_for(request.user, pk)
    form = CirculationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with refusal_reported(request, form):
            with submission_claim(request, reverse("secretariat:document_detail", args=[document.pk])):
                added = services.document_circulate(
                    document=document,
                    by=request.user,
                    users=form.cleaned_data["staff"],
                    members=form.cleaned_data["member_numbers"],
                    all_active=form.cleaned_data["all_active"],
                    country=form.cleaned_data["country"],
                )
            messages.success(
                request,
                _("Circulated to %(count)d new recipients; their emails are queued.") % {"count": added},
            )
            return _detail(document)
    return render(request, "secretariat/document_circulate.html", {"form": form, "document": document})


@require_POST
@role_required(*ANY_ROLE)
def document_mark_read(request, pk):
    """The recipient confirms reading the document (the read receipt)."""
    document = selectors.document_for(request.user, pk)
    with refusal_reported(request):
        services.document_mark_read(document=document, user=request.user)
        messages.success(request, _("Marked as read."))
    return _detail(document)


@require_POST
@role_required(Role.SECRETARIAT)
def attachment_upload(request, pk):
    document = selectors.document_for(request.user, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        with refusal_reported(request, form):
            services.attachment_add(
                document=document,
                by=request.user,
                file=form.cleaned_data["file"],
                name=form.cleaned_data["name"],
            )
            messages.success(request, _("Attachment added."))
    if form.errors:
        return form_errors_reported(
            request, form, reverse("secretariat:document_detail", args=[document.pk]), labels=False
        )
    return _detail(document)


def attachment_download(request, pk, attachment_pk):
    """Serve an attachment to whoever may read its document (public notices: anyone)."""
    document = selectors.document_for(request.user, pk)
    attachment = get_object_or_404(DocumentAttachment, pk=attachment_pk, document=document)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    return FileResponse(handle, as_attachment=True, filename=attachment.file.name.rsplit("/", 1)[-1])
