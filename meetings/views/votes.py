"""Secretariat pages: the resolution register, a motion with its vote, and action items."""

from django.contrib import messages
from django.db.models import Exists, OuterRef
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.decorators.http import require_POST

from alliance.exports import Column, export_response
from alliance.pagination import paginate
from alliance.pdf import render_pdf
from alliance.roles import Role, role_required
from alliance.views import form_errors_reported, refusal_reported
from meetings import rules, selectors, services
from meetings.filters import ResolutionFilter
from meetings.forms import (
    ActionItemForm,
    PaperResultForm,
    ProgressForm,
    ProgressToAgendaForm,
    ReasonForm,
    VoteForm,
)
from meetings.models import ActionItem, BallotCast, Elector, Meeting, Resolution
from meetings.services.tracking import progress_report_context
from members.models import Member

staff_required = role_required(Role.SECRETARIAT)


def _resolution_filter(request) -> ResolutionFilter:
    qs = Resolution.objects.select_related("body", "meeting").order_by("-meeting__starts_at", "-id")
    return ResolutionFilter(request.GET, queryset=qs)


RESOLUTION_EXPORT = [
    Column(gettext_lazy("Number"), "number"),
    Column(gettext_lazy("Resolution"), "title"),
    Column(gettext_lazy("Kind"), "get_kind_display"),
    Column(gettext_lazy("Meeting"), "meeting.title"),
    Column(gettext_lazy("Body"), "body.code"),
    Column(gettext_lazy("Status"), "get_status_display"),
    Column(pgettext_lazy("vote", "For"), "votes_for"),
    Column(gettext_lazy("Against"), "votes_against"),
    Column(gettext_lazy("Abstentions"), "votes_abstain"),
    Column(gettext_lazy("Decided at"), "decided_at"),
]


@staff_required
def resolution_export(request, fmt):
    return export_response(fmt, _resolution_filter(request).qs, RESOLUTION_EXPORT, "resolutions")


@staff_required
def resolution_list(request):
    filterset = _resolution_filter(request)
    page = paginate(request, filterset.qs)
    return render(request, "meetings/resolution_list.html", {"filter": filterset, "page_obj": page})


@staff_required
def resolution_detail(request, pk):
    """A motion: its result with the rule it was judged by, the electorate and who voted."""
    resolution = selectors.resolution_for(request.user, pk)
    electors = (
        Elector.objects.filter(resolution=resolution, round=resolution.round)
        .select_related("member")
        .annotate(
            voted=Exists(
                BallotCast.objects.filter(
                    resolution=resolution, round=resolution.round, member=OuterRef("member_id")
                )
            )
        )
        .order_by("member__name")
    )
    q = request.GET.get("q", "").strip()
    if q:
        electors = electors.filter(member__name__icontains=q)
    page = paginate(request, electors)
    tally = selectors.tally(resolution)
    today = timezone.localdate()
    items = list(resolution.action_items.select_related("owner").prefetch_related("updates"))
    for item in items:
        item.overdue = rules.is_overdue(due_on=item.due_on, status=item.status, today=today)
    context = {
        "resolution": resolution,
        "page_obj": page,
        "q": q,
        "tally": tally,
        "rule_text": rules.describe_rule(
            resolution.rule_numerator,
            resolution.rule_denominator,
            resolution.rule_strict,
            resolution.rule_base,
        )
        if resolution.rule_numerator is not None
        else "",
        "quorum": selectors.quorum_state(resolution.meeting),
        "items": items,
        "vote_form": VoteForm(),
        "paper_form": PaperResultForm(),
        "reason_form": ReasonForm(),
        "action_form": ActionItemForm(),
        "progress_form": ProgressForm(),
        "resets": resolution.resets.select_related("reset_by"),
    }
    return render(request, "meetings/resolution_detail.html", context)


def _target(resolution):
    return reverse("meetings:resolution_detail", args=[resolution.pk])


VOTING_OPENED = gettext_lazy("Voting is open.")
VOTING_CLOSED = gettext_lazy("Voting closed and the result recorded.")


def vote_step(service, success, subject):
    """A secretariat POST that opens or closes a vote: a motion's here, a contested election's in
    ``contests``. ``subject(request, **url_kwargs)`` returns the service's arguments and the page
    to go back to."""

    @staff_required
    @require_POST
    def view(request, **url_kwargs):
        arguments, back = subject(request, **url_kwargs)
        with refusal_reported(request):
            service(**arguments, by=request.user)
            messages.success(request, success)
        return redirect(back)

    return view


def _motion(request, pk):
    resolution = selectors.resolution_for(request.user, pk)
    return {"resolution": resolution}, _target(resolution)


