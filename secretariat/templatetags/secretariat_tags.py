from django import template
from django.utils import translation

from alliance.choices import label_of
from alliance.rows import date_text, object_url, row_html
from secretariat import charts, selectors

register = template.Library()


@register.inclusion_tag("secretariat/_latest_notices.html", takes_context=True)
def latest_public_notices(context, count: int = 5):
    """Return the latest public notices for the landing page.

    A tag rather than a context processor: the landing page alone needs them.
    """
    return {"notices": list(selectors.public_notices()[:count]), "request": context.get("request")}


@register.inclusion_tag("secretariat/_column_chart.html")
def column_chart(points, title: str = "", width: int = 360, height: int = 140):
    """Render ``points`` [(label, value)...] as an inline SVG column chart."""
    return {"chart": charts.column_chart(points, width=width, height=height), "title": title}


@register.inclusion_tag("secretariat/_bar_list.html")
def bar_list(points, title: str = ""):
    return {"bars": charts.bar_list(points), "title": title}


# A status's badge colour; any other status is waiting for someone (warning).
STATUS_BADGES = {
    **dict.fromkeys(("issued", "held", "reported", "confirmed"), "text-bg-success"),
    **dict.fromkeys(("draft", "planned", "open"), "text-bg-secondary"),
    **dict.fromkeys(("archived", "cancelled", "dismissed"), "text-bg-light border"),
}


@register.simple_tag
def status_badge(status: str, label: str):
    """A document's, activity's or flag's status as a badge: a tag, not an included
    template, as it is in every row of their lists (issue 15)."""
    return row_html('<span class="badge {}">{}</span>', STATUS_BADGES.get(status, "text-bg-warning"), label)


@register.simple_tag
def document_row(document):
    """One row of the document list, written in Python: a template per row (an include for
    its status among them) cost ~60 us a row in the issue 15 bench."""
    language = translation.get_language()
    return row_html(
        '<tr>\n      <td class="text-nowrap">{}</td>\n'
        '      <td><a href="{}">{}</a></td>\n'
        "      <td>{}</td>\n      <td>{}</td>\n      <td>{}</td>\n      <td>{}</td>\n"
        '      <td class="text-nowrap">{}</td>\n    </tr>',
        document.number or "—",
        object_url("secretariat:document_detail", document.pk, language=language),
        document.title,
        label_of(document, "kind", language=language),
        label_of(document, "audience", language=language),
        document.department,
        status_badge(document.status, label_of(document, "status", language=language)),
        date_text(document.issued_at, "SHORT_DATE_FORMAT", language=language) or "—",
    )
