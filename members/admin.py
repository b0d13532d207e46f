"""Django admin for every model of the members app; history is read-only."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from alliance.admin import HistoryAdmin, ImmutableAdminMixin
from members.models import (
    Application,
    ApplicationDecision,
    ApplicationDocument,
    ApplicationRepresentative,
    ApplicationStatusChange,
    Certificate,
    Contact,
    LiaisonOffice,
    Member,
    MemberStatusChange,
    Representative,
)


class ReadOnlyInline(ImmutableAdminMixin, admin.TabularInline):
    extra = 0
    addable = False


class ReadOnlyAdmin(ImmutableAdminMixin, admin.ModelAdmin):
    """Records of what happened (review decisions, documents, status changes): never edited or deleted."""

    addable = False


@admin.register(LiaisonOffice)
class LiaisonOfficeAdmin(HistoryAdmin):
    list_display = ["name", "country_list", "director", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name", "email"]
    filter_horizontal = ["officers"]

    @admin.display(description=_("countries"))
    def country_list(self, obj):
        return ", ".join(c.code for c in obj.countries)


class RepresentativeInline(admin.TabularInline):
    model = Representative
    extra = 0
    fields = ["role", "name", "native_name", "email", "user", "started_on", "ended_on"]
    raw_id_fields = ["user"]


class ContactInline(admin.TabularInline):
    model = Contact
    extra = 0


class StatusChangeInline(ReadOnlyInline):
    model = MemberStatusChange
    fields = ["changed_at", "from_status", "to_status", "comment", "resolution_reference", "changed_by"]
    readonly_fields = fields


class CertificateInline(ReadOnlyInline):
    model = Certificate
    fields = ["number", "code", "tier", "issued_on", "revoked_at"]
    readonly_fields = fields


@admin.register(Member)
class MemberAdmin(HistoryAdmin):
    list_display = [
        "number",
        "name",
        "native_name",
        "kind",
        "tier",
        "country",
        "region",
        "status",
        "joined_on",
    ]
    list_filter = ["status", "kind", "tier", "region", "industry", "unit_type", "country"]
    search_fields = ["number", "name", "native_name", "registration_number", "email"]
    date_hierarchy = "joined_on"
    # A status is changed through the member file (a recorded change with its reason).
    readonly_fields = ["number", "status", "created_at", "updated_at"]
    raw_id_fields = ["user"]
    inlines = [RepresentativeInline, ContactInline, StatusChangeInline, CertificateInline]
    list_per_page = 50
    show_full_result_count = False

    def has_delete_permission(self, request, obj=None):
        return False  # files of members who leave are kept (003 §三)


@admin.register(Representative)
class RepresentativeAdmin(HistoryAdmin):
    list_display = ["name", "member", "role", "email", "started_on", "ended_on"]
    list_filter = ["role", "ended_on"]
    search_fields = ["name", "native_name", "email", "member__name", "member__number"]
    list_select_related = ["member"]
    raw_id_fields = ["member", "user"]


@admin.register(Contact)
class ContactAdmin(HistoryAdmin):
    list_display = ["name", "member", "position", "email", "phone"]
    search_fields = ["name", "email", "member__name"]
    list_select_related = ["member"]
    raw_id_fields = ["member"]


@admin.register(MemberStatusChange)
class MemberStatusChangeAdmin(ReadOnlyAdmin):
    list_display = ["member", "from_status", "to_status", "changed_at", "changed_by", "resolution_reference"]
    list_filter = ["to_status"]
    search_fields = ["member__name", "member__number", "comment", "resolution_reference"]
    list_select_related = ["member", "changed_by"]


class ApplicationRepresentativeInline(admin.TabularInline):
    model = ApplicationRepresentative
    extra = 0


class ApplicationDocumentInline(ReadOnlyInline):
    model = ApplicationDocument
    fields = ["kind", "original_name", "content_type", "size", "review", "review_reason", "uploaded_at"]
    readonly_fields = fields


class ApplicationDecisionInline(ReadOnlyInline):
    model = ApplicationDecision
    fields = [
        "stage",
        "round",
        "decision",
        "comment",
        "documents_override_reason",
        "decided_by",
        "decided_at",
    ]
    readonly_fields = fields


class ApplicationStatusChangeInline(ReadOnlyInline):
    model = ApplicationStatusChange
    fields = ["changed_at", "from_status", "to_status", "comment", "changed_by"]
    readonly_fields = fields


@admin.register(Application)
class ApplicationAdmin(HistoryAdmin):
    list_display = ["__str__", "kind", "tier", "country", "status", "no_liaison_office", "status_changed_at"]
    list_filter = ["status", "kind", "tier", "no_liaison_office", "liaison_office"]
    search_fields = ["name", "native_name", "email", "registration_number"]
    list_select_related = ["liaison_office"]
    # Decisions and moves go through the review pages, which record who and when.
    readonly_fields = [
        "status",
        "round",
        "returned_stage",
        "submitted_at",
        "status_changed_at",
        "declaration_accepted_at",
        "member",
        "liaison_office",
        "no_liaison_office",
    ]
    raw_id_fields = ["applicant"]
    inlines = [
        ApplicationRepresentativeInline,
        ApplicationDocumentInline,
        ApplicationDecisionInline,
        ApplicationStatusChangeInline,
    ]

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ApplicationDecision)
class ApplicationDecisionAdmin(ReadOnlyAdmin):
    list_display = ["application", "stage", "round", "decision", "decided_by", "decided_at"]
    list_filter = ["stage", "decision"]
    list_select_related = ["application", "decided_by"]


@admin.register(ApplicationDocument)
class ApplicationDocumentAdmin(ReadOnlyAdmin):
    list_display = ["application", "kind", "original_name", "content_type", "size", "review"]
    list_filter = ["kind", "review", "content_type"]
    list_select_related = ["application"]


@admin.register(ApplicationStatusChange)
class ApplicationStatusChangeAdmin(ReadOnlyAdmin):
    list_display = ["application", "from_status", "to_status", "changed_by", "changed_at"]
    list_filter = ["to_status"]
    list_select_related = ["application", "changed_by"]


@admin.register(Certificate)
class CertificateAdmin(ImmutableAdminMixin, HistoryAdmin):
    """Issued certificates never change; revocation follows the member's status."""

    addable = False
    list_display = ["number", "member", "tier", "issued_on", "has_pdf", "revoked_at"]
    list_filter = ["tier", "revoked_at"]
    search_fields = ["number", "code", "member__name", "member__number"]
    list_select_related = ["member"]
    readonly_fields = [
        "member",
        "number",
        "code",
        "tier",
        "issued_on",
        "issued_by",
        "file",
        "letter_file",
        "revoked_at",
    ]
    actions = ["rerender"]

    @admin.display(boolean=True, description=_("PDF stored"))
    def has_pdf(self, obj):
        return bool(obj.file)

    @admin.action(description=_("Render the PDFs again"))
    def rerender(self, request, queryset):
        from members.services import certificate_render

        for certificate in queryset:
            certificate_render(certificate_id=certificate.pk, force=True)
        self.message_user(
            request, _("%(n)d certificate(s) rendered.") % {"n": queryset.count()}, messages.SUCCESS
        )
