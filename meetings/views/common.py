"""Helpers shared by the views: object access scoped to the user, and running one service."""

from django.contrib import messages
from django.shortcuts import redirect

from meetings.services import MeetingError


def run(request, service, success_message, redirect_to, **kwargs):
    """Call one service; its refusal becomes an error message and changes nothing."""
    try:
        result = service(**kwargs)
    except MeetingError as exc:
        messages.error(request, str(exc))
        return redirect(redirect_to), None
    messages.success(request, success_message)
    return redirect(redirect_to), result


def form_errors(request, form, redirect_to):
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else error)
    return redirect(redirect_to)
