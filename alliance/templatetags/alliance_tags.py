from django import template
from django.utils.html import format_html

register = template.Library()


@register.simple_tag(takes_context=True)
def query_replace(context, **kwargs):
    """Return the current query string with ``kwargs`` replaced (keeps filters across pages)."""
    query = context["request"].GET.copy()
    for key, value in kwargs.items():
        query[key] = value
    return query.urlencode()


@register.simple_tag
def submission_key():
    """Render a fresh one-time submission key for a form that records money or sends mail."""
    from alliance.submissions import FIELD_NAME, new_key

    return format_html('<input type="hidden" name="{}" value="{}">', FIELD_NAME, new_key())
