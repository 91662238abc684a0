"""The benchmarks' tables, for the terminal and for benchmarks/results/ (Markdown). The first
``text`` columns are labels, left-aligned; the others are figures, right-aligned."""

from __future__ import annotations


def text_table(header: list[str], body: list[list[object]], *, text: int = 1) -> str:
    lines = [[str(cell) for cell in line] for line in [header, *body]]
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    lines.insert(1, ["-" * width for width in widths])
    return "\n".join(
        "  ".join(
            cell.ljust(width) if column < text else cell.rjust(width)
            for column, (cell, width) in enumerate(zip(line, widths, strict=True))
        ).rstrip()
        for line in lines
    )


def markdown_table(header: list[str], body: list[list[object]], *, text: int = 1) -> str:
    rule = ["---"] * text + ["---:"] * (len(header) - text)
    lines = [header, rule, *body]
    return "\n".join("| " + " | ".join(str(cell) for cell in line) + " |" for line in lines)
