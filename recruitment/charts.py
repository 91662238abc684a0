"""Server-rendered SVG charts: coordinates computed here, drawn by the template."""

from __future__ import annotations

from django.utils.translation import gettext as _

WIDTH, HEIGHT = 720, 300
LEFT, RIGHT, TOP, BOTTOM = 48, 16, 16, 36


def cumulative_chart(monthly: list[dict], target: int | None) -> dict:
    """Polylines for cumulative admissions this year and last year, and the quota's even
    pace, with the axis ticks."""
    values = [
        value
        for row in monthly
        for value in (row["cumulative"], row["cumulative_last_year"], row["even_pace"])
        if value is not None
    ]
    top_value = max([*values, target or 0, 1])
    step = nice_step(top_value)
    top_value = step * (int(top_value // step) + 1)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(month: int) -> float:
        return round(LEFT + plot_w * month / 12, 1)

    def y(value: float) -> float:
        return round(TOP + plot_h * (1 - value / top_value), 1)

    def line(key: str) -> str:
        points = [(0, 0)] + [(row["month"], row[key]) for row in monthly if row[key] is not None]
        if len(points) == 1:
            return ""
        return " ".join(f"{x(month)},{y(value)}" for month, value in points)

    return {
        "width": WIDTH,
        "height": HEIGHT,
        "this_year": line("cumulative"),
        "last_year": line("cumulative_last_year"),
        "even_pace": line("even_pace") if target else "",
        "target_y": y(target) if target else None,
        "target": target,
        "y_ticks": [
            {"y": y(value), "label": value} for value in range(0, int(top_value) + 1, int(step))
        ],
        "x_ticks": [{"x": x(month), "label": f"{month:02d}"} for month in range(1, 13)],
        "left": LEFT,
        "right": WIDTH - RIGHT,
        "bottom": HEIGHT - BOTTOM,
        "top": TOP,
        "labels": {
            "this_year": _("This year"),
            "last_year": _("Last year"),
            "even_pace": _("Even pace of the quota"),
        },
    }


def nice_step(top: float) -> int:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000):
        if top / step <= 8:
            return step
    return 20000
