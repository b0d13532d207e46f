from django import template
from django.utils import translation
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

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


def _number(value) -> str:
    # As ``{{ value }}`` writes a number: localised, then escaped.
    return conditional_escape(localize(value))


@register.simple_tag
def column_chart(points, title: str = "", width: int = 360, height: int = 140):
    """Render ``points`` [(label, value)...] as an inline SVG column chart, written in Python:
    its template, a dozen variables a bar, took ~1 ms of the staff dashboard's activities in
    the issue 15 bench (~0.2 ms here)."""
    chart = charts.column_chart(points, width=width, height=height)
    title = conditional_escape(title)
    size, baseline, label_y = (
        _number(chart["width"]),
        _number(chart["baseline"]),
        _number(chart["height"] - 6),
    )
    parts = [
        f'<svg viewBox="0 0 {size} {_number(chart["height"])}" width="100%" role="img" aria-label="{title}"'
        ' class="chart-columns" preserveAspectRatio="xMidYMid meet">\n'
        f"  <title>{title}</title>\n"
        f'  <line x1="0" y1="{baseline}" x2="{size}" y2="{baseline}" stroke="#adb5bd" stroke-width="1"/>\n  '
    ]
    for bar in chart["bars"]:
        label, value, label_x = conditional_escape(bar.label), _number(bar.value), _number(bar.label_x)
        parts.append(
            f"\n    <g>\n      <title>{label}: {value}</title>\n"
            f'      <rect x="{_number(bar.x)}" y="{_number(bar.y)}" width="{_number(bar.width)}"'
            f' height="{_number(bar.height)}" rx="2" fill="#0d6efd" fill-opacity="0.8"/>\n      '
        )
        if bar.value:
            parts.append(
                f'<text x="{label_x}" y="{_number(bar.value_y)}" font-size="9" text-anchor="middle"'
                f' fill="#212529">{value}</text>'
            )
        parts.append("\n      ")
        if bar.show_label:
            parts.append(
                f'<text x="{label_x}" y="{label_y}" font-size="9" text-anchor="middle"'
                f' fill="#6c757d">{label}</text>'
            )
        parts.append("\n    </g>\n  ")
    parts.append("\n</svg>\n")
    return mark_safe("".join(parts))  # noqa: S308 - every value above is escaped


@register.simple_tag
def bar_list(points, title: str = ""):
    """Render ``points`` [(label, value)...] as horizontal bars, written in Python (as
    ``column_chart``): ~0.3 ms of the staff dashboard's reviews and flags in the issue 15 bench."""
    parts = [f'<div class="bar-list" role="list" aria-label="{conditional_escape(title)}">\n  ']
    for bar in charts.bar_list(points):
        parts.append(
            '\n    <div class="d-flex align-items-center small mb-1" role="listitem">\n'
            f'      <span class="text-truncate bar-list-label">{conditional_escape(bar["label"])}</span>\n'
            '      <svg viewBox="0 0 100 10" preserveAspectRatio="none" class="bar-list-bar"'
            ' aria-hidden="true">'
            f'<rect x="0" y="0" width="{_number(bar["percent"])}" height="10" rx="1.5" fill="#198754"'
            ' fill-opacity="0.75"/></svg>\n'
            f'      <span class="ms-2 text-end fw-semibold bar-list-value">{_number(bar["value"])}</span>\n'
            "    </div>\n  "
        )
    parts.append("\n</div>\n")
    return mark_safe("".join(parts))  # noqa: S308 - every value above is escaped


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
