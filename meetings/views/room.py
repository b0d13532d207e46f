"""The meeting room of each unit, the projector, the chair's list of speakers, mandates and
the live parts of the sign-in sheet.

Live parts are polled by htmx every two seconds (README: polling rather than server-sent
events, because gunicorn's sync workers must not be held by long-lived connections). Each
poll answers a fragment built from a fixed number of queries. Every POST also works without
htmx: it then redirects with a message, as the rest of the application does.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, F, FilteredRelation, Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from alliance.pagination import PAGE_SIZE, filter_shape, page_rows, paginate
from alliance.prepared import rows_for, rows_for_shape
from alliance.roles import Role, role_required
from alliance.views import form_errors_reported, refusal_reported
from meetings import errors, room, selectors
from meetings.errors import MeetingError
from meetings.filters import InvitationFilter
from meetings.models import (
    AgendaItem,
    Attendance,
    Invitation,
    Mandate,
    Material,
    Meeting,
    MeetingStatus,
    Office,
    Resolution,
    SpeakerRequest,
)
from meetings.room_forms import (
    ContestBallotForm,
    ContestForm,
    CurrentItemForm,
    MandateForm,
    RoomVoteForm,
    SpeakerActionForm,
    WindowForm,
)
from meetings.services import room as services

staff_required = role_required(Role.SECRETARIAT)


# --- a unit's room ---------------------------------------------------------------------


def _unit_room(request, pk, member_pk):
    """The meeting, the unit's invitation and how the user acts for it; 404 for anyone who may
    not act for this unit in this meeting (another member, a delegate of another unit)."""
    meeting = get_object_or_404(Meeting.objects.select_related("body"), pk=pk, status__in=room.ROOM_STATUSES)
    invitation = get_object_or_404(
        Invitation.objects.select_related("member"), meeting=meeting, member_id=member_pk
    )
    actor = room.acting_as(request.user, meeting, invitation.member)
    if actor is None:
        raise Http404
    return meeting, invitation, actor


def _room_context(meeting, invitation, actor, notice=None):
    state = room.live_state(meeting)
    return {
        **state,
        "invitation": invitation,
        "member": invitation.member,
        "actor": actor,
        "unit": room.unit_status(meeting, invitation.member, state["vote"]),
        "notice": notice,
        "can_check_in": meeting.status in services.LIVE,
    }


@login_required
def room_index(request, pk):
    """The rooms the user may enter for a meeting; straight into it when there is one."""
    meeting = get_object_or_404(Meeting, pk=pk)
    invitations = list(room.rooms_for(request.user, meeting))
    if not invitations:
        raise Http404
    if len(invitations) == 1:
        return redirect("meetings:room", meeting.pk, invitations[0].member_id)
    return render(request, "meetings/room/index.html", {"meeting": meeting, "invitations": invitations})


@login_required
def room_page(request, pk, member_pk):
    meeting, invitation, actor = _unit_room(request, pk, member_pk)
    context = _room_context(meeting, invitation, actor)
    context["agenda"] = meeting.agenda_items.prefetch_related("materials")
    context["mandate"] = (
        Mandate.objects.filter(meeting=meeting, member=invitation.member, revoked_at__isnull=True)
        .select_related("delegate")
        .first()
    )
    return render(request, "meetings/room/room.html", context)


@login_required
@require_GET
def room_live(request, pk, member_pk):
    meeting, invitation, actor = _unit_room(request, pk, member_pk)
    return render(request, "meetings/room/_room_live.html", _room_context(meeting, invitation, actor))


def _room_answer(request, where, service, success, **kwargs):
    """Run one room service; answer the refreshed live fragment (htmx) or redirect with a message.

    ``where`` is (meeting, invitation, actor) of the room the request came from.
    """
    meeting, invitation, actor = where
    try:
        service(**kwargs)
    except MeetingError as exc:
        notice = ("danger", str(exc))
    else:
        notice = ("success", success)
    if request.htmx:
        return render(
            request, "meetings/room/_room_live.html", _room_context(meeting, invitation, actor, notice)
        )
    (messages.success if notice[0] == "success" else messages.error)(request, notice[1])
    return redirect("meetings:room", meeting.pk, invitation.member_id)


def _unit_action(service, success):
    """A room POST that runs ``service`` for the unit by the person acting for it."""

    @login_required
    @require_POST
    def view(request, pk, member_pk):
        meeting, invitation, actor = _unit_room(request, pk, member_pk)
        return _room_answer(
            request,
            (meeting, invitation, actor),
            service,
            success,
            meeting=meeting,
            member=invitation.member,
            by=request.user,
        )

    return view


room_check_in = _unit_action(services.room_check_in, gettext_lazy("Your unit is checked in."))
room_speak = _unit_action(services.speaker_request, gettext_lazy("Your request to speak is on the list."))


@login_required
@require_POST
def room_vote(request, pk, member_pk):
    meeting, invitation, actor = _unit_room(request, pk, member_pk)
    form = RoomVoteForm(request.POST)
    if not form.is_valid():
        return _room_answer(request, (meeting, invitation, actor), _refuse, "", message=errors.CHOOSE_VOTE)
    resolution = get_object_or_404(
        Resolution.objects.select_related("meeting"), pk=form.cleaned_data["resolution"], meeting=meeting
    )
    return _room_answer(
        request,
        (meeting, invitation, actor),
        services.room_vote_cast,
        _("Your unit's vote is recorded."),
        resolution=resolution,
        member=invitation.member,
        choice=form.cleaned_data["choice"],
        by=request.user,
    )


def _refuse(*, message):
    raise MeetingError(message)


@login_required
@require_POST
def room_speak_withdraw(request, pk, member_pk, request_pk):
    meeting, invitation, actor = _unit_room(request, pk, member_pk)
    speaker = get_object_or_404(
        SpeakerRequest.objects.select_related("agenda_item__meeting", "member"),
        pk=request_pk,
        member_id=invitation.member_id,
        agenda_item__meeting=meeting,
    )
    return _room_answer(
        request,
        (meeting, invitation, actor),
        services.speaker_withdraw,
        _("Your request to speak is withdrawn."),
        request=speaker,
        by=request.user,
    )


@login_required
def room_material(request, pk, member_pk, material_pk):
    """A material of the meeting's agenda, for the units in the room (materials are private)."""
    meeting, _invitation, _actor = _unit_room(request, pk, member_pk)
    material = get_object_or_404(Material, pk=material_pk, agenda_item__meeting=meeting)
    return FileResponse(
        material.file.open("rb"), as_attachment=True, filename=material.file.name.rsplit("/", 1)[-1]
    )


