"""Secretariat pages: bodies, meetings, agenda, notice, invitations and sign-in."""

from django.contrib import messages
from django.db.models import Count, Exists, OuterRef
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from alliance.exports import Column, export_response
from alliance.pagination import paginate
from alliance.roles import Role, role_required
from alliance.storage import stored_file_response
from alliance.submissions import one_submission, submission_claim
from alliance.views import form_errors_reported, refusal_reported
from meetings import errors, selectors, services
from meetings.errors import MeetingError
from meetings.filters import InvitationFilter, MeetingFilter
from meetings.forms import (
    AgendaItemForm,
    AttendanceForm,
    BodyForm,
    IndividualInviteForm,
    MaterialForm,
    MeetingEditForm,
    MeetingForm,
    NominationForm,
    NoticeForm,
    ResolutionForm,
    StatusForm,
)
from meetings.models import (
    AgendaItem,
    Attendance,
    Body,
    InvitationResponse,
    Material,
    Meeting,
)
from meetings.room_forms import WindowForm
from meetings.views import room
from members.models import Member

staff_required = role_required(Role.SECRETARIAT)


def _meeting_filter(request) -> MeetingFilter:
    return MeetingFilter(request.GET, queryset=Meeting.objects.select_related("body").order_by("-starts_at"))


MEETING_EXPORT = [
    Column(gettext_lazy("Meeting"), "title"),
    Column(gettext_lazy("Body"), "body.code"),
    Column(gettext_lazy("Starts at"), "starts_at"),
    Column(gettext_lazy("Ends at"), "ends_at"),
    Column(gettext_lazy("Mode"), "get_mode_display"),
    Column(gettext_lazy("Venue"), "venue"),
    Column(gettext_lazy("Online link"), "online_link"),
    Column(gettext_lazy("Status"), "get_status_display"),
    Column(gettext_lazy("Notice issued at"), "notice_issued_at"),
]


@staff_required
def meeting_export(request, fmt):
    return export_response(fmt, _meeting_filter(request).qs, MEETING_EXPORT, "meetings")


@staff_required
def meeting_list(request):
    filterset = _meeting_filter(request)
    page = paginate(request, filterset.qs)
    return render(request, "meetings/meeting_list.html", {"filter": filterset, "page_obj": page})


@staff_required
def meeting_create(request):
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with refusal_reported(request, form):
            meeting = services.meeting_create(by=request.user, **form.cleaned_data)
            return redirect("meetings:meeting_detail", meeting.pk)
    return render(request, "meetings/form.html", {"form": form, "title": _("New meeting")})


@staff_required
def meeting_edit(request, pk):
    meeting = selectors.meeting_for(request.user, pk)
    initial = {f: getattr(meeting, f) for f in ("title", "mode", "venue", "online_link")}
    initial["starts_at"] = timezone.localtime(meeting.starts_at)
    initial["ends_at"] = timezone.localtime(meeting.ends_at) if meeting.ends_at else None
    form = MeetingEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        with refusal_reported(request, form):
            services.meeting_update(meeting=meeting, by=request.user, **form.cleaned_data)
            return redirect("meetings:meeting_detail", meeting.pk)
    return render(request, "meetings/form.html", {"form": form, "title": _("Edit %s") % meeting.title})


@staff_required
def meeting_detail(request, pk):
    meeting = selectors.meeting_for(request.user, pk)
    agenda = meeting.agenda_items.prefetch_related("materials", "resolutions")
    invited = meeting.invitations.count()
    answers = {
        InvitationResponse(key).label: n
        for key, n in meeting.invitations.order_by().values_list("response").annotate(n=Count("id"))
    }
    context = {
        "meeting": meeting,
        "agenda": agenda,
        "invited": invited,
        "answers": answers,
        "quorum": selectors.quorum_state(meeting),
        "minutes_versions": meeting.minutes.order_by("-version"),
        "agenda_form": AgendaItemForm(),
        "material_form": MaterialForm(),
        "notice_form": NoticeForm(),
        "status_form": StatusForm(),
        "resolution_form": ResolutionForm(meeting=meeting),
        "nomination_form": NominationForm(),
    }
    return render(request, "meetings/meeting_detail.html", context)


@staff_required
@require_POST
def agenda_item_add(request, pk):
    meeting = selectors.meeting_for(request.user, pk)
    form = AgendaItemForm(request.POST)
    target = reverse("meetings:meeting_detail", args=[meeting.pk])
    if form.is_valid():
        with refusal_reported(request, form):
            services.agenda_item_add(meeting=meeting, by=request.user, **form.cleaned_data)
            messages.success(request, _("Agenda item added."))
    if form.errors:
        return form_errors_reported(request, form, target)
    return redirect(target)


@staff_required
def material_download(request, pk):
    """A meeting material, from the private storage, for the secretariat preparing the meeting."""
    material = get_object_or_404(Material, pk=pk)
    return stored_file_response(material.file.name, material.file.storage)


@staff_required
@require_POST
def material_add(request, item_pk):
    item = get_object_or_404(AgendaItem, pk=item_pk)
    form = MaterialForm(request.POST, request.FILES)
    target = reverse("meetings:meeting_detail", args=[item.meeting_id])
    if form.is_valid():
        with refusal_reported(request, form):
            services.material_add(agenda_item=item, by=request.user, **form.cleaned_data)
            messages.success(request, _("Material added."))
    if form.errors:
        return form_errors_reported(request, form, target)
    return redirect(target)


