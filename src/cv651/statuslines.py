"""The status matrix as lines of text, each with the styles of its parts.

Pure: the same lines are written as they are where nothing shows colour (a file,
a pipe, a CI log) and through rich in a terminal (cv651.terminal). Widths are
terminal cells, as rich counts them, so a Vietnamese name or a symbol lines up.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TextIO

from rich.cells import cell_len, set_cell_size  # widths alone: rich's console is not imported

from cv651 import matrix
from cv651.coverage import Coverage, State
from cv651.i18n import _, ngettext
from cv651.vnformat import short_date

STYLES = {
    State.ON_TIME: "green",
    State.LATE: "yellow",
    State.INCOMPLETE: "magenta",
    State.OVERDUE: "bold red",
    State.PENDING: "dim",
    State.NOT_APPLICABLE: "dim",
    State.INVALID: "bold red",
}

GAP = 3  # spaces between columns


@dataclass(frozen=True, slots=True)
class Line:
    text: str
    spans: tuple[tuple[int, int, str], ...] = ()  # (start, end, style) within text
    style: str = ""  # of the whole line


def status_lines(coverage: Coverage, title: str, subtitle: str = "") -> list[Line]:
    """Headings, the matrix (code, name, one centred column per requirement), totals
    and the legend. Drawn as lines rather than a rich Table: a Table measures and
    renders every cell on its own, which took 2.8 s for 3,321 communes."""
    totals = matrix.totals(coverage)
    rows = [
        (p.code, p.name, [(matrix.cell(r), STYLES[r.state]) for r in row])
        for p, row in coverage.by_province()
    ]
    heads = [matrix.header(t.column).split(" · ") for t in totals]
    depth = max((len(h) for h in heads), default=1)
    heads = [[""] * (depth - len(h)) + h for h in heads]  # bottom-aligned
    units = ngettext("{count} unit", "{count} units", len(coverage.provinces))
    foot = ["", units.format(count=len(coverage.provinces)), *(t.text for t in totals)]
    first = [*([""] * (depth - 1)), _("Code")]
    province_head = _("Province")
    widths = [
        max(cell_len(x) for x in [*first[-1:], foot[0], *(code for code, _n, _r in rows)]),
        max(cell_len(x) for x in [province_head, foot[1], *(name for _c, name, _r in rows)]),
    ]
    for i, head in enumerate(heads):
        widths.append(max(cell_len(x) for x in [*head, foot[i + 2], *(r[2][i][0] for r in rows)]))
    total_width = sum(widths) + GAP * (len(widths) - 1)

    def line(cells: Sequence[tuple[str, str]]) -> Line:
        plain, spans = " ", []
        for i, (value, style) in enumerate(cells):
            if i:
                plain += " " * GAP
            pad = widths[i] - cell_len(value)
            left = pad // 2 if i >= 2 else 0  # requirement columns are centred
            start = len(plain) + left
            if style:
                spans.append((start, start + len(value), style))
            plain += " " * left + value + " " * (pad - left)
        return Line(plain.rstrip(), tuple(spans))

    rule = Line(" " + "─" * total_width, style="dim")
    lines = []
    headings = [title, subtitle, _("as of {date}").format(date=short_date(coverage.as_of))]
    for heading in filter(None, headings):
        lines.append(Line(_centred(heading, total_width + 1), style="bold"))
    lines.append(Line(""))
    for level in range(depth):
        name = province_head if level == depth - 1 else ""
        cells = [first[level], name, *(h[level] for h in heads)]
        lines.append(line([(c, "bold") for c in cells]))
    lines.append(rule)
    lines += [line([(code, ""), (name, ""), *cells]) for code, name, cells in rows]
    lines.append(rule)
    lines.append(line([(c, "bold") for c in foot]))
    lines += [Line(legend, style="dim") for legend in matrix.legend_lines(coverage)]
    return lines


def _centred(text: str, width: int) -> str:
    """As rich's Text.align("center", width): cut to the width, the odd space on the right."""
    pad = width - cell_len(text)
    if pad < 0:
        return set_cell_size(text, width)
    return " " * (pad // 2) + text + " " * (pad - pad // 2)


def width_of(lines: Sequence[Line]) -> int:
    """The terminal cells the widest line takes."""
    return max((cell_len(line.text) for line in lines), default=0)


def write_plain(lines: Sequence[Line], out: TextIO) -> None:
    out.write("".join(line.text + "\n" for line in lines))


def shows_colour(out: TextIO, environ: Mapping[str, str]) -> bool:
    """Whether rich would treat `out` as a terminal (its rule: TTY_COMPATIBLE, then
    FORCE_COLOR, then isatty); where it would not, its output is the plain text."""
    compatible = environ.get("TTY_COMPATIBLE", "")
    if compatible in ("0", "1"):
        return compatible == "1"
    if environ.get("FORCE_COLOR") is not None:
        return environ["FORCE_COLOR"] != ""
    try:
        return out.isatty()
    except (ValueError, AttributeError):  # closed, or not a real stream
        return False
