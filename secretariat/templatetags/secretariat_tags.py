from django import template

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
