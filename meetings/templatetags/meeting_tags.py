"""Template tags of the meetings app."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from alliance.rows import object_url

register = template.Library()


@register.simple_tag(takes_context=True)
def sign_in_row(context, inv, attendance, oob=False):
    """One unit's row of the sign-in sheet: the unit, its vote, its answer, and its attendance
    or, while the meeting is open, the clerk's sign-in form (``row_error`` above it).

    Written in Python, for the sheet (``meetings/sign_in.html``), the clerk's htmx answer and
    the sheet's poll alike: the sheet lists hundreds of units, and an included template per
    row cost ~140 us a row, a quarter of the page, in the issue 15 bench.
    """
    member = inv.member
    if member.has_voting_rights and inv.is_voting:
        vote = gettext("yes")
    else:
        vote = format_html('<span class="text-danger">{}</span>', member.get_status_display())
    answer = inv.get_response_display()
    if inv.delegate_name:
        answer = format_html("{}: {}", answer, inv.delegate_name)
    row_error = context.get("row_error")
    error = ""
    if row_error:
        error = format_html('<div class="text-danger small row-error" role="alert">{}</div>', row_error)
    if attendance:
        named = attendance.delegate_name or attendance.attendee_name
        cell = format_html(
            '{}<span class="text-success signed-in">\N{HEAVY CHECK MARK} {}{}</span>',
            error,
            attendance.get_mode_display(),
            format_html(": {}", named) if named else "",
        )
    elif context.get("open"):
        cell = format_html("\n    {}{}", error, _sign_in_form(context, inv))
    else:
        cell = "—"
    return format_html(
        '<tr id="unit-{}"{}><td>{} <span class="text-muted small">{}</span></td>\n'
        "  <td>{}</td>\n  <td>{}</td>\n  <td>\n  {}\n  </td></tr>",
        inv.member_id,
        SafeString(' hx-swap-oob="true"') if oob else "",
        member.name,
        member.number,
        vote,
        answer,
        cell,
    )


# The clerk's sign-in form of a row not signed in yet, while the meeting is open.
SIGN_IN_FORM = (
    '<form method="post" action="{url}" hx-post="{url}" hx-target="closest tr" hx-swap="outerHTML"'
    ' hx-encoding="multipart/form-data" enctype="multipart/form-data"'
    ' class="d-flex flex-wrap gap-1 sign-in-form">'
    '<input type="hidden" name="csrfmiddlewaretoken" value="{csrf}">\n'
    '<input type="hidden" name="member" value="{member}">\n'
    '<select name="mode" class="form-select form-select-sm w-auto" aria-label="{attends}">\n'
    '<option value="in_person"{in_person_selected}>{in_person}</option>'
    '<option value="online"{online_selected}>{online}</option>'
    '<option value="delegate"{delegate_selected}>{delegate}</option></select>\n'
    '<input name="attendee_name" class="form-control form-control-sm w-auto"'
    ' placeholder="{attendee}" value="{attendee_value}" aria-label="{attendee}">\n'
    '<input name="delegate_name" class="form-control form-control-sm w-auto"'
    ' placeholder="{delegate_name}" value="{delegate_value}" aria-label="{delegate_name}">\n'
    '<input type="file" name="mandate" class="form-control form-control-sm w-auto" aria-label="{mandate}">\n'
    '<button class="btn btn-sm btn-primary" type="submit">{sign_in}</button>\n'
    "</form>"
)


def _sign_in_form(context, inv) -> SafeString:
    """The row's form: empty (the unit's delegate named in its answer, if any), or as the clerk
    typed it when this row's sign-in was just refused (``typed``: the POST, kept beside
    ``row_error``; a file cannot be put back in a file input)."""
    typed = context.get("typed")
    if typed is None or typed.get("member") != str(inv.member_id):
        typed = {"mode": "delegate" if inv.response == "delegate" else "", "delegate_name": inv.delegate_name}
    mode = typed.get("mode", "")
    return format_html(
        SIGN_IN_FORM,
        url=object_url("meetings:sign_in", context["meeting"].pk),
        csrf=context.get("csrf_token", ""),
        member=inv.member_id,
        attends=gettext("Attends"),
        in_person=gettext("In person"),
        online=gettext("Online"),
        in_person_selected=SafeString(" selected") if mode == "in_person" else "",
        online_selected=SafeString(" selected") if mode == "online" else "",
        delegate_selected=SafeString(" selected") if mode == "delegate" else "",
        delegate=gettext("By delegate"),
        attendee=gettext("Attendee"),
        attendee_value=typed.get("attendee_name", ""),
        delegate_name=gettext("Delegate"),
        delegate_value=typed.get("delegate_name", ""),
        mandate=gettext("Mandate"),
        sign_in=gettext("Sign in"),
    )
