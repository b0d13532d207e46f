"""Template tags of the meetings app."""

import html

from django import template
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils import translation
from django.utils.dateformat import time_format
from django.utils.formats import get_format
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString
from django.utils.timezone import template_localtime
from django.utils.translation import gettext, gettext_noop

from alliance.rows import object_url

register = template.Library()


@register.simple_tag(takes_context=True)
def sign_in_row(context, inv, attendance, oob=False):
    """One unit's row of the sign-in sheet: the unit, its vote, its answer, and its attendance
    or, while the meeting is open, the clerk's sign-in form (``row_error`` above it).

    Written in Python, for the sheet (``meetings/sign_in.html``), the clerk's htmx answer and
    the sheet's poll alike: the sheet lists hundreds of units, and an included template per
    row cost ~140 us a row, a quarter of the page, in the issue 15 bench. Its text is escaped
    as ``escape`` does (``_escape``) and put in place in one string: nested ``format_html``
    calls cost ~25 us more a row, and a form's translated labels ~60 us (``_form_template``).
    """
    member = inv.member
    if member.has_voting_rights and inv.is_voting:
        vote = _escape(gettext("yes"))
    else:
        vote = f'<span class="text-danger">{_escape(member.get_status_display())}</span>'
    answer = _escape(inv.get_response_display())
    if inv.delegate_name:
        answer = f"{answer}: {_escape(inv.delegate_name)}"
    row_error = context.get("row_error")
    error = ""
    if row_error:
        error = f'<div class="text-danger small row-error" role="alert">{conditional_escape(row_error)}</div>'
    if attendance:
        named = attendance.delegate_name or attendance.attendee_name
        named = f": {_escape(named)}" if named else ""
        cell = (
            f'{error}<span class="text-success signed-in">\N{HEAVY CHECK MARK} '
            f"{_escape(attendance.get_mode_display())}{named}</span>"
        )
    elif context.get("open"):
        cell = f"\n    {error}{_sign_in_form(context, inv)}"
    else:
        cell = "—"
    swap = ' hx-swap-oob="true"' if oob else ""
    return SafeString(
        f'<tr id="unit-{inv.member_id}"{swap}><td>{_escape(member.name)}'
        f' <span class="text-muted small">{_escape(member.number)}</span></td>\n'
        f"  <td>{vote}</td>\n  <td>{answer}</td>\n  <td>\n  {cell}\n  </td></tr>"
    )


def _escape(text) -> str:
    """``django.utils.html.escape`` without its lazy-string wrapper: the same characters
    escaped the same way (``html.escape``, quotes included)."""
    return html.escape(str(text))


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


# The form's labels, put in place once per language (``_form_template``); marked for
# makemessages, which does not see the gettext() of a variable.
SIGN_IN_FORM_LABELS = {
    "attends": gettext_noop("Attends"),
    "in_person": gettext_noop("In person"),
    "online": gettext_noop("Online"),
    "delegate": gettext_noop("By delegate"),
    "attendee": gettext_noop("Attendee"),
    "delegate_name": gettext_noop("Delegate"),
    "mandate": gettext_noop("Mandate"),
    "sign_in": gettext_noop("Sign in"),
}
# SIGN_IN_FORM with its labels translated, by language.
_FORM_TEMPLATES: dict[str, str] = {}


def _form_template() -> str:
    """SIGN_IN_FORM with its labels in the active language (escaped), the row's own fields
    left to fill: translated once per language, where eight translations a form cost ~60 us
    a row in the issue 15 bench."""
    language = translation.get_language()
    form = _FORM_TEMPLATES.get(language)
    if form is None:
        labels = {
            name: _escape(gettext(label)).replace("{", "{{").replace("}", "}}")
            for name, label in SIGN_IN_FORM_LABELS.items()
        }
        own = ("url", "csrf", "member", "attendee_value", "delegate_value")
        own += ("in_person_selected", "online_selected", "delegate_selected")
        form = _FORM_TEMPLATES[language] = SIGN_IN_FORM.format(
            **labels, **{name: f"{{{name}}}" for name in own}
        )
    return form


@receiver(setting_changed)
def _forget_form_templates(setting, **kwargs) -> None:
    if setting in ("LANGUAGES", "LANGUAGE_CODE", "LOCALE_PATHS", "INSTALLED_APPS"):
        _FORM_TEMPLATES.clear()


def _sign_in_form(context, inv) -> str:
    """The row's form: empty (the unit's delegate named in its answer, if any), or as the clerk
    typed it when this row's sign-in was just refused (``typed``: the POST, kept beside
    ``row_error``; a file cannot be put back in a file input)."""
    typed = context.get("typed")
    if typed is None or typed.get("member") != str(inv.member_id):
        typed = {"mode": "delegate" if inv.response == "delegate" else "", "delegate_name": inv.delegate_name}
    mode = typed.get("mode", "")
    return _form_template().format(
        url=_escape(object_url("meetings:sign_in", context["meeting"].pk)),
        csrf=_escape(context.get("csrf_token", "")),
        member=inv.member_id,
        in_person_selected=" selected" if mode == "in_person" else "",
        online_selected=" selected" if mode == "online" else "",
        delegate_selected=" selected" if mode == "delegate" else "",
        attendee_value=_escape(typed.get("attendee_name", "")),
        delegate_value=_escape(typed.get("delegate_name", "")),
    )


@register.simple_tag
def recent_sign_ins(recent) -> str:
    """The sign-in sheet's latest sign-ins, newest first ("—" when there is none): each unit,
    how and when it signed in (in the current time zone and the language's time format).

    Written in Python as ``sign_in_row`` is, for the sheet and each of its polls: the ten
    entries took ~0.37 ms to render as a template loop in the issue 15 bench, ~0.18 ms here.
    """
    if not recent:
        return "—"
    # As the ``time`` filter formats each: the language's TIME_FORMAT, looked up once.
    when = get_format("TIME_FORMAT")
    return SafeString(
        " · ".join(
            f'<span class="recent">{_escape(a.member.name)} ({_escape(a.get_mode_display())}, '
            f"{_escape(time_format(template_localtime(a.signed_in_at), when))})</span>"
            for a in recent
        )
    )
