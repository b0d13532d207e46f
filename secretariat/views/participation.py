"""Participation flags (003 第九条): the secretariat sees the evidence, then confirms or dismisses."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from alliance.exports import Column, export_response
from alliance.pagination import paginate
from alliance.roles import Role, role_required
from alliance.views import form_errors_reported, refusal_reported
from secretariat import selectors, services
from secretariat.filters import FlagFilter
from secretariat.forms import FlagDecisionForm
from secretariat.models import FlagStatus, ParticipationFlag


def _flags():
    return ParticipationFlag.objects.select_related("member", "representative", "decided_by")


def _flag_filter(request) -> FlagFilter:
    data = request.GET.copy()
    data.setdefault("status", FlagStatus.OPEN)
    return FlagFilter(data, queryset=_flags())


FLAG_EXPORT = [
    Column(gettext_lazy("Member number"), "member.number"),
    Column(gettext_lazy("Member"), "member.name"),
    Column(gettext_lazy("Representative"), "representative.name"),
    Column(gettext_lazy("Kind"), "get_kind_display"),
    Column(gettext_lazy("Consecutive absences"), "consecutive_absences"),
    Column(gettext_lazy("Last attended on"), "last_attended_on"),
    Column(gettext_lazy("Proposed status"), "proposed_status_label"),
    Column(gettext_lazy("Status"), "get_status_display"),
    Column(gettext_lazy("Raised at"), "raised_at"),
    Column(gettext_lazy("Decided at"), "decided_at"),
    Column(gettext_lazy("Decision comment"), "decision_comment"),
]


@role_required(Role.SECRETARIAT)
def flag_export(request, fmt):
    return export_response(fmt, _flag_filter(request).qs, FLAG_EXPORT, "participation-flags")


@role_required(Role.SECRETARIAT)
def flag_list(request):
    filterset = _flag_filter(request)
    page = paginate(request, filterset.qs)
    return render(
        request,
        "secretariat/flag_list.html",
        {"filter": filterset, "page_obj": page, "flags": page.object_list},
    )


@role_required(Role.SECRETARIAT)
def flag_detail(request, pk):
    flag = selectors.flag_for(request.user, pk)
    return render(request, "secretariat/flag_detail.html", {"flag": flag, "form": FlagDecisionForm()})


@require_POST
@role_required(Role.SECRETARIAT)
def flag_decide(request, pk, decision):
    flag = selectors.flag_for(request.user, pk)
    form = FlagDecisionForm(request.POST)
    if form.is_valid():
        with refusal_reported(request, form):
            if decision == "confirm":
                services.flag_confirm(flag=flag, by=request.user, comment=form.cleaned_data["comment"])
                messages.success(request, _("Confirmed: the member's status was changed and recorded."))
            else:
                services.flag_dismiss(flag=flag, by=request.user, comment=form.cleaned_data["comment"])
                messages.success(request, _("Dismissed: the member's status is unchanged."))
            return redirect("secretariat:flag_list")
    return form_errors_reported(request, form, reverse("secretariat:flag_detail", args=[flag.pk]))


@require_POST
@role_required(Role.SECRETARIAT)
def flag_recompute(request):
    count = services.participation_recompute()
    messages.success(
        request, _("Participation recomputed: %(count)d flags raised or updated.") % {"count": count}
    )
    return redirect("secretariat:flag_list")
