from django import template
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext

register = template.Library()

BADGES = {"paid": "bg-success", "waived": "bg-info", "void": "bg-secondary", "overdue": "bg-danger"}


@register.simple_tag
def state_badge(invoice):
    """An invoice's state (``dues.selectors.with_state``, labelled by ``label_states``) with
    its days left or overdue: written in Python, as it is in every row of the invoice lists,
    where an included template per row cost a tenth of the page (issue 15)."""
    badge = format_html(
        '<span class="badge {}" data-state="{}">{}</span>',
        BADGES.get(invoice.state, "bg-warning text-dark"),
        invoice.state,
        invoice.state_label,
    )
    if invoice.state == "overdue":
        days = invoice.overdue_days
        text = ngettext("by %(days)s day", "by %(days)s days", days) % {"days": days}
        if invoice.paid > 0:
            text = f"{text}, {gettext('partly paid')}"
        return format_html(
            '{}\n<small class="text-danger" data-overdue-days="{}">{}</small>', badge, days, text
        )
    if invoice.state in ("outstanding", "partly_paid"):
        days = invoice.days_left
        text = ngettext("%(days)s day left", "%(days)s days left", days) % {"days": days}
        return format_html('{}\n<small class="text-muted">({})</small>', badge, text)
    return badge
