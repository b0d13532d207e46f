"""Geometry of the server-rendered SVG charts (no JavaScript library, no CDN). Pure functions."""

import math
from dataclasses import dataclass

# Width of a character of the labels (font-size 9): CJK characters are about twice a Latin one.
LATIN_EM, WIDE_EM, LABEL_GAP = 5.5, 9.0, 4.0


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    x: float
    y: float
    width: float
    height: float
    label_x: float
    value_y: float
    show_label: bool = True


def label_width(text: str) -> float:
    """Return the approximate drawn width of an axis label (CJK counts double)."""
    return sum(WIDE_EM if ord(char) >= 0x2E80 else LATIN_EM for char in text)


def column_chart(points, *, width: int = 360, height: int = 140, top: int = 16, bottom: int = 20) -> dict:
    """Return the bars of a column chart of ``points`` [(label, value)...] scaled to the box."""
    points = list(points)
    if not points:
        return {"bars": [], "width": width, "height": height, "baseline": height - bottom, "max": 0}
    peak = max(value for _, value in points) or 1
    slot = width / len(points)
    bar_width = max(slot * 0.7, 1)
    usable = height - top - bottom
    # Labels that would overlap are shown one slot in N, counted back from the latest.
    widest = max(label_width(str(label)) for label, _ in points) + LABEL_GAP
    every = max(1, math.ceil(widest / slot))
    bars = []
    for index, (label, value) in enumerate(points):
        bar_height = usable * value / peak
        x = index * slot + (slot - bar_width) / 2
        y = top + usable - bar_height
        bars.append(
            Bar(
                label=str(label),
                value=value,
                x=round(x, 1),
                y=round(y, 1),
                width=round(bar_width, 1),
                height=round(bar_height, 1),
                label_x=round(x + bar_width / 2, 1),
                value_y=round(y - 3, 1),
                show_label=(len(points) - 1 - index) % every == 0,
            )
        )
    return {"bars": bars, "width": width, "height": height, "baseline": height - bottom, "max": peak}


def bar_list(points) -> list[dict]:
    """Return horizontal bars as percentages of the largest value, for a CSS/SVG bar list."""
    points = list(points)
    peak = max((value for _, value in points), default=0) or 1
    return [
        {"label": label, "value": value, "percent": round(100 * value / peak, 1)} for label, value in points
    ]
