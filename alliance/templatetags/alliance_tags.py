from decimal import Decimal, InvalidOperation

from django import template
from django.utils import formats
from django.utils.html import format_html

register = template.Library()


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


def money_text(amount, currency: str = "") -> str:
    """Return the amount as :func:`money` prints it (for Python code: messages, PDF labels)."""
    if amount is None or amount == "":
        return ""
    try:
        value = Decimal(str(amount))
    except InvalidOperation:
        return str(amount)
    text = formats.number_format(value, 2, use_l10n=True, force_grouping=True)
    return f"{text}\N{NO-BREAK SPACE}{currency}" if currency else text
