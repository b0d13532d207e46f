"""Resolutions, their votes and the register, and action items that track them (000 §I.2)."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from alliance.status import StatusChange, StatusMixin
from meetings.models.bodies import Body, RuleBase
from meetings.models.meetings import AgendaItem, Meeting
from meetings.models.offices import Office
from members.models import Member


class ResolutionKind(models.TextChoices):
    ORDINARY = "ordinary", _("Ordinary")
    ELECTION = "election", _("Election")
    EXPULSION = "expulsion", _("Expulsion")
    FEE_SCHEDULE = "fee_schedule", _("Fee schedule")
    WAIVER = "waiver", _("Waiver or reduction of dues")


class ResolutionStatus(models.TextChoices):
    DRAFT = "draft", _("Motion")
    VOTING = "voting", _("Voting open")
    PASSED = "passed", _("Passed")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class CountingMethod(models.TextChoices):
    RECORDED = "recorded", _("Votes recorded per unit")
    PAPER = "paper", _("Paper ballot totals")


class Resolution(StatusMixin, models.Model):
    """A motion on an agenda item and, once voted, the decision with the rule it was judged by.

    ``number`` is the register number (e.g. ``CM-2027-03``), given gaplessly per body
    and year when the resolution passes.
    """

    moves = "meetings.rules.RESOLUTION_MOVES"

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.PROTECT, related_name="resolutions"
    )
    body = models.ForeignKey(
        Body, verbose_name=_("body"), on_delete=models.PROTECT, related_name="resolutions"
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("agenda item"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="resolutions",
    )
    number = models.CharField(_("register number"), max_length=30, unique=True, null=True, blank=True)
    kind = models.CharField(
        _("kind"), max_length=20, choices=ResolutionKind.choices, default=ResolutionKind.ORDINARY
    )
    title = models.CharField(_("title"), max_length=255)
    text = models.TextField(_("text of the motion"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ResolutionStatus.choices, default=ResolutionStatus.DRAFT
    )
    secret = models.BooleanField(_("secret ballot"), default=False)
    # The member an expulsion names.
    subject_member = models.ForeignKey(
        Member,
        verbose_name=_("member concerned"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="resolutions_concerning",
    )
    # Elections: the office and the candidate (a person, optionally for a member).
    office = models.CharField(_("office"), max_length=30, choices=Office.choices, blank=True)
    candidate_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("candidate"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="candidacies",
    )
    candidate_member = models.ForeignKey(
        Member,
        verbose_name=_("candidate's member"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="candidacies",
    )
    # Increases each time a vote is reopened; only the current round counts.
    round = models.PositiveSmallIntegerField(_("voting round"), default=1)
    voting_opened_at = models.DateTimeField(_("voting opened at"), null=True, blank=True)

    # The result, frozen with the rule it was judged by (a later change of the body's
    # rules does not rewrite history).
    counting_method = models.CharField(
        _("counting"), max_length=10, choices=CountingMethod.choices, blank=True
    )
    rule_numerator = models.PositiveSmallIntegerField(_("rule numerator"), null=True, blank=True)
    rule_denominator = models.PositiveSmallIntegerField(_("rule denominator"), null=True, blank=True)
    rule_strict = models.BooleanField(_("rule strict"), null=True, blank=True)
    rule_base = models.CharField(_("rule base"), max_length=10, choices=RuleBase.choices, blank=True)
    entitled_count = models.PositiveIntegerField(_("members entitled"), null=True, blank=True)
    present_count = models.PositiveIntegerField(_("units present and voting-entitled"), null=True, blank=True)
    votes_for = models.PositiveIntegerField(_("for"), null=True, blank=True)
    votes_against = models.PositiveIntegerField(_("against"), null=True, blank=True)
    votes_abstain = models.PositiveIntegerField(_("abstentions"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("result recorded by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("proposed by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("resolution")
        verbose_name_plural = _("resolutions")
        ordering = ["-meeting__starts_at", "id"]
        indexes = [models.Index(fields=["kind", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="expulsion") | Q(subject_member__isnull=False),
                name="expulsion_names_member",
            ),
            models.CheckConstraint(
                condition=~Q(kind="election") | (~Q(office="") & Q(candidate_user__isnull=False)),
                name="election_names_office_and_candidate",
            ),
        ]

    def __str__(self):
        return f"{self.number or _('Motion')}: {self.title}"

    @property
    def base_count(self):
        return self.entitled_count if self.rule_base == RuleBase.ENTITLED else self.present_count


class ResolutionStatusChange(StatusChange):
    resolution = models.ForeignKey(
        Resolution, verbose_name=_("resolution"), on_delete=models.PROTECT, related_name="status_changes"
    )
    from_status = models.CharField(_("from"), max_length=20, choices=ResolutionStatus.choices)
    to_status = models.CharField(_("to"), max_length=20, choices=ResolutionStatus.choices)

    class Meta:
        verbose_name = _("resolution status change")
        verbose_name_plural = _("resolution status changes")
        ordering = ["changed_at", "id"]

    def __str__(self):
        return f"{self.resolution}: {self.from_status} → {self.to_status}"


class Elector(models.Model):
    """A member unit of the electorate frozen when voting opened (present and entitled then)."""

    resolution = models.ForeignKey(
        Resolution, verbose_name=_("resolution"), on_delete=models.PROTECT, related_name="electors"
    )
    round = models.PositiveSmallIntegerField(_("voting round"))
    member = models.ForeignKey(Member, verbose_name=_("member"), on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("elector")
        verbose_name_plural = _("electors")
        constraints = [
            models.UniqueConstraint(fields=["resolution", "round", "member"], name="one_elector_per_round")
        ]

    def __str__(self):
        return f"{self.member_id} @ {self.resolution_id}/{self.round}"


class Choice(models.TextChoices):
    FOR = "for", pgettext_lazy("vote", "For")
    AGAINST = "against", _("Against")
    ABSTAIN = "abstain", _("Abstain")


class BallotCast(models.Model):
    """Who voted (one row per unit and round). For a secret ballot, nothing links it to the choice."""

    resolution = models.ForeignKey(
        Resolution, verbose_name=_("resolution"), on_delete=models.PROTECT, related_name="casts"
    )
    round = models.PositiveSmallIntegerField(_("voting round"))
    member = models.ForeignKey(Member, verbose_name=_("member"), on_delete=models.PROTECT, related_name="+")
    cast_by_name = models.CharField(_("cast by (representative or delegate)"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("ballot cast")
        verbose_name_plural = _("ballots cast")
        constraints = [
            models.UniqueConstraint(
                fields=["resolution", "round", "member"], name="one_vote_per_unit_and_round"
            )
        ]

    def __str__(self):
        return f"{self.member_id} voted on {self.resolution_id}/{self.round}"


class Ballot(models.Model):
    """A choice. Open votes name the member; secret ones do not, and the random key and the
    absence of a timestamp keep the order of casting from linking a ballot to its voter."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    resolution = models.ForeignKey(
        Resolution, verbose_name=_("resolution"), on_delete=models.PROTECT, related_name="ballots"
    )
    round = models.PositiveSmallIntegerField(_("voting round"))
    choice = models.CharField(_("choice"), max_length=10, choices=Choice.choices)
    member = models.ForeignKey(
        Member,
        verbose_name=_("member (open vote)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        indexes = [models.Index(fields=["resolution", "round", "choice"])]

    def __str__(self):
        return f"{self.choice} on {self.resolution_id}/{self.round}"


class VoteReset(models.Model):
    """A reopened vote: the audited action that replaces deleting ballots."""

    resolution = models.ForeignKey(
        Resolution, verbose_name=_("resolution"), on_delete=models.PROTECT, related_name="resets"
    )
    voided_round = models.PositiveSmallIntegerField(_("voided round"))
    ballots_voided = models.PositiveIntegerField(_("ballots voided"))
    reason = models.TextField(_("reason"))
    reset_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("reset by"), on_delete=models.PROTECT, related_name="+"
    )
    reset_at = models.DateTimeField(_("reset at"), auto_now_add=True)

    class Meta:
        verbose_name = _("vote reset")
        verbose_name_plural = _("vote resets")
        ordering = ["reset_at", "id"]

    def __str__(self):
        return f"{self.resolution_id} round {self.voided_round} reset"


class ActionStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("action item status", "Open")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


class ActionItem(models.Model):
    """Follow-up of a resolution (000 §I.2): owner, due date, status, progress."""

    resolution = models.ForeignKey(
        Resolution, verbose_name=_("resolution"), on_delete=models.PROTECT, related_name="action_items"
    )
    title = models.CharField(_("title"), max_length=255)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="meeting_action_items",
    )
    owner_name = models.CharField(_("owner (name)"), max_length=200, blank=True)
    due_on = models.DateField(_("due on"))
    status = models.CharField(
        _("status"), max_length=20, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["status", "due_on"])]

    def __str__(self):
        return self.title

    @property
    def owner_display(self):
        if self.owner_id:
            return str(self.owner)
        return self.owner_name


class ProgressUpdate(models.Model):
    action_item = models.ForeignKey(
        ActionItem, verbose_name=_("action item"), on_delete=models.PROTECT, related_name="updates"
    )
    note = models.TextField(_("progress"))
    from_status = models.CharField(_("from"), max_length=20, choices=ActionStatus.choices)
    to_status = models.CharField(_("to"), max_length=20, choices=ActionStatus.choices)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("reported by"), on_delete=models.PROTECT, related_name="+"
    )
    reported_at = models.DateTimeField(_("reported at"), auto_now_add=True)

    class Meta:
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")
        ordering = ["reported_at", "id"]

    def __str__(self):
        return f"{self.action_item_id}: {self.to_status}"
