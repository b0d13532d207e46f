"""A small form refused after its POST, shown again on the page that holds it.

The forms on list and detail pages (a reversal's reason, a set-aside note, a review decision)
post to their own URL, which redirects back to the page (Post/Redirect/Get). When one is
invalid, :func:`keep` stores what was typed and each field's errors in the session for the
page it redirects to; that page shows the form through ``{% bounced form action as form %}``
(alliance_tags), with each error beside its field and the input as typed. The errors are
also listed at the top of the page (alliance.views.form_errors_reported), as an error summary.
"""

import copy
from urllib.parse import urlsplit

from django.forms.utils import ErrorDict, ErrorList
from django.utils.datastructures import MultiValueDict

SESSION_KEY = "alliance_bounced_form"
NOT_READ = object()


def keep(request, form, page: str) -> None:
    """Keep ``form``'s input and errors for ``page`` (a path), the next page the user sees."""
    request.session[SESSION_KEY] = {
        "page": urlsplit(page).path,
        "action": request.path,
        "data": {key: request.POST.getlist(key) for key in request.POST if key != "csrfmiddlewaretoken"},
        "errors": {field: [str(message) for message in errors] for field, errors in form.errors.items()},
    }


def shown_again(request, form, action: str):
    """Return ``form`` bound to what was typed into it when it was refused at ``action``,
    with its errors; else ``form`` itself. The kept form is shown once, on its page only."""
    entry = taken(request)
    if form is None or entry is None or entry["action"] != action:
        return form
    bound = copy.copy(form)
    bound.fields = copy.deepcopy(form.fields)
    bound.is_bound = True
    bound.data = MultiValueDict(entry["data"])
    bound.files = MultiValueDict()
    bound._bound_fields_cache = {}
    bound._errors = ErrorDict(
        {
            field: ErrorList(messages, error_class="nonfield" if field == "__all__" else None)
            for field, messages in entry["errors"].items()
        }
    )
    return bound


def taken(request):
    """Return the form kept for this page, taking it out of the session (once per request)."""
    found = getattr(request, "_bounced_form", NOT_READ)
    if found is NOT_READ:
        session = getattr(request, "session", None)
        found = session.get(SESSION_KEY) if session is not None else None
        if found is not None and found["page"] != request.path and _is_fragment(request):
            # A live part of another page polled meanwhile (htmx): the form waits for its page.
            found = None
        elif found is not None:
            session.pop(SESSION_KEY)
            if found["page"] != request.path:
                found = None  # kept for a page the user never came back to
        request._bounced_form = found
    return found


def _is_fragment(request) -> bool:
    return request.headers.get("HX-Request") == "true"
