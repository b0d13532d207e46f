"""Scoped object access for the members views: outside the user's scope is a 404."""

from django.shortcuts import get_object_or_404

from members.selectors import applications_visible_to, members_visible_to


def application_for(user, pk):
    return get_object_or_404(applications_visible_to(user).select_related("liaison_office", "member"), pk=pk)


def member_for(user, pk):
    return get_object_or_404(members_visible_to(user), pk=pk)


def error_text(error) -> str:
    return str(error.args[0]) if error.args else str(error)
