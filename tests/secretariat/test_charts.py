"""The dashboard's SVG charts (secretariat.charts, pure functions, and the tags writing them)."""

from secretariat.charts import column_chart


def test_short_labels_are_all_shown():
    chart = column_chart([(f"M{n}", n) for n in range(12)])
    assert all(bar.show_label for bar in chart["bars"])


def test_labels_too_wide_for_their_slot_are_thinned_from_the_latest_back():
    """Twelve Chinese month labels (2026年12月) overlap at 30 px a slot: one in N is shown,
    the latest month always; every bar keeps its label for its tooltip."""
    points = [(f"2026年{month}月", month) for month in range(1, 13)]
    bars = column_chart(points, width=360)["bars"]
    shown = [bar.label for bar in bars if bar.show_label]
    assert shown[-1] == "2026年12月"
    assert 2 <= len(shown) <= 6
    assert [bar.label for bar in bars] == [label for label, _ in points]


def test_a_wide_chart_shows_every_label():
    points = [(f"2026年{month}月", month) for month in range(1, 13)]
    assert all(bar.show_label for bar in column_chart(points, width=1200)["bars"])


def test_the_chart_tags_escape_labels_and_titles_and_draw_every_bar():
    """The tags write their SVG in Python: labels and titles are escaped as a template would."""
    from django.template import Context, Template

    page = Template(
        "{% load secretariat_tags %}{% column_chart points title %}{% bar_list points title %}"
    ).render(Context({"points": [("<b>May</b>", 3), ("June", 0)], "title": 'Per "month"'}))
    assert "<b>" not in page and page.count("&lt;b&gt;May&lt;/b&gt;") == 3  # tooltip, axis label, bar list
    assert 'aria-label="Per &quot;month&quot;"' in page
    assert page.count("<rect") == 4 and ">3</text>" in page and ">0</text>" not in page