@staff_required
@require_POST
@one_submission
def notice_issue(request, pk):
    meeting = selectors.meeting_for(request.user, pk)
    form = NoticeForm(request.POST)
    target = reverse("meetings:meeting_detail", args=[meeting.pk])
    if form.is_valid():
        with refusal_reported(request, form), submission_claim(request, target):
            services.notice_issue(
                meeting=meeting, by=request.user, late_reason=form.cleaned_data["late_reason"]
            )
            messages.success(request, _("The notice is issued; its emails to the invitees are queued."))
    if form.errors:
        return form_errors_reported(request, form, target)
    return redirect(target)


@staff_required
@require_POST
def meeting_status(request, pk):
    meeting = selectors.meeting_for(request.user, pk)
    form = StatusForm(request.POST)
    target = reverse("meetings:meeting_detail", args=[meeting.pk])
    if form.is_valid():
        with refusal_reported(request, form):
            services.meeting_change_status(
                meeting=meeting,
                by=request.user,
                to_status=form.cleaned_data["to_status"],
                comment=form.cleaned_data["comment"],
            )
            messages.success(request, _("Meeting status changed."))
    if form.errors:
        return form_errors_reported(request, form, target)
    return redirect(target)


@staff_required
def invitations(request, pk):
    meeting = selectors.meeting_for(request.user, pk)
    if request.method == "POST":
        form = IndividualInviteForm(request.POST)
        target = reverse("meetings:invitations", args=[meeting.pk])
        if form.is_valid():
            with refusal_reported(request, form):
                services.invitation_add_individual(meeting=meeting, by=request.user, **form.cleaned_data)
                messages.success(request, _("Invitee added."))
        if form.errors:
            return form_errors_reported(request, form, target)
        return redirect(target)
    qs = meeting.invitations.select_related("member").annotate(
        signed_in=Exists(Attendance.objects.filter(meeting=meeting, member=OuterRef("member_id")))
    )
    filterset = InvitationFilter(request.GET, queryset=qs)
    page = paginate(request, filterset.qs)
    return render(
        request,
        "meetings/invitations.html",
        {"meeting": meeting, "filter": filterset, "page_obj": page, "form": IndividualInviteForm()},
    )


@staff_required
def sign_in(request, pk):
    """The sign-in sheet: units by name, their attendance, and the live quorum (000 §I).

    With htmx a clerk's sign-in answers only its row (and the quorum), not the whole sheet.
    """
    meeting = selectors.sheet_meeting_for(request.user, pk)
    if request.method == "POST":
        target = reverse("meetings:sign_in", args=[meeting.pk]) + (
            "?" + request.GET.urlencode() if request.GET else ""
        )
        form = AttendanceForm(request.POST, request.FILES)
        if not form.is_valid():
            if request.htmx and form.cleaned_data.get("member"):
                member = get_object_or_404(Member, pk=form.cleaned_data["member"])
                return room.sign_in_row(
                    request,
                    meeting,
                    member,
                    error=" ".join(form.errors.get("mode", [])) or errors.CHECK_THE_FORM,
                )
            return form_errors_reported(request, form, target)
        member = get_object_or_404(Member, pk=form.cleaned_data.pop("member"))
        if request.htmx:
            try:
                services.attendance_record(
                    meeting=meeting, member=member, by=request.user, **form.cleaned_data
                )
            except MeetingError as exc:
                return room.sign_in_row(request, meeting, member, error=str(exc))
            return room.sign_in_row(request, meeting, member)
        with refusal_reported(request):
            services.attendance_record(meeting=meeting, member=member, by=request.user, **form.cleaned_data)
            messages.success(request, _("%(member)s signed in.") % {"member": member.name})
        return redirect(target)
    filterset, page, rows = room.sign_in_page(request, meeting)
    return render(
        request,
        "meetings/sign_in.html",
        room.sign_in_context(meeting, filter=filterset, page_obj=page, rows=rows, window_form=WindowForm()),
    )


@staff_required
@require_POST
def resolution_propose(request, pk):
    meeting = selectors.meeting_for(request.user, pk)
    form = ResolutionForm(request.POST, meeting=meeting)
    target = reverse("meetings:meeting_detail", args=[meeting.pk])
    if form.is_valid():
        data = form.cleaned_data
        item = None
        if data["agenda_item"]:
            item = get_object_or_404(AgendaItem, pk=data["agenda_item"], meeting=meeting)
        with refusal_reported(request, form):
            services.resolution_propose(
                meeting=meeting,
                by=request.user,
                kind=data["kind"],
                title=data["title"],
                text=data["text"],
                agenda_item=item,
                secret=data["secret"],
                subject_member=data["subject_member"],
            )
            messages.success(request, _("Motion added to the agenda."))
    if form.errors:
        return form_errors_reported(request, form, target)
    return redirect(target)


@staff_required
@require_POST
def election_nominate(request, pk):
    meeting = selectors.meeting_for(request.user, pk)
    form = NominationForm(request.POST)
    target = reverse("meetings:meeting_detail", args=[meeting.pk])
    if form.is_valid():
        data = form.cleaned_data
        with refusal_reported(request, form):
            services.election_nominate(
                meeting=meeting,
                by=request.user,
                office=data["office"],
                candidate_user=data["candidate"],
                candidate_member=data["candidate_member"],
                secret=data["secret"],
            )
            messages.success(request, _("Candidate nominated."))
    if form.errors:
        return form_errors_reported(request, form, target)
    return redirect(target)


@staff_required
def body_list(request):
    return render(request, "meetings/body_list.html", {"bodies": Body.objects.all()})


@staff_required
def body_edit(request, pk=None):
    body = get_object_or_404(Body, pk=pk) if pk else Body()
    form = BodyForm(request.POST or None, instance=body)
    if request.method == "POST" and form.is_valid():
        with refusal_reported(request, form):
            services.body_save(body=form.instance, by=request.user)
            return redirect("meetings:body_list")
    title = _("Edit %s") % body.display_name if pk else _("New body")
    return render(request, "meetings/form.html", {"form": form, "title": title})
