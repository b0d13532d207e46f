"""Meetings, their agenda and materials, invitations and sign-in (004 三.2)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from alliance.status import StatusChange, StatusMixin
from meetings.models.bodies import Body
from members.models import Member


class MeetingMode(models.TextChoices):
    OFFLINE = "offline", _("In person")
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("In person and online")


class MeetingStatus(models.TextChoices):
    DRAFT = "draft", _("In preparation")
    NOTICE_ISSUED = "notice_issued", _("Notice issued")
    IN_SESSION = "in_session", _("In session")
    HELD = "held", _("Held")
    ARCHIVED = "archived", _("Archived")
    CANCELLED = "cancelled", _("Cancelled")


class Meeting(StatusMixin, models.Model):
    moves = "meetings.rules.MEETING_MOVES"

    body = models.ForeignKey(Body, verbose_name=_("body"), on_delete=models.PROTECT, related_name="meetings")
    title = models.CharField(_("title"), max_length=255)
    # Stored in UTC (USE_TZ); shown in the secretariat's zone.
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True)
    mode = models.CharField(
        _("mode"), max_length=10, choices=MeetingMode.choices, default=MeetingMode.OFFLINE
    )
    venue = models.CharField(_("venue"), max_length=255, blank=True)
    online_link = models.URLField(_("online link"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=MeetingStatus.choices, default=MeetingStatus.DRAFT
    )
    notice_issued_at = models.DateTimeField(_("notice issued at"), null=True, blank=True)
    notice_issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("notice issued by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # A notice issued later than the body's minimum notice period: who accepted it, and why.
    late_notice_reason = models.TextField(_("reason for late notice"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-starts_at"]
        indexes = [models.Index(fields=["status", "starts_at"])]

    def __str__(self):
        return f"{self.title} ({self.body.code})"

    @property
    def took_place(self) -> bool:
        """In session or held: its minutes may be drafted."""
        return self.status in (MeetingStatus.IN_SESSION, MeetingStatus.HELD)


class MeetingStatusChange(StatusChange):
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.PROTECT, related_name="status_changes"
    )
    from_status = models.CharField(_("from"), max_length=20, choices=MeetingStatus.choices)
    to_status = models.CharField(_("to"), max_length=20, choices=MeetingStatus.choices)

    class Meta:
        verbose_name = _("meeting status change")
        verbose_name_plural = _("meeting status changes")
        ordering = ["changed_at", "id"]

    def __str__(self):
        return f"{self.meeting}: {self.from_status} → {self.to_status}"


class AgendaItem(models.Model):
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.PROTECT, related_name="agenda_items"
    )
    position = models.PositiveSmallIntegerField(_("position"))
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    discussion = models.TextField(_("discussion (for the minutes)"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting", "position"]
        constraints = [models.UniqueConstraint(fields=["meeting", "position"], name="unique_agenda_position")]

    def __str__(self):
        return f"{self.position}. {self.title}"


class Material(models.Model):
    agenda_item = models.ForeignKey(
        AgendaItem, verbose_name=_("agenda item"), on_delete=models.PROTECT, related_name="materials"
    )
    title = models.CharField(_("title"), max_length=255)
    file = models.FileField(_("file"), upload_to="meetings/materials/%Y/")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("material")
        verbose_name_plural = _("materials")
        ordering = ["agenda_item", "id"]

    def __str__(self):
        return self.title


class InvitationResponse(models.TextChoices):
    PENDING = "pending", _("No answer yet")
    ATTEND = "attend", _("Will attend")
    DECLINE = "decline", _("Declines")
    DELEGATE = "delegate", _("Sends a delegate")


class Invitation(models.Model):
    """An invitee: a member (its representatives receive the notice) or an individual guest."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.PROTECT, related_name="invitations"
    )
    member = models.ForeignKey(
        Member,
        verbose_name=_("member"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="meeting_invitations",
    )
    name = models.CharField(_("name (individual invitee)"), max_length=200, blank=True)
    email = models.EmailField(_("email (individual invitee)"), blank=True)
    # Whether the invitee is entitled to vote (an entitled member unit, not an observer).
    is_voting = models.BooleanField(_("voting invitee"), default=True)
    response = models.CharField(
        _("answer"), max_length=10, choices=InvitationResponse.choices, default=InvitationResponse.PENDING
    )
    delegate_name = models.CharField(_("delegate's name"), max_length=200, blank=True)
    responded_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    notified_at = models.DateTimeField(_("notice sent at"), null=True, blank=True)
    # The member unit's name, copied for the sign-in sheet's order (``sheet_order``), which an
    # index then gives: sorting a meeting's invitations joined to their members cost ~2-4 ms
    # of each sheet of 2,000 units in the issue 15 bench, the 25 first rows of the index
    # ~0.3 ms. Set on save and in every bulk creation (``member_names``), and followed when a
    # member is renamed (``meetings.apps``).
    member_name = models.CharField(_("member's name"), max_length=255, blank=True, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["meeting", "member__name", "name"]
        indexes = [
            models.Index(
                fields=["meeting", "member_name", "id"],
                condition=Q(member__isnull=False),
                name="invitation_sheet_order",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "member"],
                condition=Q(member__isnull=False),
                name="one_invitation_per_member",
            ),
            models.CheckConstraint(
                condition=Q(member__isnull=False) | ~Q(name=""), name="invitation_member_or_name"
            ),
        ]

    def __str__(self):
        return str(self.member or self.name)

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if update_fields is None or "member" in update_fields:
            self.member_name = self.member.name if self.member_id else ""
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "member_name"}
        super().save(*args, **kwargs)

    @staticmethod
    def member_names(invitations: list["Invitation"]) -> list["Invitation"]:
        """Fill ``member_name`` on invitations about to be bulk-created (``bulk_create`` does not
        call ``save``), from their members' names read in one query; return them."""
        ids = {inv.member_id for inv in invitations if inv.member_id}
        names = dict(Member.objects.filter(pk__in=ids).values_list("pk", "name")) if ids else {}
        for inv in invitations:
            inv.member_name = names.get(inv.member_id, "")
        return invitations


class AttendanceMode(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")
    DELEGATE = "delegate", _("By delegate")


class Attendance(models.Model):
    """A member unit signed in at a meeting (004 三.2 sign-in): one row per unit."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.PROTECT, related_name="attendances"
    )
    member = models.ForeignKey(
        Member, verbose_name=_("member"), on_delete=models.PROTECT, related_name="meeting_attendances"
    )
    mode = models.CharField(_("attended"), max_length=10, choices=AttendanceMode.choices)
    attendee_name = models.CharField(_("attendee's name"), max_length=200, blank=True)
    delegate_name = models.CharField(_("delegate's name"), max_length=200, blank=True)
    mandate = models.FileField(_("delegate's mandate"), upload_to="meetings/mandates/%Y/", blank=True)
    signed_in_at = models.DateTimeField(_("signed in at"), auto_now_add=True)
    signed_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("signed in by"), on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        ordering = ["meeting", "member__name"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "member"], name="one_attendance_per_member"),
            models.CheckConstraint(
                condition=~Q(mode="delegate") | ~Q(delegate_name=""), name="delegate_attendance_named"
            ),
        ]

    def __str__(self):
        return f"{self.member} @ {self.meeting}"
