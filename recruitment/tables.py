"""Large tables rendered in Python: the dashboard's table of organisations has a row per
grassroots organisation (hundreds at scale), which the template engine renders many times
slower than string formatting. Every text value is escaped with ``html.escape``; numbers are
formatted here."""

from __future__ import annotations

from html import escape

from django.urls import reverse
from django.utils.formats import get_format
from django.utils.safestring import SafeString, mark_safe


def _number(value: int | None) -> str:
    return "—" if value is None else str(int(value))


def _percent(value: float | None, separator: str) -> str:
    return "—" if value is None else f"{value:.1f}%".replace(".", separator)


def organisation_rows(rows, *, query: str, stages: list[str]) -> SafeString:
    """The ``<tr>`` of each organisation: code, name (linking to its dashboard), category,
    quota, admitted, %, remaining, in the pipeline, status and the count at each stage."""
    marker = 987654321
    link = reverse("recruitment:dashboard-organisation", args=[marker])
    query = escape(query)
    separator = get_format("DECIMAL_SEPARATOR")
    html = []
    for row in rows:
        url = escape(link.replace(str(marker), str(int(row.id))))
        status = escape(row.status)
        code = escape(row.code)
        counts = (int(row.pipeline.get(stage) or 0) for stage in stages)
        stage_cells = "".join(
            f'<td class="text-end text-body-secondary">{count or ""}</td>' for count in counts
        )
        html.append(
            f'<tr class="status-row-{status}" data-code="{code}"><td>{code}</td>'
            f'<td><a href="{url}?{query}">{escape(row.name)}</a></td>'
            f'<td class="small">{escape(row.category_label)}</td>'
            f'<td class="text-end">{_number(row.quota)}</td>'
            f'<td class="text-end">{_number(row.admitted)}</td>'
            f'<td class="text-end">{escape(_percent(row.percent, separator))}</td>'
            f'<td class="text-end">{_number(row.remaining)}</td>'
            f'<td class="text-end">{_number(row.in_pipeline)}</td>'
            f'<td><span class="badge status-{status}">{escape(row.status_label)}</span></td>'
            f"{stage_cells}</tr>"
        )
    return mark_safe("".join(html))
