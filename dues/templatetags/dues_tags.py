from django import template
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext

from alliance.choices import label_of
from alliance.rows import date_text, object_url, row_html
from alliance.templatetags.alliance_tags import money_text
from dues import conf

register = template.Library()


@register.simple_tag
def bank_lines() -> list[tuple[str, str]]:
    """The account members pay into, as (label, value) in the language being rendered.

    Emails read it when the worker renders them, in their recipient's language, rather
    than storing it in each of a reminder run's 100,000 queued contexts.
    """
    return conf.bank_lines()


BADGES = {"paid": "bg-success", "waived": "bg-info", "void": "bg-secondary", "overdue": "bg-danger"}


@register.simple_tag
def state_badge(invoice):
    """An invoice's state (``dues.selectors.with_state``, labelled by ``label_states``) with
    its days left or overdue: written in Python, as it is in every row of the invoice lists,
    where an included template per row cost a tenth of the page (issue 15)."""
    badge = row_html(
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
        return row_html('{}\n<small class="text-danger" data-overdue-days="{}">{}</small>', badge, days, text)
    if invoice.state in ("outstanding", "partly_paid"):
        days = invoice.days_left
        text = ngettext("%(days)s day left", "%(days)s days left", days) % {"days": days}
        return row_html('{}\n<small class="text-muted">({})</small>', badge, text)
    return badge


@register.simple_tag
def invoice_row(invoice):
    """One row of the invoice list (``label_states`` gave it its state), written in Python:
    a template per row (a link, nine values, three amounts) cost ~90 us a row in the
    issue 15 bench."""
    language = translation.get_language()
    return row_html(
        '<tr>\n      <td><a href="{}">{}</a></td>\n'
        "      <td>{}</td><td>{}</td><td>{}</td>\n"
        '      <td class="text-end">{}</td><td class="text-end">{}</td><td class="text-end">{}</td>\n'
        "      <td>{}</td><td>{}</td>\n    </tr>",
        object_url("dues:invoice_detail", invoice.pk, language=language),
        invoice.number,
        invoice.member.name,
        invoice.year,
        label_of(invoice, "tier", language=language),
        money_text(invoice.total, language=language),
        money_text(invoice.paid, language=language),
        money_text(invoice.outstanding, language=language),
        date_text(invoice.due_on, language=language),
        state_badge(invoice),
    )


@register.simple_tag
def payment_row(payment, currency):
    """One row of the payment list, written in Python (as ``invoice_row``)."""
    struck = mark_safe(' class="text-muted text-decoration-line-through"') if payment.reversed_at else ""
    language = translation.get_language()
    return row_html(
        '<tr{}>\n<td><a href="{}">{}</a></td><td><a href="{}">{}</a></td>\n'
        '<td>{}</td><td>{}</td><td>{} {}</td><td class="text-end">{}</td><td>{}</td></tr>',
        struck,
        object_url("dues:receipt_pdf", payment.receipt.pk, language=language),
        payment.receipt.number,
        object_url("dues:invoice_detail", payment.invoice_id, language=language),
        payment.invoice.number,
        payment.invoice.member.name,
        date_text(payment.received_on, language=language),
        label_of(payment, "method", language=language),
        payment.bank_reference,
        money_text(payment.amount, currency, language=language),
        payment.recorded_by,
    )
