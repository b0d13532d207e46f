import functools
import sys
from decimal import Decimal, InvalidOperation

from django import forms, template
from django.template.backends.utils import csrf_input
from django.template.loader import render_to_string
from django.urls import get_script_prefix, get_urlconf
from django.utils import formats, translation
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from alliance.roles import Role
from alliance.widgets import field_widget

register = template.Library()

# Rendered menus by (language, URLconf, script prefix, signed in, staff, roles): a few dozen.
_MENUS: dict[tuple, str] = {}


@register.simple_tag(takes_context=True)
def main_menu(context):
    """The main menu (partials/main_menu.html), rendered once per process for each language
    and set of roles, since it shows nothing else about the user.

    Its ~100 template nodes and 40 translations were two thirds of the base layout's time,
    about one bare 25-row view per page in the issue 15 bench. A member's menu also depends on
    whom the member represents, so it is rendered each time.
    """
    user = context.get("user")
    roles = frozenset(context.get("roles") or ())
    if user is None or Role.MEMBER in roles:
        return render_to_string("partials/main_menu.html", context.flatten())
    key = (
        translation.get_language(),
        get_urlconf(),
        get_script_prefix(),
        user.is_authenticated,
        user.is_staff,
        roles,
    )
    menu = _MENUS.get(key)
    if menu is None:
        menu = _MENUS[key] = render_to_string("partials/main_menu.html", context.flatten())
    return menu


# The navigation bar as rendered, cut at its per-request slots, by (language, URLconf, script
# prefix, signed in): a few dozen.
_NAVBARS: dict[tuple, tuple[str, ...]] = {}
_NAVBAR_SLOTS = ("menu", "csrf_input", "next", "user_name")


@register.simple_tag(takes_context=True)
def site_navbar(context):
    """The base layout's navigation bar (partials/navbar.html), rendered once per process for
    each language, then filled in with what differs per request: the main menu (itself kept
    per language and roles, ``main_menu``), the CSRF field, the page's path and the user's name.

    Its translations, ``{% url %}`` and language list cost ~0.5 ms on every page in the issue 15
    bench, where the bare view has no layout.
    """
    request = context.get("request")
    user = context.get("user")
    signed_in = bool(user is not None and user.is_authenticated)
    key = (translation.get_language(), get_urlconf(), get_script_prefix(), signed_in)
    parts = _NAVBARS.get(key)
    if parts is None:
        # Each slot rendered as a mark no translation or URL holds, then cut out.
        marks = {slot: mark_safe(f"\x00{slot}\x00") for slot in _NAVBAR_SLOTS}
        html = render_to_string("partials/navbar.html", {**marks, "signed_in": signed_in})
        parts = _NAVBARS[key] = tuple(html.strip().split("\x00"))
    values = {
        "menu": main_menu(context),
        "csrf_input": csrf_input(request) if request is not None else "",
        "next": conditional_escape(request.get_full_path()) if request is not None else "",
        "user_name": conditional_escape(str(user)) if signed_in else "",
    }
    # parts alternate: text, slot name, text, slot name, ..., text.
    return mark_safe("".join(values[part] if index % 2 else part for index, part in enumerate(parts)))


# Filter forms as rendered, by (filter set or form class, prefix, ids, fields, column,
# language, what was submitted): the empty one of each list and language, and the latest
# choices made, at most FILTER_FORMS_KEPT (then forgotten all at once: any query string
# makes an entry, so the dictionary must not grow with them).
_FILTER_FORMS: dict[tuple, str] = {}
FILTER_FORMS_KEPT = 500


@register.simple_tag
def filter_fields(filters, column: str = "col-auto"):
    """A list's filter form's fields (``filters``: its django-filter FilterSet, or a form), each
    in a ``column`` with its label, widget and errors, written in Python
    (``alliance.widgets.field_widget``): every list's filter form goes through here, where a
    template per field (crispy's ~20, or Django's per ``<option>``) cost more than the rest
    of a list page in the issue 15 bench.

    A form is the same for every reader of a language who chose the same (nothing, on a
    list's first visit; a country, a year and a state), so it is rendered once per process
    for each (``_filter_form_key``): the directory's ten filters with their 250 countries
    still cost ~1.5 ms a page written in Python, and an invoice list filtered by year and
    state ~1.4 ms, in the issue 15 bench.
    """
    form = getattr(filters, "form", filters)
    key = _filter_form_key(type(filters), form, column)
    if key is None:
        return _filter_fields(form, column)
    html = _FILTER_FORMS.get(key)
    if html is None:
        if len(_FILTER_FORMS) >= FILTER_FORMS_KEPT:
            _FILTER_FORMS.clear()
        html = _FILTER_FORMS[key] = _filter_fields(form, column)
    return html