# --- the secretariat: projector, chair, window, mandates, sign-in ------------------------


@staff_required
def projector(request, pk):
    meeting = selectors.meeting_for(request.user, pk)
    return render(request, "meetings/room/projector.html", room.live_state(meeting))


@staff_required
@require_GET
def projector_live(request, pk):
    meeting = selectors.meeting_for(request.user, pk)
    return render(request, "meetings/room/_projector_live.html", room.live_state(meeting))


def _chair_context(meeting):
    state = room.live_state(meeting)
    state["agenda"] = list(meeting.agenda_items.all())
    state["speaker_form"] = SpeakerActionForm()
    return state


@staff_required
def chair(request, pk):
    """The chair's desk: the check-in window, the item under discussion, the list of speakers."""
    meeting = selectors.meeting_for(request.user, pk)
    context = _chair_context(meeting)
    context["contests"] = meeting.contests.prefetch_related("candidates__resolution__candidate_user")
    # Offices with two candidacies or more not yet on a ballot paper.
    context["contestable"] = [
        {"office": row["office"], "n": row["n"], "label": Office(row["office"]).label}
        for row in Resolution.objects.filter(
            meeting=meeting, kind="election", status="draft", contest_entry__isnull=True
        )
        .values("office")
        .annotate(n=Count("id"))
        .filter(n__gte=2)
        .order_by("office")
    ]
    context["motions"] = meeting.resolutions.order_by("id").only("pk", "title", "status", "number")
    context.update(
        window_form=WindowForm(),
        current_item_form=CurrentItemForm(),
        contest_form=ContestForm(),
        ballot_form=ContestBallotForm(),
    )
    return render(request, "meetings/room/chair.html", context)


@staff_required
@require_GET
def chair_live(request, pk):
    meeting = selectors.meeting_for(request.user, pk)
    return render(request, "meetings/room/_speakers_chair.html", _chair_context(meeting))


