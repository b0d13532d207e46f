"""Activity pages: plan, approval, preparation, held with attendance, summary, archive (004 三.3)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from alliance.exports import Column, export_response
from alliance.pagination import paginate
from alliance.roles import Role, role_required
from alliance.views import form_errors_reported, refusal_reported
from secretariat import selectors, services
from secretariat.filters import ActivityFilter
from secretariat.forms import (
    ActivityApprovalForm,
    ActivityForm,
    ActivityReportForm,
    AttendanceForm,
    CommentForm,
)
from secretariat.models import Activity, ActivityStatus


def _activity_filter(request) -> ActivityFilter:
    return ActivityFilter(request.GET, queryset=Activity.objects.select_related("department"))


ACTIVITY_EXPORT = [
    Column(gettext_lazy("Theme"), "theme"),
    Column(gettext_lazy("Starts on"), "starts_on"),
    Column(gettext_lazy("Ends on"), "ends_on"),
    Column(gettext_lazy("Place"), "place"),
    Column(gettext_lazy("Department"), "department.display_name"),
    Column(gettext_lazy("Budget (USD)"), "budget"),
    Column(gettext_lazy("Major"), "is_major"),
    Column(gettext_lazy("Status"), "get_status_display"),
]


@role_required(Role.SECRETARIAT)
def activity_export(request, fmt):
    return export_response(fmt, _activity_filter(request).qs, ACTIVITY_EXPORT, "activities")


@role_required(Role.SECRETARIAT)
def activity_list(request):
    filterset = _activity_filter(request)
    page = paginate(request, filterset.qs)
    return render(
        request,
        "secretariat/activity_list.html",
        {
            "filter": filterset,
            "page_obj": page,
            "activities": page.object_list,
            "today": timezone.localdate(),
        },
    )


@role_required(Role.SECRETARIAT)
def activity_create(request):
    form = ActivityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with refusal_reported(request, form):
            activity = services.activity_create(by=request.user, **form.cleaned_data)
            messages.success(request, _("Activity planned."))
            return _detail(activity)
    return render(request, "secretariat/activity_form.html", {"form": form})


@role_required(Role.SECRETARIAT)
def activity_edit(request, pk):
    activity = selectors.activity_for(request.user, pk)
    form = ActivityForm(request.POST or None, instance=selectors.activity_for(request.user, pk))
    if request.method == "POST" and form.is_valid():
        with refusal_reported(request, form):
            services.activity_update(activity=activity, by=request.user, **form.cleaned_data)
            messages.success(request, _("Plan saved."))
            return _detail(activity)
    return render(request, "secretariat/activity_form.html", {"form": form, "activity": activity})


@role_required(Role.SECRETARIAT)
def activity_detail(request, pk):
    activity = selectors.activity_for(request.user, pk)
    attendance = activity.attendance.select_related("member", "representative").order_by("member__name")
    return render(
        request,
        "secretariat/activity_detail.html",
        {
            "activity": activity,
            "attendance": attendance,
            "approval_form": ActivityApprovalForm(
                initial={"body": "council" if activity.is_major else "secretariat"}
            ),
            "attendance_form": AttendanceForm(),
            "report_form": ActivityReportForm(),
            "comment_form": CommentForm(),
            "Status": ActivityStatus,
        },
    )


def _detail(activity):
    return redirect("secretariat:activity_detail", pk=activity.pk)


def _step(to_status, success):
    """A move of the activity's status taking an optional comment."""

    def step(request, activity, data):
        services.activity_move(
            activity=activity,
            to_status=to_status,
            by=request.user,
            comment=data.get("comment", ""),
        )
        return success

    return step


def _approve(request, activity, data):
    services.activity_approve(activity=activity, by=request.user, **data)
    return _("Approval recorded.")


def _report(request, activity, data):
    services.activity_report(activity=activity, by=request.user, **data)
    return _("Summary report saved.")


def _archive(request, activity, data):
    services.activity_archive(activity=activity, by=request.user)
    return _("Archived.")


def _attendance(request, activity, data):
    services.activity_record_attendance(
        activity=activity,
        by=request.user,
        member=data["member_number"],
        representative=data["representative"],
        attendee_name=data["attendee_name"],
    )
    return _("Attendance recorded.")


STEPS = {
    "prepare": _step(ActivityStatus.PREPARING, gettext_lazy("Preparation started.")),
    "hold": _step(ActivityStatus.HELD, gettext_lazy("Marked as held: record the attendance.")),
    "cancel": _step(ActivityStatus.CANCELLED, gettext_lazy("Cancelled.")),
    "approve": _approve,
    "report": _report,
    "archive": _archive,
    "attendance": _attendance,
}
# The form of each step (an optional comment unless the step has its own).
STEP_FORMS = {"approve": ActivityApprovalForm, "report": ActivityReportForm, "attendance": AttendanceForm}


@require_POST
@role_required(Role.SECRETARIAT)
def activity_action(request, pk, action):
    """Take one step of the activity's life; each step returns its success message."""
    activity = selectors.activity_for(request.user, pk)
    if action not in STEPS:
        raise Http404
    form = STEP_FORMS.get(action, CommentForm)(request.POST)
    target = reverse("secretariat:activity_detail", args=[activity.pk])
    if form.is_valid():
        with refusal_reported(request, form):
            messages.success(request, STEPS[action](request, activity, form.cleaned_data))
    if form.errors:
        return form_errors_reported(request, form, target, labels=False)
    return redirect(target)
