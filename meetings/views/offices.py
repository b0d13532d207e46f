"""Office holders (000 §II): current holders, history, appointments and ends of tenure."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from alliance.roles import Role, role_required
from alliance.views import form_errors_reported, refusal_reported
from meetings import selectors, services
from meetings.forms import AppointmentForm, HoldingEndForm
from meetings.models import HoldingEnd, OfficeHolding

staff_required = role_required(Role.SECRETARIAT)


@staff_required
def office_list(request):
    return render(
        request,
        "meetings/office_list.html",
        {
            "current": selectors.current_office_holders(incoming=True),
            "today": timezone.localdate(),
            "history": selectors.office_history()[:200],
            "form": AppointmentForm(initial={"started_on": timezone.localdate()}),
            "end_form": HoldingEndForm(initial={"on": timezone.localdate()}),
        },
    )


@staff_required
@require_POST
def office_appoint(request):
    form = AppointmentForm(request.POST)
    target = reverse("meetings:office_list")
    if form.is_valid():
        with refusal_reported(request, form):
            services.office_appoint(by=request.user, **form.cleaned_data)
            messages.success(request, _("Appointment recorded."))
    if form.errors:
        return form_errors_reported(request, form, target)
    return redirect(target)


@staff_required
@require_POST
def office_end(request, pk):
    holding = get_object_or_404(OfficeHolding, pk=pk)
    form = HoldingEndForm(request.POST)
    target = reverse("meetings:office_list")
    if form.is_valid():
        data = form.cleaned_data
        with refusal_reported(request, form):
            if data["reason"] == HoldingEnd.RESIGNED:
                services.office_resign(holding=holding, on=data["on"], note=data["note"], by=request.user)
                messages.success(request, _("Resignation recorded."))
            else:
                services.office_end(
                    holding=holding, on=data["on"], reason=data["reason"], note=data["note"], by=request.user
                )
                messages.success(request, _("End of tenure recorded."))
    if form.errors:
        return form_errors_reported(request, form, target)
    return redirect(target)