voting_open = vote_step(services.voting_open, VOTING_OPENED, _motion)
voting_close = vote_step(services.voting_close, VOTING_CLOSED, _motion)


@staff_required
@require_POST
def vote_cast(request, pk):
    resolution = selectors.resolution_for(request.user, pk)
    form = VoteForm(request.POST)
    target = _target(resolution) + ("?" + request.GET.urlencode() if request.GET else "")
    if form.is_valid():
        member = get_object_or_404(Member, pk=form.cleaned_data["member"])
        with refusal_reported(request, form):
            services.vote_cast(
                resolution=resolution,
                member=member,
                choice=form.cleaned_data["choice"],
                cast_by_name=form.cleaned_data["cast_by_name"],
                by=request.user,
            )
            messages.success(request, _("Vote of %(member)s recorded.") % {"member": member.name})
    if form.errors:
        return form_errors_reported(request, form, target)
    return redirect(target)


@staff_required
@require_POST
def vote_reopen(request, pk):
    resolution = selectors.resolution_for(request.user, pk)
    form = ReasonForm(request.POST)
    if form.is_valid():
        with refusal_reported(request, form):
            services.vote_reopen(resolution=resolution, reason=form.cleaned_data["reason"], by=request.user)
            messages.success(request, _("The vote is reopened; the earlier ballots are voided and kept."))
    if form.errors:
        return form_errors_reported(request, form, _target(resolution))
    return redirect(_target(resolution))


@staff_required
@require_POST
def paper_result(request, pk):
    resolution = selectors.resolution_for(request.user, pk)
    form = PaperResultForm(request.POST)
    if form.is_valid():
        with refusal_reported(request, form):
            services.paper_result_record(resolution=resolution, by=request.user, **form.cleaned_data)
            messages.success(request, _("Paper ballot result recorded."))
    if form.errors:
        return form_errors_reported(request, form, _target(resolution))
    return redirect(_target(resolution))


@staff_required
@require_POST
def resolution_withdraw(request, pk):
    resolution = selectors.resolution_for(request.user, pk)
    form = ReasonForm(request.POST)
    if form.is_valid():
        with refusal_reported(request, form):
            services.resolution_withdraw(
                resolution=resolution, reason=form.cleaned_data["reason"], by=request.user
            )
            messages.success(request, _("Motion withdrawn."))
    if form.errors:
        return form_errors_reported(request, form, _target(resolution))
    return redirect(_target(resolution))


@staff_required
@require_POST
def action_item_add(request, pk):
    resolution = selectors.resolution_for(request.user, pk)
    form = ActionItemForm(request.POST)
    if form.is_valid():
        with refusal_reported(request, form):
            services.action_item_add(resolution=resolution, by=request.user, **form.cleaned_data)
            messages.success(request, _("Action item added."))
    if form.errors:
        return form_errors_reported(request, form, _target(resolution))
    return redirect(_target(resolution))


@staff_required
@require_POST
def action_item_report(request, item_pk):
    item = get_object_or_404(ActionItem.objects.select_related("resolution"), pk=item_pk)
    form = ProgressForm(request.POST)
    if form.is_valid():
        with refusal_reported(request, form):
            services.action_item_report(item=item, by=request.user, **form.cleaned_data)
            messages.success(request, _("Progress recorded."))
    if form.errors:
        return form_errors_reported(request, form, _target(item.resolution))
    return redirect(_target(item.resolution))


def _next_meetings():
    return selectors.upcoming_meetings().exclude(status__in=["held", "archived"])[:20]


@staff_required
def progress_report(request):
    """The progress report for the Chairman: every open resolution with its latest progress (000 §I.2)."""
    context = progress_report_context()
    form = ProgressToAgendaForm()
    form.fields["meeting"].widget.choices = [(m.pk, f"{m.title} ({m.body.code})") for m in _next_meetings()]
    context["form"] = form
    return render(request, "meetings/progress_report.html", context)


@staff_required
def progress_report_pdf(request):
    pdf = render_pdf("meetings/pdf/progress_report.html", progress_report_context())
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = 'inline; filename="resolution-progress.pdf"'
    return response


@staff_required
@require_POST
def progress_report_to_agenda(request):
    form = ProgressToAgendaForm(request.POST)
    target = reverse("meetings:progress_report")
    if form.is_valid():
        meeting = get_object_or_404(Meeting, pk=form.cleaned_data["meeting"])
        with refusal_reported(request, form):
            services.progress_report_to_agenda(meeting=meeting, by=request.user)
            messages.success(
                request,
                _("The progress report is on the agenda of %(meeting)s.") % {"meeting": meeting.title},
            )
            return redirect(reverse("meetings:meeting_detail", args=[meeting.pk]))
    return form_errors_reported(request, form, target)
