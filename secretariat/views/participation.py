"""Participation flags (003 第九条): the secretariat sees the evidence, then confirms or dismisses."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from alliance.exports import Column, export_response
from alliance.pagination import paginate
from alliance.roles import Role, role_required
from secretariat import services
from secretariat.errors import SecretariatError
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
    Column(_lazy("Member number"), "member.number"),
    Column(_lazy("Member"), "member.name"),
    Column(_lazy("Representative"), "representative.name"),
    Column(_lazy("Kind"), "get_kind_display"),
    Column(_lazy("Consecutive absences"), "consecutive_absences"),
    Column(_lazy("Last attended on"), "last_attended_on"),
    Column(_lazy("Proposed status"), "proposed_status_label"),
    Column(_lazy("Status"), "get_status_display"),
    Column(_lazy("Raised at"), "raised_at"),
    Column(_lazy("Decided at"), "decided_at"),
    Column(_lazy("Decision comment"), "decision_comment"),
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
    flag = get_object_or_404(_flags(), pk=pk)
    return render(request, "secretariat/flag_detail.html", {"flag": flag, "form": FlagDecisionForm()})


@require_POST
@role_required(Role.SECRETARIAT)
def flag_decide(request, pk, decision):
    flag = get_object_or_404(_flags(), pk=pk)
    form = FlagDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give a reason for the decision."))
        return redirect("secretariat:flag_detail", pk=flag.pk)
    service = services.flag_confirm if decision == "confirm" else services.flag_dismiss
    try:
        service(flag=flag, by=request.user, comment=form.cleaned_data["comment"])
    except SecretariatError as exc:
        messages.error(request, str(exc))
        return redirect("secretariat:flag_detail", pk=flag.pk)
    if decision == "confirm":
        messages.success(request, _("Confirmed: the member's status was changed and recorded."))
    else:
        messages.success(request, _("Dismissed: the member's status is unchanged."))
    return redirect("secretariat:flag_list")


@require_POST
@role_required(Role.SECRETARIAT)
def flag_recompute(request):
    count = services.participation_recompute()
    messages.success(
        request, _("Participation recomputed: %(count)d flags raised or updated.") % {"count": count}
    )
    return redirect("secretariat:flag_list")
