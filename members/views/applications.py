"""The applicant's side: apply, edit, submit, withdraw, follow; document downloads."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django_ratelimit.core import is_ratelimited

from alliance.exports import Column, export_response
from alliance.pagination import paginate
from alliance.roles import Role, has_role
from alliance.views import refusal_reported
from members import conf, errors, rules
from members.filters import ApplicationFilter
from members.forms import AccountForm, ApplicationForm, DecisionForm, DocumentReviewForm, PersonForm
from members.models import Application, ApplicationStatus, MemberKind, RepresentativeRole
from members.selectors import (
    application_document_for,
    application_for,
    applications_visible_to,
    may_review,
    own_application_for,
)
from members.services import application_apply, application_submit, application_withdraw


def _person_forms(request, application=None):
    data = request.POST if request.method == "POST" else None
    forms = {}
    for role in RepresentativeRole.values:
        initial = {}
        if application is not None:
            rep = next((r for r in application.representatives.all() if r.role == role), None)
            if rep:
                initial = {
                    f: getattr(rep, f)
                    for f in ("name", "native_name", "position", "email", "phone", "mobile")
                }
        forms[role] = PersonForm(data, prefix=role, initial=initial)
    return forms


def _application_form(request, application=None):
    if request.method == "POST":
        return ApplicationForm(request.POST, request.FILES, instance=application)
    initial = {} if application or not request.user.is_authenticated else {"email": request.user.email}
    return ApplicationForm(instance=application, initial=initial)


def apply(request, pk=None):
    """The public entry (001 §II.1): anyone may start; an account is created or used."""
    application = None
    if pk is not None:
        if not request.user.is_authenticated:
            return redirect(f"{reverse('login')}?next={request.path}")
        application = own_application_for(request.user, pk)
        if application.status not in rules.EDITABLE_STATUSES:
            messages.error(request, errors.NO_LONGER_EDITABLE)
            return redirect("members:application_detail", pk=application.pk)
    form = _application_form(request, application)
    people = _person_forms(request, application)
    account_form = None
    if not request.user.is_authenticated:
        account_form = AccountForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        valid = form.is_valid() & all(f.is_valid() for f in people.values())
        valid &= account_form is None or account_form.is_valid()
        if valid:
            account = None
            if account_form is not None:
                a = account_form.cleaned_data
                account = {
                    "email": a["account_email"],
                    "password": a["password"],
                    "first_name": a["first_name"],
                    "last_name": a["last_name"],
                }
            representatives = (
                {role: f.person() for role, f in people.items()}
                if form.cleaned_data["kind"] == MemberKind.UNIT
                else {}
            )
            submit = "submit" in request.POST
            if account_form is not None and _too_many_visitor_applications(request):
                form.add_error(None, errors.TOO_MANY_APPLICATIONS)
                return _apply_page(request, form, people, account_form, application, status=429)
            with refusal_reported(request, form):
                saved, _applicant = application_apply(
                    applicant=request.user if request.user.is_authenticated else None,
                    account=account,
                    application=application,
                    data={**form.data_dict(), "language": translation.get_language() or "en"},
                    representatives=representatives,
                    documents=form.uploads(),
                    declaration_accepted=form.cleaned_data["declaration"],
                    submit=submit,
                )
                if account_form is not None:
                    # The same answer whether the address was new or already had an account.
                    return redirect("members:apply_received")
                messages.success(
                    request,
                    _("Your application was submitted.")
                    if submit
                    else _("Your application was saved as a draft."),
                )
                return redirect("members:application_detail", pk=saved.pk)
    return _apply_page(request, form, people, account_form, application)


def _too_many_visitor_applications(request) -> bool:
    """Count a visitor's complete application against their address (issue 9: one address
    created five accounts in 1.5 s), ``ALLIANCE_MEMBERS_APPLY_RATE`` at most."""
    return is_ratelimited(
        request, group="members.apply", key="ip", rate=conf.apply_rate(), method="POST", increment=True
    )


def _apply_page(request, form, people, account_form, application, *, status=200):
    context = {
        "form": form,
        "people": people,
        "account_form": account_form,
        "application": application,
        "max_mb": conf.max_upload_mb(),
    }
    return render(request, "members/apply.html", context, status=status)


def apply_received(request):
    """What every visitor sees after applying, whether their address was new or not."""
    return render(request, "members/apply_received.html")


def _application_filter(request) -> tuple[ApplicationFilter, bool]:
    """The applicant's own applications; for reviewers, every application in their scope."""
    reviewer = has_role(request.user, Role.SECRETARIAT, Role.LIAISON_OFFICER)
    if reviewer:
        # Others' drafts are the applicants' own business until submitted.
        applications = applications_visible_to(request.user).exclude(
            ~Q(applicant=request.user), status=ApplicationStatus.DRAFT
        )
    else:
        applications = Application.objects.filter(applicant=request.user)
    return ApplicationFilter(request.GET or None, queryset=applications.order_by("-created_at")), reviewer


