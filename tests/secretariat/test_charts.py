"""The dashboard's SVG column chart (secretariat.charts, pure functions)."""

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