def _filter_fields(form, column: str):
    return format_html_join(
        "",
        '<div class="{}"><label class="form-label small mb-0" for="{}">{}</label>{}{}</div>',
        (
            (column, field.id_for_label, field.label, field_widget(field), _field_errors(field))
            for field in form
        ),
    )


def _filter_form_key(owner: type, form, column: str) -> tuple | None:
    """The key of ``form`` as rendered: its list, language and what each field was given
    (a field submitted empty differs from one left out: its empty choice is then marked
    selected); None when it may differ between requests given all that: its choices come
    from the database (a model's rows, which change), a file was sent, or ``owner`` (the
    filter set's or the form's class) is made per request and names no list (django-filter
    builds a form class for each filter set: pass the filter set)."""
    if getattr(sys.modules.get(owner.__module__), owner.__qualname__, None) is not owner:
        return None
    if form.is_bound and form.files:
        return None
    data = form.data if form.is_bound else {}
    submitted = []
    for name, field in form.fields.items():
        if isinstance(field, forms.ModelChoiceField):
            return None
        # What the field's widget reads: its name, and its parts' (a range's name_min, name_max).
        html_name = form.add_prefix(name)
        submitted.extend(
            (key, tuple(data.getlist(key)) if hasattr(data, "getlist") else str(data[key]))
            for key in data
            if key == html_name or key.startswith(f"{html_name}_")
        )
    language = translation.get_language()
    fields = tuple(form.fields)
    return (owner, form.prefix, form.auto_id, fields, column, language, form.is_bound, tuple(submitted))


def _field_errors(field):
    """The field's errors under it, with the id its widget's aria-describedby names."""
    if not field.errors:
        return ""
    return format_html(
        '<div class="invalid-feedback d-block" id="{}_error">{}</div>',
        field.auto_id,
        format_html_join(" ", "{}", ((error,) for error in field.errors)),
    )


@register.simple_tag(takes_context=True)
def page_links(context):
    """The links between a list's pages (partials/pagination.html), for ``page_obj`` of
    ``alliance.pagination.paginate``: first, previous, "page N of (about) M", next, last, each
    link keeping the list's filters. Written in Python: on every list page, its template took
    ~0.2 ms in the issue 15 bench."""
    page = context.get("page_obj")
    if page is None or not page.has_other_pages():
        return ""
    paginator = page.paginator
    query = context["request"].GET

    def link(number, text):
        asked = query.copy()
        asked["page"] = number
        return format_html(
            '<li class="page-item"><a class="page-link" href="?{}">{}</a></li>', asked.urlencode(), text
        )

    links = []
    if page.has_previous():
        links += [
            link(1, format_html("&laquo; {}", _("first"))),
            link(page.previous_page_number(), _("previous")),
        ]
    place = (
        _("Page %(number)s of about %(total)s") if paginator.estimated else _("Page %(number)s of %(total)s")
    )
    links.append(
        format_html(
            '<li class="page-item disabled"><span class="page-link">{}</span></li>',
            place % {"number": page.number, "total": paginator.num_pages},
        )
    )
    if page.number < paginator.last_page:
        links += [
            link(page.next_page_number(), _("next")),
            link(paginator.last_page, format_html("{} &raquo;", _("last"))),
        ]
    rest = ""
    if paginator.bounded and page.number == paginator.last_page:
        rest = format_html(
            '\n  <p class="small text-muted">{}</p>',
            _("Later pages are not shown: narrow the filter, or change the order, to see the rest."),
        )
    return format_html(
        '<nav aria-label="{}">\n  <ul class="pagination">\n    {}\n  </ul>{}\n</nav>',
        _("Pages"),
        mark_safe("\n    ".join(links)),
        rest,
    )


@register.simple_tag(takes_context=True)
def query_replace(context, **kwargs):
    """Return the current query string with ``kwargs`` replaced (keeps filters across pages)."""
    query = context["request"].GET.copy()
    for key, value in kwargs.items():
        query[key] = value
    return query.urlencode()


@register.simple_tag(takes_context=True)
def bounced(context, form, action):
    """``{% bounced form action as form %}``: the form as it was typed, with its errors, when it
    was just refused at ``action`` (alliance.bounced); else the form unchanged."""
    from alliance.bounced import shown_again

    if not hasattr(form, "fields"):
        return form  # the page shows no such form (a fragment rendered without it)
    return shown_again(context["request"], form, action)