def _back(request, default):
    """Return to the page the form was on (the sign-in sheet or the chair's desk)."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    allowed = (reverse("meetings:sign_in", args=[default]), reverse("meetings:chair", args=[default]))
    return target if target.split("?", 1)[0] in allowed else allowed[1]


@staff_required
@require_POST
def check_in_window(request, pk):
    meeting = selectors.meeting_for(request.user, pk)
    form = WindowForm(request.POST)
    target = _back(request, meeting.pk)
    if form.is_valid():
        is_open = form.cleaned_data["state"] == "open"
        with refusal_reported(request, form):
            services.check_in_window_set(meeting=meeting, is_open=is_open, by=request.user)
            messages.success(request, _("Check-in is open.") if is_open else _("Check-in is closed."))
    if form.errors:
        return form_errors_reported(request, form, target)
    return redirect(target)


@staff_required
@require_POST
def current_item(request, pk):
    meeting = selectors.meeting_for(request.user, pk)
    form = CurrentItemForm(request.POST)
    target = reverse("meetings:chair", args=[meeting.pk])
    if form.is_valid():
        item = None
        if form.cleaned_data["agenda_item"]:
            item = get_object_or_404(AgendaItem, pk=form.cleaned_data["agenda_item"], meeting=meeting)
        with refusal_reported(request, form):
            services.current_item_set(meeting=meeting, agenda_item=item, by=request.user)
            messages.success(request, _("The item under discussion is set."))
    if form.errors:
        return form_errors_reported(request, form, target)
    return redirect(target)


SPEAKER_ACTIONS = {
    "call": (services.speaker_call, {}),
    "done": (services.speaker_done, {}),
    "up": (services.speaker_move, {"up": True}),
    "down": (services.speaker_move, {"up": False}),
}


@staff_required
@require_POST
def speaker_action(request, pk, request_pk):
    meeting = selectors.meeting_for(request.user, pk)
    speaker = get_object_or_404(
        SpeakerRequest.objects.select_related("agenda_item__meeting"),
        pk=request_pk,
        agenda_item__meeting=meeting,
    )
    form = SpeakerActionForm(request.POST)
    target = reverse("meetings:chair", args=[meeting.pk])
    if not form.is_valid():
        return form_errors_reported(request, form, target)
    service, extra = SPEAKER_ACTIONS[form.cleaned_data["action"]]
    try:
        service(request=speaker, by=request.user, **extra)
    except MeetingError as exc:
        if not request.htmx:
            form.add_error(None, exc.message)
            return form_errors_reported(request, form, target)
        context = {**_chair_context(meeting), "notice": ("danger", str(exc))}
        return render(request, "meetings/room/_speakers_chair.html", context)
    if request.htmx:
        return render(request, "meetings/room/_speakers_chair.html", _chair_context(meeting))
    return redirect(target)


@staff_required
def mandates(request, pk):
    """Mandates of the meeting: who holds each unit's mandate, recorded by the secretariat."""
    meeting = selectors.meeting_for(request.user, pk)
    target = reverse("meetings:mandates", args=[meeting.pk])
    form = MandateForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            with refusal_reported(request, form):
                services.mandate_grant(meeting=meeting, by=request.user, **form.cleaned_data)
                messages.success(request, _("Mandate recorded."))
        if form.errors:
            return form_errors_reported(request, form, target)
        return redirect(target)
    qs = Mandate.objects.filter(meeting=meeting).select_related(
        "member", "delegate", "granted_by", "revoked_by"
    )
    page = paginate(request, qs)
    return render(
        request, "meetings/room/mandates.html", {"meeting": meeting, "page_obj": page, "form": form}
    )


@staff_required
@require_POST
def mandate_revoke(request, pk, mandate_pk):
    meeting = selectors.meeting_for(request.user, pk)
    mandate = get_object_or_404(Mandate, pk=mandate_pk, meeting=meeting)
    with refusal_reported(request):
        services.mandate_revoke(mandate=mandate, by=request.user)
        messages.success(request, _("Mandate revoked."))
    return redirect(reverse("meetings:mandates", args=[meeting.pk]))


# A row's attendance, read with its invitation: (annotation, Attendance field) pairs.
SIGNED_COLUMNS = (
    ("signed_pk", "id"),
    ("signed_mode", "mode"),
    ("signed_attendee", "attendee_name"),
    ("signed_delegate", "delegate_name"),
)


def sign_in_page(request, meeting):
    """The page of the sign-in sheet asked for: (filterset, page, rows of (invitation, attendance)).

    Each unit's attendance at the meeting comes in the page's query (a LEFT JOIN on the
    attendance's unique meeting and member) with the columns a row shows, where a second
    query read the page's attendances: ~0.5 ms of the sheet of 2,000 units in the issue 15
    bench.
    """
    filterset = InvitationFilter(request.GET, queryset=_sheet_units(meeting.pk))
    shape = filter_shape("meetings.sign_in_sheet", filterset, meeting.pk)
    page = paginate(request, lambda: filterset.qs, shape=shape)
    if page.number == 1 and not _narrowed(filterset):
        page.object_list = first_sheet_page(meeting.pk)
    else:
        # Joined to the page's rows (the page's slice or keys) once paged: an annotation
        # before it would make the paginator read the first page's keys first too, a slower plan.
        bottom = (page.number - 1) * PAGE_SIZE

        def build():
            return _with_attendance(page_rows(filterset.qs, bottom, bottom + PAGE_SIZE), meeting.pk)

        # Filtered and later pages took ~2 ms more than the first to build in the issue 15
        # bench: compiled once per shape, as the first page is.
        page.object_list = build() if shape is None else rows_for_shape((*shape, "rows", bottom), build)
    return filterset, page, [(inv, _signed_attendance(inv, meeting)) for inv in page]


