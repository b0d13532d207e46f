"""Online and hybrid meetings (000 §I.1 "online or offline"): the check-in window, delegates'
mandates, secret tallies and the list of speakers."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from meetings.models.meetings import AgendaItem, Meeting
from meetings.models.resolutions import Choice, Resolution
from members.models import Member


class MeetingRoom(models.Model):
    """The live state of a meeting the secretariat runs: the check-in window and the item
    under discussion. History records who opened or closed the window, and when."""

    meeting = models.OneToOneField(
        Meeting, verbose_name=_("meeting"), on_delete=models.PROTECT, related_name="room"
    )
    check_in_open = models.BooleanField(_("check-in open"), default=False)
    check_in_changed_at = models.DateTimeField(_("check-in opened or closed at"), null=True, blank=True)
    check_in_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("check-in opened or closed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    current_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("agenda item under discussion"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("meeting room")
        verbose_name_plural = _("meeting rooms")

    def __str__(self):
        return str(self.meeting)


class Mandate(models.Model):
    """A unit's mandate to a named person (its delegate) for one meeting.

    One unit's mandate goes to one person at a time: a new delegate needs the
    current mandate revoked first (the database holds it). A mandate gives no
    presence by itself: the delegate counts only once checked in (OpenSlides #5745).
    """

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.PROTECT, related_name="mandates"
    )
    member = models.ForeignKey(
        Member, verbose_name=_("member unit"), on_delete=models.PROTECT, related_name="meeting_mandates"
    )
    delegate = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("delegate"),
        on_delete=models.PROTECT,
        related_name="meeting_mandates",
    )
    note = models.CharField(_("reference of the mandate letter"), max_length=255, blank=True)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )
    granted_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revoked by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("mandate")
        verbose_name_plural = _("mandates")
        ordering = ["meeting", "member", "-granted_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "member"],
                condition=Q(revoked_at__isnull=True),
                name="one_current_mandate_per_unit",
            )
        ]

    def __str__(self):
        return f"{self.member} → {self.delegate} @ {self.meeting}"


class SecretTally(models.Model):
    """The running count of one choice in a secret ballot's round.

    Secret choices are counters, not rows: a row per ballot would keep the order of
    casting (SQLite's rowid, PostgreSQL's heap order and xmin) and so could be joined
    back to the record of who voted. Every cast updates the three counters of its
    round in one statement, so no counter alone is touched by one voter's choice.
    """

    resolution = models.ForeignKey(
        Resolution, verbose_name=_("resolution"), on_delete=models.PROTECT, related_name="secret_tallies"
    )
    round = models.PositiveSmallIntegerField(_("voting round"))
    choice = models.CharField(_("choice"), max_length=10, choices=Choice.choices)
    count = models.PositiveIntegerField(_("count"), default=0)

    class Meta:
        verbose_name = _("secret ballot count")
        verbose_name_plural = _("secret ballot counts")
        constraints = [
            models.UniqueConstraint(fields=["resolution", "round", "choice"], name="one_counter_per_choice")
        ]

    def __str__(self):
        return f"{self.resolution_id}/{self.round} {self.choice}: {self.count}"


class SpeakerStatus(models.TextChoices):
    WAITING = "waiting", _("Waiting")
    SPEAKING = "speaking", _("Speaking")
    DONE = "done", _("Has spoken")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class SpeakerRequest(models.Model):
    """A unit's request for the floor on an agenda item; the chair orders and calls them."""

    agenda_item = models.ForeignKey(
        AgendaItem, verbose_name=_("agenda item"), on_delete=models.PROTECT, related_name="speaker_requests"
    )
    member = models.ForeignKey(
        Member, verbose_name=_("member unit"), on_delete=models.PROTECT, related_name="+"
    )
    speaker_name = models.CharField(_("speaker"), max_length=200)
    status = models.CharField(
        _("status"), max_length=10, choices=SpeakerStatus.choices, default=SpeakerStatus.WAITING
    )
    # The chair's order; new requests go to the end.
    position = models.PositiveIntegerField(_("order"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requested by"), on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last changed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    changed_at = models.DateTimeField(_("last changed at"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("request to speak")
        verbose_name_plural = _("requests to speak")
        ordering = ["agenda_item", "position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["agenda_item", "member"],
                condition=Q(status__in=["waiting", "speaking"]),
                name="one_open_speaker_request_per_unit",
            )
        ]

    def __str__(self):
        return f"{self.speaker_name} ({self.member_id}) on {self.agenda_item_id}"
