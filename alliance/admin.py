from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseNotAllowed
from post_office import admin as post_office_admin
from post_office.models import Email
from simple_history.admin import SimpleHistoryAdmin

from alliance.models import NumberSequence


class ImmutableAdminMixin:
    """Hold in the admin what the application holds immutable (issue 9 §6).

    A record in an immutable state (approved minutes, an issued document, a receipt, a
    recorded vote…) is shown read-only and cannot be deleted: the change form has no
    save button, a change POST is refused (403) and so is a delete, single or in bulk.
    Corrections go through the application's own paths (a new version of the minutes, a
    superseding document, a reversal), which record who and when.

    ``is_immutable(obj)`` says which states; by default every record is (a log of what
    happened), and ``obj`` is None when the admin asks about the model as a whole. On
    an inline, ``obj`` is the parent record. ``addable`` False also refuses adding rows
    that only a service creates.
    """

    addable = True

    def is_immutable(self, obj) -> bool:
        return True

    def has_add_permission(self, request, *args):
        return self.addable and super().has_add_permission(request, *args)

    def has_change_permission(self, request, obj=None):
        return not self.is_immutable(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not self.is_immutable(obj) and super().has_delete_permission(request, obj)

    # django-simple-history's "revert" form saves an old version over the record, and it
    # asks the permissions about that old version (say, the draft of approved minutes):
    # the state that counts is the stored one.
    def _stored_is_immutable(self, obj) -> bool:
        stored = self.model._default_manager.filter(pk=getattr(obj, "pk", None)).first()
        return stored is not None and self.is_immutable(stored)

    def revert_disabled(self, request, obj=None):
        return self._stored_is_immutable(obj) or super().revert_disabled(request, obj)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST" and self._stored_is_immutable(self.get_object(request, object_id)):
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


@admin.register(NumberSequence)
class NumberSequenceAdmin(ImmutableAdminMixin, admin.ModelAdmin):
    list_display = ("key", "year", "last_value")
    list_filter = ("key", "year")
    # Numbers are handed out by services only; editing here would create gaps or duplicates.
    addable = False


class HistoryAdmin(SimpleHistoryAdmin):
    """django-simple-history's admin, answering 404 (not 500) to an id that is not one.

    Its history views look objects up with the raw URL segment, so ``…/x/history/`` raised
    ValueError; Django's own admin views check the id the same way first.
    """

    @staticmethod
    def _is_key(field, value) -> bool:
        try:
            field.to_python(unquote(value))
        except ValidationError:
            return False
        return True

    def history_view(self, request, object_id, extra_context=None):
        if not self._is_key(self.model._meta.pk, object_id):
            raise Http404
        return super().history_view(request, object_id, extra_context=extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        history_pk = self.model.history.model._meta.pk
        if not (self._is_key(self.model._meta.pk, object_id) and self._is_key(history_pk, version_id)):
            raise Http404
        return super().history_form_view(request, object_id, version_id, extra_context=extra_context)


class EmailAdmin(post_office_admin.EmailAdmin):
    """django-post-office's admin, whose "resend" link sends mail on a GET: here it takes a POST."""

    def resend(self, request, pk):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        return super().resend(request, pk)


if admin.site.is_registered(Email):
    admin.site.unregister(Email)
admin.site.register(Email, EmailAdmin)
