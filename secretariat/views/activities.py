"""Activity pages: plan, approval, preparation, held with attendance, summary, archive (004 三.3)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from alliance.exports import Column, export_response
from alliance.pagination import paginate
from alliance.roles import Role, role_required
from secretariat import services
from secretariat.errors import SecretariatError
from secretariat.filters import ActivityFilter
from secretariat.forms import (
    ActivityApprovalForm,
    ActivityForm,
    ActivityReportForm,
    AttendanceForm,
    CommentForm,
)
from secretariat.models import Activity, ActivityStatus


def _activity(pk) -> Activity:
    return get_object_or_404(
        Activity.objects.select_related("department", "created_by", "approved_by"), pk=pk
    )


def _activity_filter(request) -> ActivityFilter:
    return ActivityFilter(request.GET, queryset=Activity.objects.select_related("department"))


ACTIVITY_EXPORT = [
    Column(_lazy("Theme"), "theme"),
    Column(_lazy("Starts on"), "starts_on"),
    Column(_lazy("Ends on"), "ends_on"),
    Column(_lazy("Place"), "place"),
    Column(_lazy("Department"), "department.display_name"),
    Column(_lazy("Budget (USD)"), "budget"),
    Column(_lazy("Major"), "is_major"),
    Column(_lazy("Status"), "get_status_display"),
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
        try:
            activity = services.activity_create(by=request.user, **form.cleaned_data)
        except SecretariatError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Activity planned."))
            return redirect("secretariat:activity_detail", pk=activity.pk)
    return render(request, "secretariat/activity_form.html", {"form": form})


@role_required(Role.SECRETARIAT)
def activity_edit(request, pk):
    activity = _activity(pk)
    form = ActivityForm(request.POST or None, instance=_activity(pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.activity_update(activity=activity, by=request.user, **form.cleaned_data)
        except SecretariatError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Plan saved."))
            return redirect("secretariat:activity_detail", pk=activity.pk)
    return render(request, "secretariat/activity_form.html", {"form": form, "activity": activity})


@role_required(Role.SECRETARIAT)
def activity_detail(request, pk):
    activity = _activity(pk)
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


MOVES = {
    "prepare": (ActivityStatus.PREPARING, _("Preparation started.")),
    "hold": (ActivityStatus.HELD, _("Marked as held: record the attendance.")),
    "cancel": (ActivityStatus.CANCELLED, _("Cancelled.")),
}


@require_POST
@role_required(Role.SECRETARIAT)
def activity_action(request, pk, action):
    activity = _activity(pk)
    back = redirect("secretariat:activity_detail", pk=activity.pk)
    try:
        if action in MOVES:
            to_status, success = MOVES[action]
            form = CommentForm(request.POST)
            form.is_valid()
            services.activity_move(
                activity=activity,
                to_status=to_status,
                by=request.user,
                comment=form.cleaned_data.get("comment", ""),
            )
        elif action == "approve":
            form = ActivityApprovalForm(request.POST)
            if not form.is_valid():
                raise SecretariatError(_("Say which body approved the activity."))
            services.activity_approve(activity=activity, by=request.user, **form.cleaned_data)
            success = _("Approval recorded.")
        elif action == "report":
            form = ActivityReportForm(request.POST)
            if not form.is_valid():
                raise SecretariatError(_("Write the summary report before archiving."))
            services.activity_report(activity=activity, by=request.user, **form.cleaned_data)
            success = _("Summary report saved.")
        elif action == "archive":
            services.activity_archive(activity=activity, by=request.user)
            success = _("Archived.")
        elif action == "attendance":
            form = AttendanceForm(request.POST)
            if not form.is_valid():
                raise SecretariatError(" ".join(str(e) for errors in form.errors.values() for e in errors))
            services.activity_record_attendance(
                activity=activity,
                by=request.user,
                member=form.cleaned_data["member_number"],
                representative=form.cleaned_data["representative"],
                attendee_name=form.cleaned_data["attendee_name"],
            )
            success = _("Attendance recorded.")
        else:
            raise Http404
    except SecretariatError as exc:
        messages.error(request, str(exc))
        return back
    messages.success(request, success)
    return back
