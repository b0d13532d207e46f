from django.contrib import admin

from alliance.admin import HistoryAdmin, ImmutableAdminMixin
from secretariat.models import (
    Activity,
    ActivityAttendance,
    ActivityStatusChange,
    Department,
    Document,
    DocumentAttachment,
    DocumentRecipient,
    DocumentStatusChange,
    LiaisonBriefing,
    ParticipationFlag,
    StaffProfile,
)


@admin.register(Department)
class DepartmentAdmin(HistoryAdmin):
    list_display = ["name", "code", "head", "order"]
    list_select_related = ["head"]
    raw_id_fields = ["head"]


@admin.register(StaffProfile)
class StaffProfileAdmin(HistoryAdmin):
    list_display = ["__str__", "department", "title", "approval_role", "is_active"]
    list_filter = ["department", "approval_role", "is_active"]
    list_select_related = ["user", "department"]
    raw_id_fields = ["user"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]


class DocumentStatusChangeInline(ImmutableAdminMixin, admin.TabularInline):
    model = DocumentStatusChange
    extra = 0
    readonly_fields = ["from_status", "to_status", "changed_by", "changed_at", "comment"]
    addable = False


class IssuedDocumentMixin(ImmutableAdminMixin):
    """An issued document is never edited, not even here: a revision supersedes it."""

    def is_immutable(self, obj) -> bool:
        document = getattr(obj, "document", obj)
        return document is not None and document.is_issued


class DocumentAttachmentInline(IssuedDocumentMixin, admin.TabularInline):
    model = DocumentAttachment
    extra = 0
    raw_id_fields = ["uploaded_by"]


@admin.register(Document)
class DocumentAdmin(IssuedDocumentMixin, admin.ModelAdmin):
    list_display = ["number", "title", "kind", "audience", "status", "department", "issued_at"]
    list_filter = ["kind", "audience", "status", "department"]
    search_fields = ["number", "title", "body"]
    list_select_related = ["department"]
    raw_id_fields = ["author", "reviewed_by", "approved_by", "issued_by", "supersedes"]
    # The workflow (numbering above all) belongs to the services: the admin only reads it.
    readonly_fields = [
        "status",
        "number",
        "number_year",
        "number_sequence",
        "reviewed_by",
        "reviewed_at",
        "approved_by",
        "approved_at",
        "issued_by",
        "issued_at",
        "archived_at",
    ]
    inlines = [DocumentAttachmentInline, DocumentStatusChangeInline]


@admin.register(DocumentRecipient)
class DocumentRecipientAdmin(admin.ModelAdmin):
    list_display = ["document", "user", "member", "circulated_at", "read_at"]
    list_select_related = ["document", "user", "member"]
    raw_id_fields = ["document", "user", "member", "circulated_by"]


@admin.register(DocumentAttachment)
class DocumentAttachmentAdmin(IssuedDocumentMixin, admin.ModelAdmin):
    list_display = ["name", "document", "uploaded_by", "uploaded_at"]
    raw_id_fields = ["document", "uploaded_by"]


@admin.register(DocumentStatusChange)
class DocumentStatusChangeAdmin(ImmutableAdminMixin, admin.ModelAdmin):
    list_display = ["document", "from_status", "to_status", "changed_by", "changed_at"]
    raw_id_fields = ["document", "changed_by"]
    addable = False


class ActivityStatusChangeInline(admin.TabularInline):
    model = ActivityStatusChange
    extra = 0
    readonly_fields = ["from_status", "to_status", "changed_by", "changed_at", "comment"]
    can_delete = False


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ["theme", "starts_on", "ends_on", "place", "is_major", "status", "budget"]
    list_filter = ["status", "is_major", "department"]
    search_fields = ["theme", "place"]
    date_hierarchy = "starts_on"
    raw_id_fields = ["approved_by", "created_by"]
    readonly_fields = ["status", "approved_by", "approved_at"]
    inlines = [ActivityStatusChangeInline]


@admin.register(ActivityAttendance)
class ActivityAttendanceAdmin(HistoryAdmin):
    list_display = ["activity", "member", "representative", "attendee_name", "recorded_at"]
    list_select_related = ["activity", "member", "representative"]
    raw_id_fields = ["activity", "member", "representative", "recorded_by"]


@admin.register(ActivityStatusChange)
class ActivityStatusChangeAdmin(admin.ModelAdmin):
    list_display = ["activity", "from_status", "to_status", "changed_by", "changed_at"]
    raw_id_fields = ["activity", "changed_by"]


@admin.register(LiaisonBriefing)
class LiaisonBriefingAdmin(HistoryAdmin):
    list_display = ["office", "period_start", "period_end", "submitted_by", "submitted_at"]
    list_filter = ["office"]
    raw_id_fields = ["submitted_by"]


@admin.register(ParticipationFlag)
class ParticipationFlagAdmin(HistoryAdmin):
    list_display = ["member", "kind", "consecutive_absences", "proposed_status", "status", "raised_at"]
    list_filter = ["status", "kind"]
    list_select_related = ["member"]
    raw_id_fields = ["member", "representative", "decided_by"]
    # Confirming changes a member's status: only through the page that calls the service.
    readonly_fields = ["status", "decided_by", "decided_at"]