@login_required
def application_list(request):
    application_filter, reviewer = _application_filter(request)
    page = paginate(request, application_filter.qs)
    return render(
        request,
        "members/application_list.html",
        {
            "page_obj": page,
            "applications": page.object_list,
            "filter": application_filter if reviewer else None,
            "filtered": reviewer and any(request.GET.get(name) for name in application_filter.filters),
        },
    )


APPLICATION_EXPORT = [
    Column(gettext_lazy("Reference"), "reference"),
    Column(gettext_lazy("Name"), "name"),
    Column(gettext_lazy("Name (native script)"), "native_name"),
    Column(gettext_lazy("Kind"), "get_kind_display"),
    Column(gettext_lazy("Tier"), "get_tier_display"),
    Column(gettext_lazy("Country"), "country.code"),
    Column(gettext_lazy("Email"), "email"),
    Column(gettext_lazy("Status"), "get_status_display"),
    Column(gettext_lazy("First submitted at"), "submitted_at"),
    Column(gettext_lazy("Created at"), "created_at"),
]


@login_required
def application_export(request, fmt):
    """Exactly the applications the list shows the user, with its filter, as CSV or XLSX."""
    application_filter, _reviewer = _application_filter(request)
    return export_response(fmt, application_filter.qs, APPLICATION_EXPORT, "applications")


@login_required
def application_detail(request, pk):
    application = application_for(request.user, pk)
    stage = rules.stage_of(application.status)
    reviewer = bool(stage) and may_review(request.user, application, stage)
    documents = list(application.documents.select_related("reviewed_by"))
    context = {
        "application": application,
        "is_applicant": application.applicant_id == request.user.pk,
        "is_reviewer": reviewer,
        "stage": stage,
        "editable": application.status in rules.EDITABLE_STATUSES,
        "withdrawable": ApplicationStatus.WITHDRAWN in application.available_moves(),
        "can_start": reviewer and application.status in rules.START_REVIEW,
        "documents": documents,
        "representatives": list(application.representatives.all()),
        "decisions": list(application.decisions.select_related("decided_by")),
        "decision_form": DecisionForm(initial={"stage": stage}) if reviewer else None,
        "review_form": DocumentReviewForm() if reviewer else None,
    }
    return render(request, "members/application_detail.html", context)


@login_required
@require_POST
def application_submit_view(request, pk):
    application = own_application_for(request.user, pk)
    with refusal_reported(request):
        application_submit(application=application, by=request.user)
        messages.success(request, _("Your application was submitted."))
    return redirect("members:application_detail", pk=pk)


@login_required
@require_POST
def application_withdraw_view(request, pk):
    application = own_application_for(request.user, pk)
    with refusal_reported(request):
        application_withdraw(
            application=application, by=request.user, comment=request.POST.get("comment", "")
        )
        messages.success(request, _("Your application was withdrawn."))
    return redirect("members:application_detail", pk=pk)


@login_required
def document_download(request, pk):
    """Serve an uploaded document to those who may see it; 404 for anyone else."""
    document = application_document_for(request.user, pk)
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    return FileResponse(
        handle, as_attachment=True, filename=document.original_name, content_type=document.content_type
    )
