"""Contested elections (000 §II): several candidates for the seats of one office on one ballot
paper, each unit choosing at most one candidate per seat."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from meetings.models.meetings import Meeting
from meetings.models.offices import Office
from meetings.models.resolutions import Resolution


class Contest(models.Model):
    """The candidates' election resolutions voted together: a unit's ballot gives "for" to each
    candidate it chooses (at most ``seats``) and "abstain" to the others, so each candidate is
    still judged by the body's election rule; more candidates reaching it than seats are
    decided by their votes."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.PROTECT, related_name="contests"
    )
    office = models.CharField(_("office"), max_length=30, choices=Office.choices)
    seats = models.PositiveSmallIntegerField(_("seats"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("contested election")
        verbose_name_plural = _("contested elections")
        ordering = ["meeting", "id"]
        constraints = [models.CheckConstraint(condition=Q(seats__gte=1), name="contest_has_a_seat")]

    def __str__(self):
        return f"{self.get_office_display()} ×{self.seats} @ {self.meeting_id}"


class ContestCandidate(models.Model):
    contest = models.ForeignKey(
        Contest, verbose_name=_("contested election"), on_delete=models.PROTECT, related_name="candidates"
    )
    # One contest per candidacy.
    resolution = models.OneToOneField(
        Resolution, verbose_name=_("candidacy"), on_delete=models.PROTECT, related_name="contest_entry"
    )

    class Meta:
        verbose_name = _("candidate in a contested election")
        verbose_name_plural = _("candidates in contested elections")
        ordering = ["contest", "resolution_id"]

    def __str__(self):
        return f"{self.resolution_id} in {self.contest_id}"