@register.simple_tag
def submission_key():
    """Render a fresh one-time submission key for a form that records money or sends mail."""
    from alliance.submissions import FIELD_NAME, new_key

    return format_html('<input type="hidden" name="{}" value="{}">', FIELD_NAME, new_key())


@register.filter
def money(amount, currency=""):
    """Print an amount as every page and PDF does: ``57,500.00 USD``.

    Grouped by thousands and with two decimals as the reader's language writes them
    (alliance/formats); the currency after a no-break space. Exports do not use it:
    they keep plain numbers (alliance.exports).
    """
    return money_text(amount, currency)


def money_text(amount, currency: str = "", *, language: str | None = None) -> str:
    """Return the amount as :func:`money` prints it (for Python code: messages, PDF labels,
    list rows, which pass the active ``language`` they looked up once)."""
    if amount is None or amount == "":
        return ""
    try:
        value = Decimal(str(amount))
    except InvalidOperation:
        return str(amount)
    text = _grouped(value, language or translation.get_language())
    return f"{text}\N{NO-BREAK SPACE}{currency}" if currency else text


def _grouped(value: Decimal, language: str) -> str:
    """``formats.number_format(value, 2, use_l10n=True, force_grouping=True)``.

    An amount of at most two decimals grouped by threes (every language's format here) is
    written by Python's own ``,.2f`` with the language's separators: Django's digit-by-digit
    loop cost ~40 us an amount, 75 on an invoice page (issue 15). Anything else (more
    decimals, which Django cuts rather than rounds; another grouping) goes to Django."""
    decimal, thousand, grouping = _separators(language)
    if grouping != 3 or not value.is_finite() or value.as_tuple().exponent < -2:
        return formats.number_format(value, 2, use_l10n=True, force_grouping=True)
    if not value:
        value = Decimal(0)  # Django writes -0 as 0.00
    return f"{value:,.2f}".translate({ord(","): thousand, ord("."): decimal})


@functools.lru_cache(maxsize=32)
def _separators(language: str | None) -> tuple[str, str, object]:
    return (
        formats.get_format("DECIMAL_SEPARATOR", language, use_l10n=True),
        formats.get_format("THOUSAND_SEPARATOR", language, use_l10n=True),
        formats.get_format("NUMBER_GROUPING", language, use_l10n=True),
    )


@register.simple_tag
def stacked_fields(form):
    """A form's fields one under the other, as crispy's Bootstrap 5 layout wrote them (the
    label, a mark on a required one, the widget and its errors with the ids the widget's
    aria-describedby names; the errors of the whole form above), in Python through
    ``alliance.widgets.field_widget``: crispy's ~20 templates for the member file's status
    form cost ~3 ms of the member file in the issue 15 bench. For any form shown one field
    under another (the member file's status form)."""
    non_field = form.non_field_errors()
    head = (
        format_html(
            '<div class="alert alert-block alert-danger"><ul class="m-0">{}</ul></div>',
            format_html_join("", "<li>{}</li>", ((error,) for error in non_field)),
        )
        if non_field
        else ""
    )
    return format_html("{}{}", head, format_html_join("", "{}", ((_stacked_field(f),) for f in form)))


_REQUIRED_MARK = mark_safe('<span class="asteriskField">*</span>')


def _stacked_field(field):
    if field.is_hidden:
        return field_widget(field)
    widget = field.field.widget
    # The form's own copy of the widget (each form deep-copies its fields): Bootstrap's full
    # size, as crispy drew it, and its invalid mark beside the errors.
    base = "form-select" if isinstance(widget, forms.Select) else "form-control"
    widget.attrs["class"] = f"{base} is-invalid" if field.errors else base
    required = field.field.required
    errors = (
        format_html(
            '<div id="{}_error" class="invalid-feedback">{}</div>',
            field.auto_id,
            format_html_join(
                "",
                '<p id="error_{}_{}"><strong>{}</strong></p>',
                ((n, field.auto_id, error) for n, error in enumerate(field.errors, 1)),
            ),
        )
        if field.errors
        else ""
    )
    return format_html(
        '<div id="div_{}" class="mb-3"><label for="{}" class="form-label{}">{}{}</label>{}{}</div>',
        field.auto_id,
        field.id_for_label,
        " requiredField" if required else "",
        field.label,
        _REQUIRED_MARK if required else "",
        field_widget(field),
        errors,
    )
