from django.contrib import admin

from alliance.models import NumberSequence


@admin.register(NumberSequence)
class NumberSequenceAdmin(admin.ModelAdmin):
    list_display = ("key", "year", "last_value")
    list_filter = ("key", "year")
    # Numbers are handed out by services only; editing here would create gaps or duplicates.
    readonly_fields = ("key", "year", "last_value")

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
