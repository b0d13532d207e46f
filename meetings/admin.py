"""Django admin for every model of the app (issue 5 §9), with history (simple_history)."""

from django.contrib import admin

from alliance.admin import HistoryAdmin, ImmutableAdminMixin
from meetings import models

FINAL_RESOLUTION_STATUSES = (
    models.ResolutionStatus.PASSED,
    models.ResolutionStatus.REJECTED,
    models.ResolutionStatus.WITHDRAWN,
)


class RecordAdmin(ImmutableAdminMixin, admin.ModelAdmin):
    """What happened (votes cast, status changes): made by the services, never edited or deleted."""

    addable = False


@admin.register(models.Body)
class BodyAdmin(HistoryAdmin):
    list_display = ["code", "name", "quorum_numerator", "quorum_denominator", "quorum_strict", "is_active"]


class AgendaItemInline(admin.TabularInline):
    model = models.AgendaItem
    extra = 0
    fields = ["position", "title", "created_by"]
    raw_id_fields = ["created_by"]


@admin.register(models.Meeting)
class MeetingAdmin(HistoryAdmin):
    list_display = ["title", "body", "starts_at", "mode", "status"]
    list_filter = ["body", "status", "mode"]
    search_fields = ["title", "venue"]
    date_hierarchy = "starts_at"
    raw_id_fields = ["created_by", "notice_issued_by"]
    inlines = [AgendaItemInline]


@admin.register(models.MeetingStatusChange)
class MeetingStatusChangeAdmin(admin.ModelAdmin):
    list_display = ["meeting", "from_status", "to_status", "changed_by", "changed_at"]
    raw_id_fields = ["meeting", "changed_by"]


@admin.register(models.AgendaItem)
class AgendaItemAdmin(HistoryAdmin):
    list_display = ["meeting", "position", "title"]
    raw_id_fields = ["meeting", "created_by"]


@admin.register(models.Material)
class MaterialAdmin(HistoryAdmin):
    list_display = ["title", "agenda_item", "uploaded_at"]
    raw_id_fields = ["agenda_item", "uploaded_by"]


@admin.register(models.Invitation)
class InvitationAdmin(HistoryAdmin):
    list_display = ["meeting", "member", "name", "is_voting", "response", "notified_at"]
    list_filter = ["response", "is_voting"]
    raw_id_fields = ["meeting", "member", "responded_by"]


@admin.register(models.Attendance)
class AttendanceAdmin(HistoryAdmin):
    list_display = ["meeting", "member", "mode", "delegate_name", "signed_in_at"]
    list_filter = ["mode"]
    raw_id_fields = ["meeting", "member", "signed_in_by"]


@admin.register(models.Resolution)
class ResolutionAdmin(ImmutableAdminMixin, HistoryAdmin):
    list_display = ["number", "title", "body", "kind", "status", "decided_at"]
    list_filter = ["body", "kind", "status"]
    search_fields = ["number", "title"]
    raw_id_fields = [
        "meeting",
        "agenda_item",
        "subject_member",
        "candidate_user",
        "candidate_member",
        "decided_by",
        "proposed_by",
    ]

    def is_immutable(self, obj) -> bool:
        # A recorded result (and a withdrawal) is final: a vote is reopened only by its service.
        return obj is not None and obj.status in FINAL_RESOLUTION_STATUSES


@admin.register(models.ResolutionStatusChange)
class ResolutionStatusChangeAdmin(RecordAdmin):
    list_display = ["resolution", "from_status", "to_status", "changed_by", "changed_at"]
    raw_id_fields = ["resolution", "changed_by"]


@admin.register(models.Elector)
class ElectorAdmin(RecordAdmin):
    list_display = ["resolution", "round", "member"]
    raw_id_fields = ["resolution", "member"]


@admin.register(models.BallotCast)
class BallotCastAdmin(RecordAdmin):
    list_display = ["resolution", "round", "member", "recorded_at"]
    raw_id_fields = ["resolution", "member", "recorded_by"]


@admin.register(models.Ballot)
class BallotAdmin(RecordAdmin):
    list_display = ["resolution", "round", "choice", "member"]
    raw_id_fields = ["resolution", "member"]


@admin.register(models.VoteReset)
class VoteResetAdmin(RecordAdmin):
    list_display = ["resolution", "voided_round", "ballots_voided", "reset_by", "reset_at"]
    raw_id_fields = ["resolution", "reset_by"]


@admin.register(models.ActionItem)
class ActionItemAdmin(HistoryAdmin):
    list_display = ["title", "resolution", "due_on", "status"]
    list_filter = ["status"]
    raw_id_fields = ["resolution", "owner", "created_by"]


@admin.register(models.ProgressUpdate)
class ProgressUpdateAdmin(admin.ModelAdmin):
    list_display = ["action_item", "to_status", "reported_by", "reported_at"]
    raw_id_fields = ["action_item", "reported_by"]


@admin.register(models.OfficeHolding)
class OfficeHoldingAdmin(HistoryAdmin):
    list_display = [
        "office",
        "holder",
        "member",
        "how",
        "started_on",
        "term_ends_on",
        "ended_on",
        "end_reason",
    ]
    list_filter = ["office", "how", "end_reason"]
    raw_id_fields = ["holder", "member", "resolution", "appointed_by", "recorded_by"]


@admin.register(models.Minutes)
class MinutesAdmin(ImmutableAdminMixin, HistoryAdmin):
    list_display = ["meeting", "version", "status", "approved_at", "circulated_at"]
    list_filter = ["status"]
    raw_id_fields = ["meeting", "supersedes", "created_by", "approved_by"]

    def is_immutable(self, obj) -> bool:
        # Approved minutes are corrected by a new version, never in place.
        return obj is not None and obj.is_locked


@admin.register(models.MinutesStatusChange)
class MinutesStatusChangeAdmin(RecordAdmin):
    list_display = ["minutes", "from_status", "to_status", "changed_by", "changed_at"]
    raw_id_fields = ["minutes", "changed_by"]


@admin.register(models.MinutesRecipient)
class MinutesRecipientAdmin(admin.ModelAdmin):
    list_display = ["minutes", "member", "email", "emailed_at", "read_at"]
    raw_id_fields = ["minutes", "member", "read_by"]


@admin.register(models.MeetingRoom)
class MeetingRoomAdmin(HistoryAdmin):
    list_display = ["meeting", "check_in_open", "check_in_changed_at", "current_item"]
    raw_id_fields = ["meeting", "check_in_changed_by", "current_item"]


@admin.register(models.Mandate)
class MandateAdmin(admin.ModelAdmin):
    list_display = ["meeting", "member", "delegate", "granted_at", "revoked_at"]
    raw_id_fields = ["meeting", "member", "delegate", "granted_by", "revoked_by"]


@admin.register(models.SecretTally)
class SecretTallyAdmin(admin.ModelAdmin):
    list_display = ["resolution", "round", "choice", "count"]
    raw_id_fields = ["resolution"]


@admin.register(models.SpeakerRequest)
class SpeakerRequestAdmin(HistoryAdmin):
    list_display = ["agenda_item", "speaker_name", "member", "status", "position", "requested_at"]
    raw_id_fields = ["agenda_item", "member", "requested_by", "changed_by"]


class ContestCandidateInline(admin.TabularInline):
    model = models.ContestCandidate
    extra = 0
    raw_id_fields = ["resolution"]


@admin.register(models.Contest)
class ContestAdmin(admin.ModelAdmin):
    list_display = ["meeting", "office", "seats", "created_at"]
    raw_id_fields = ["meeting", "created_by"]
    inlines = [ContestCandidateInline]