def _sheet_units(meeting_id: int):
    """The sheet's units, by name, with the columns a row shows (meeting_tags.sign_in_row) only."""
    shown = (
        *("meeting_id", "is_voting", "response", "delegate_name"),
        *("member__name", "member__number", "member__status"),
    )
    return (
        Invitation.objects.filter(meeting_id=meeting_id, member__isnull=False)
        .select_related("member")
        .only(*shown)
        # The units by name, from the index of the invitations' copy of it (Invitation.member_name).
        .order_by("member_name", "pk")
    )


def _with_attendance(invitations, meeting_id: int):
    """``invitations`` with each unit's attendance at the meeting (SIGNED_COLUMNS)."""
    signed = FilteredRelation(
        "member__meeting_attendances", condition=Q(member__meeting_attendances__meeting_id=meeting_id)
    )
    return invitations.alias(signed=signed).annotate(
        **{name: F(f"signed__{field}") for name, field in SIGNED_COLUMNS}
    )


def _narrowed(filterset) -> bool:
    """Whether the sheet is filtered (or asked for with a filter it refuses)."""
    return not filterset.is_valid() or any(
        value not in (None, "") for value in filterset.form.cleaned_data.values()
    )


def first_sheet_page(meeting_id: int) -> list[Invitation]:
    """The first page of the whole sheet (where the clerk lands, and comes back after each
    sign-in without htmx), read by a query compiled once per process (``alliance.prepared``):
    its units, members and attendances with their FilteredRelation took ~0.7 ms of the sheet
    of 2,000 units to put together and compile in the issue 15 bench."""
    return rows_for("meetings.first_sheet_page", _first_sheet_page, meeting_id)


def _first_sheet_page(meeting_id: int):
    return _with_attendance(_sheet_units(meeting_id), meeting_id)[:PAGE_SIZE]


def _signed_attendance(inv, meeting) -> Attendance | None:
    """The row's attendance as read with it (its other columns deferred), or None."""
    if inv.signed_pk is None:
        return None
    attendance = Attendance.from_db(
        meeting._state.db,
        ["meeting_id", "member_id", *(field for _name, field in SIGNED_COLUMNS)],
        [meeting.pk, inv.member_id, *(getattr(inv, name) for name, _field in SIGNED_COLUMNS)],
    )
    attendance.meeting = meeting
    return attendance


def sign_in_context(meeting, **extra):
    recent = room.recent_check_ins(meeting)
    return {
        "meeting": meeting,
        # Read after the latest sign-ins, whose newest keys its cached counts.
        "quorum": selectors.quorum_state(meeting, newest_sign_in=recent[0].pk if recent else 0),
        # The sheet's window form reads ``room_state.check_in_open`` only.
        "room_state": {"check_in_open": room.check_in_is_open(meeting)},
        "recent": recent,
        # The newest sign-in the sheet shows: its poll asks only for those after it.
        "after": recent[0].pk if recent else 0,
        "open": meeting.status in (MeetingStatus.NOTICE_ISSUED, MeetingStatus.IN_SESSION),
        **extra,
    }


@staff_required
@require_GET
def sign_in_live(request, pk):
    """The sign-in sheet's poll: the quorum, the latest check-ins, and the rows signed in since
    the last poll (swapped out of band where the sheet shows them; rows still open keep what
    the clerk typed). Its cost does not depend on the size of the meeting."""
    meeting = selectors.sheet_meeting_for(request.user, pk)
    try:
        after = max(0, int(request.GET.get("after", 0)))
    except ValueError:
        after = 0
    signed_rows = room.signed_in_after(meeting, after)
    context = sign_in_context(meeting, signed_rows=signed_rows, next=_back(request, meeting.pk))
    if len(signed_rows) == room.SIGNED_ROWS_PER_POLL:
        # More came in than one poll sends: the next poll carries on from the last one sent.
        # (Sign-ins of a meeting are serialised by its row lock, so ids grow in commit order.)
        context["after"] = signed_rows[-1][1].pk
    return render(request, "meetings/room/_sign_in_live.html", context)


def sign_in_row(request, meeting, member, error=None):
    """One row of the sheet after the clerk's in-person sign-in (htmx swaps just this row),
    with the quorum out of band; a refused sign-in shows its ``error`` in the row, above the
    form as the clerk typed it."""
    inv = get_object_or_404(Invitation.objects.select_related("member"), meeting=meeting, member=member)
    attendance = Attendance.objects.filter(meeting=meeting, member=member).first()
    return render(
        request,
        "meetings/room/_sign_in_row_answer.html",
        sign_in_context(
            meeting,
            inv=inv,
            attendance=attendance,
            row_error=error,
            typed=request.POST if error else None,
            sign_in_url=reverse("meetings:sign_in", args=[meeting.pk]),
        ),
    )
