"""The reviewers' side: queues, starting a review, document reviews, decisions (001 §II.3–4)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from alliance.pagination import paginate
from alliance.roles import Role, has_role, role_required
from alliance.submissions import one_submission, submission_claim
from alliance.views import form_errors_reported, refusal_reported
from members.filters import ApplicationFilter
from members.forms import DecisionForm, DocumentReviewForm
from members.models import ReviewStage
from members.rules import waiting_days
from members.selectors import application_for, review_queue
from members.services import application_decide, application_start_review, document_review

REVIEWERS = (Role.SECRETARIAT, Role.LIAISON_OFFICER)


@role_required(*REVIEWERS)
def queue(request, stage):
    if stage not in ReviewStage.values:
        raise Http404
    if stage == ReviewStage.FINAL and not has_role(request.user, Role.SECRETARIAT):
        raise PermissionDenied
    application_filter = ApplicationFilter(request.GET or None, queryset=review_queue(request.user, stage))
    page = paginate(request, application_filter.qs)
    now = timezone.now()
    rows = [(a, waiting_days(a.status_changed_at, now)) for a in page.object_list]
    return render(
        request,
        "members/review_queue.html",
        {
            "stage": stage,
            "stage_label": ReviewStage(stage).label,
            "page_obj": page,
            "rows": rows,
            "filter": application_filter,
        },
    )


@role_required(*REVIEWERS)
@require_POST
def start_review(request, pk):
    application = application_for(request.user, pk)
    with refusal_reported(request):
        application_start_review(application=application, reviewer=request.user)
    return redirect("members:application_detail", pk=pk)


@role_required(*REVIEWERS)
@require_POST
@one_submission
def decide(request, pk):
    application = application_for(request.user, pk)
    form = DecisionForm(request.POST)
    target = reverse("members:application_detail", args=[pk])
    if form.is_valid():
        with refusal_reported(request, form), submission_claim(request, target):
            record = application_decide(
                application=application,
                reviewer=request.user,
                decision=form.cleaned_data["decision"],
                comment=form.cleaned_data["comment"],
                stage=form.cleaned_data["stage"],
                documents_override_reason=form.cleaned_data.get("documents_override_reason", ""),
            )
            messages.success(
                request,
                _("Decision recorded: %(decision)s. The email to the applicant is queued.")
                % {"decision": record.get_decision_display()},
            )
    if form.errors:
        return form_errors_reported(request, form, target)
    return redirect(target)


@role_required(*REVIEWERS)
@require_POST
def review_document(request, pk, document_pk):
    application = application_for(request.user, pk)
    document = get_object_or_404(application.documents, pk=document_pk)
    form = DocumentReviewForm(request.POST)
    target = reverse("members:application_detail", args=[pk])
    if form.is_valid():
        with refusal_reported(request, form):
            document_review(
                document=document,
                reviewer=request.user,
                review=form.cleaned_data["review"],
                reason=form.cleaned_data["reason"],
            )
            messages.success(request, _("Document review recorded."))
    if form.errors:
        return form_errors_reported(request, form, target, labels=False)
    return redirect(target)
