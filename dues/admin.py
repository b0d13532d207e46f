"""Django admin for every dues model. Money documents are read-only here: changes go
through the services (recorded with who and when), and receipts can never be edited."""

from django.contrib import admin

from alliance.admin import HistoryAdmin, ImmutableAdminMixin
from dues.models import (
    ArrearsPublication,
    FeeRate,
    FeeSchedule,
    Invoice,
    InvoiceLine,
    InvoiceStatusChange,
    Payment,
    Receipt,
    ReminderSent,
)


class ReadOnlyMixin(ImmutableAdminMixin):
    """Money documents (invoices, payments, receipts…): made and corrected by the services only."""

    addable = False


class FeeRateInline(admin.TabularInline):
    model = FeeRate
    extra = 0


@admin.register(FeeSchedule)
class FeeScheduleAdmin(ImmutableAdminMixin, HistoryAdmin):
    list_display = ["year", "approved_on", "approving_meeting", "currency"]
    inlines = [FeeRateInline]

    def is_immutable(self, obj) -> bool:
        # A schedule that invoices use is history (dues issue): not edited in place.
        return obj is not None and obj.invoices.exists()

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(FeeRate)
class FeeRateAdmin(ReadOnlyMixin, HistoryAdmin):
    list_display = ["schedule", "tier", "amount"]


class InvoiceLineInline(ReadOnlyMixin, admin.TabularInline):
    model = InvoiceLine
    extra = 0


@admin.register(Invoice)
class InvoiceAdmin(ReadOnlyMixin, HistoryAdmin):
    list_display = ["number", "member", "year", "tier", "total", "due_on", "status"]
    list_filter = ["year", "status", "tier"]
    search_fields = ["number", "member__name"]
    list_select_related = ["member"]
    inlines = [InvoiceLineInline]


@admin.register(InvoiceLine)
class InvoiceLineAdmin(ReadOnlyMixin, HistoryAdmin):
    list_display = ["invoice", "kind", "description", "amount", "resolution"]
    list_filter = ["kind"]
    list_select_related = ["invoice"]


@admin.register(InvoiceStatusChange)
class InvoiceStatusChangeAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["invoice", "from_status", "to_status", "changed_by", "changed_at"]


@admin.register(Payment)
class PaymentAdmin(ReadOnlyMixin, HistoryAdmin):
    list_display = ["invoice", "amount", "received_on", "method", "recorded_by", "reversed_at"]
    list_select_related = ["invoice", "recorded_by"]
    search_fields = ["invoice__number", "bank_reference"]


@admin.register(Receipt)
class ReceiptAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["number", "payment", "issued_at"]
    list_select_related = ["payment__invoice"]
    search_fields = ["number"]


@admin.register(ReminderSent)
class ReminderSentAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["invoice", "stage", "run_on", "sent_at", "recipients"]
    list_filter = ["stage", "run_on"]
    list_select_related = ["invoice"]


@admin.register(ArrearsPublication)
class ArrearsPublicationAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["published_on", "published_by", "published_at", "withdrawn_at", "show_amounts"]
