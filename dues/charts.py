"""Server-rendered SVG bar charts (no JavaScript library, no CDN)."""

from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import mark_safe


def _width(value: Decimal, maximum: Decimal, full: int) -> int:
    if not maximum or maximum <= 0:
        return 0
    return max(0, int(full * float(value / maximum)))


def bar_chart(rows: list[dict], *, label_key: str = "label", title: str = "", width: int = 640) -> str:
    """Return an inline SVG with, per row, the expected amount (light bar) and the received one (dark bar)."""
    label_width, bar_full, row_height = 170, width - 170 - 90, 30
    maximum = max((row["expected"] for row in rows), default=Decimal("0"))
    height = row_height * len(rows) + 10
    parts = [
        # Its natural width, shrunk by the stylesheet's max-width: no inline style (the CSP allows none).
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="dues-chart" width="{width}" '
        f'viewBox="0 0 {width} {height}" aria-label="{escape(title)}"><title>{escape(title)}</title>'
    ]
    for index, row in enumerate(rows):
        y = index * row_height + 5
        expected_w = _width(row["expected"], maximum, bar_full)
        received_w = _width(row["received"], maximum, bar_full)
        rate = f"{row['rate']}%" if row.get("rate") is not None else "–"
        parts.append(
            f'<text x="0" y="{y + 17}" font-size="12">{escape(str(row[label_key]))[:28]}</text>'
            f'<rect x="{label_width}" y="{y + 4}" width="{expected_w}" height="18" fill="#cfe2ff">'
            f"<title>{escape(str(row['expected']))}</title></rect>"
            f'<rect x="{label_width}" y="{y + 4}" width="{received_w}" height="18" fill="#0d6efd">'
            f"<title>{escape(str(row['received']))}</title></rect>"
            f'<text x="{label_width + bar_full + 6}" y="{y + 17}" font-size="12">{rate}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every interpolated text is escaped above
