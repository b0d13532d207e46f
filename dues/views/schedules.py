from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from alliance.roles import has_role, role_required
from alliance.views import refusal_reported
from dues import conf, services
from dues.forms import FeeScheduleForm
from dues.models import FeeSchedule
from dues.views.common import FINANCE_READ, FINANCE_WRITE


@role_required(*FINANCE_READ)
def schedule_list(request):
    schedules = (
        FeeSchedule.objects.select_related("approving_meeting").prefetch_related("rates").order_by("-year")
    )
    return render(
        request,
        "dues/schedule_list.html",
        {
            "schedules": schedules,
            "can_write": has_role(request.user, *FINANCE_WRITE),
            "currency": conf.currency(),
        },
    )


@role_required(*FINANCE_WRITE)
def schedule_create(request):
    form = FeeScheduleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with refusal_reported(request, form):
            services.fee_schedule_create(
                year=data["year"],
                amounts=form.amounts(),
                approved_on=data["approved_on"],
                notes=data["notes"],
                approving_meeting=data["approving_meeting"],
                by=request.user,
            )
            messages.success(request, _("Fee schedule saved."))
            return redirect("dues:schedule_list")
    return render(request, "dues/form.html", {"form": form, "title": _("New fee schedule")})


@role_required(*FINANCE_WRITE)
def schedule_edit(request, pk):
    schedule = get_object_or_404(FeeSchedule, pk=pk)
    initial = {
        "year": schedule.year,
        "approved_on": schedule.approved_on,
        "notes": schedule.notes,
        "approving_meeting": schedule.approving_meeting_id,
        **{f"amount_{tier}": amount for tier, amount in schedule.amounts().items()},
    }
    form = FeeScheduleForm(request.POST or None, initial=initial)
    form.fields["year"].disabled = True
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with refusal_reported(request, form):
            services.fee_schedule_update(
                schedule=schedule,
                amounts=form.amounts(),
                approved_on=data["approved_on"],
                notes=data["notes"],
                approving_meeting=data["approving_meeting"],
                by=request.user,
            )
            messages.success(request, _("Fee schedule saved."))
            return redirect("dues:schedule_list")
    return render(
        request,
        "dues/form.html",
        {"form": form, "title": _("Fee schedule %(year)s") % {"year": schedule.year}},
    )
