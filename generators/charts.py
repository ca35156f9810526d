"""Budget charts with matplotlib: PNG for Word and PDF, SVG for the site, byte-for-byte repeatable.

Every bar is labelled where it is drawn: the series (a payer, a cost) above its bars, the year
beside each bar and the amount at its end, so nothing depends on telling colours apart (the
2007 income had eleven payers told apart by colour alone). Bars are horizontal, which also
suits a breakdown of a single year. The site's SVG puts the panels under each other in a
narrow figure whose text stays at least 12 px when a 320 px phone shrinks it to the text
column; Word and PDF get the panels side by side at the width of their page.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import cache

from generators import escaping, formatting
from generators.cache import NO_CACHE, RenderCache, key
from generators.document import Chart, ChartPanel

# Okabe–Ito: told apart by readers with colour vision deficiencies; the year is also written.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00"]
HATCHES = ["", "///", "...", "xx", "\\\\\\", "oo"]
TEXT = "#1b1b1b"


@dataclass(frozen=True)
class Layout:
    width: float
    """Inches per panel."""
    font: float
    """Points."""
    row: float
    """Inches per row of text or bar."""
    columns_per_panel: bool
    """Panels side by side (print) or under each other (the phone-first site)."""


LAYOUTS = {
    # 3.6 in = 346 CSS px at natural size; 11 pt = 14.7 px, so 12.2 px in a 288 px column (320 px phone).
    "svg": Layout(width=3.6, font=11, row=0.25, columns_per_panel=False),
    "png": Layout(width=3.5, font=8, row=0.165, columns_per_panel=True),
}


@cache
def _matplotlib():
    """matplotlib without pyplot: a plain Figure renders in a third of pyplot's start-up time."""
    import matplotlib

    matplotlib.rcParams.update({
        "svg.hashsalt": "styrdok", "svg.fonttype": "none", "font.family": "DejaVu Sans",
        "hatch.linewidth": 0.8, "text.color": TEXT,
        # A row called '$5 och $10' is drawn as written, never as math (or a crash on '$\\frac{a}$').
        "text.usetex": False, "text.parse_math": False,
    })
    from matplotlib.figure import Figure
    return Figure


def _rows(panel: ChartPanel, years: int) -> int:
    return len(panel.series) * (years + 1)


def render(chart: Chart, fmt: str) -> bytes:
    """The chart as 'png' or 'svg' bytes: labelled horizontal bars, one panel per table part."""
    Figure = _matplotlib()
    layout = LAYOUTS[fmt]
    count = len(chart.panels)
    columns = count if layout.columns_per_panel else 1
    rows = max(_rows(p, len(chart.years)) for p in chart.panels)
    heights = [_rows(p, len(chart.years)) + 1.8 for p in chart.panels]  # + the panel's title
    if columns == 1:
        height = sum(heights) * layout.row
        figure = Figure(figsize=(layout.width, height))
        axes = figure.subplots(count, 1, squeeze=False, gridspec_kw={"height_ratios": heights})[:, 0]
    else:
        figure = Figure(figsize=(layout.width * count, (rows + 1.8) * layout.row))
        axes = figure.subplots(1, count, squeeze=False)[0]
    for axis, panel in zip(axes, chart.panels):
        _panel(axis, panel, chart.years, layout, rows if columns > 1 else None)
    figure.subplots_adjust(left=0.02, right=0.98, top=0.995, bottom=0.005, hspace=0.08, wspace=0.08)
    buffer = io.BytesIO()
    metadata = {"Date": None, "Creator": None} if fmt == "svg" else {"Software": None}
    figure.savefig(buffer, format=fmt, dpi=200, metadata=metadata)
    return buffer.getvalue()


def _panel(axis, panel: ChartPanel, years: tuple[int, ...], layout: Layout, rows: int | None) -> None:
    """One part of the table: each series' name on its own line, then a bar per year with the
    year before it and the amount after it."""
    peak = max((v for s in panel.series for v in s.values), default=0) or 1
    many = len(years) > 1
    start = 0.22 * peak if many else 0  # room for the year before the bar
    y = 0.0
    for series in panel.series:
        axis.text(0, y, escaping.chart(series.label), va="center", ha="left", fontsize=layout.font, fontweight="bold", parse_math=False)
        for index, (year, value) in enumerate(zip(years, series.values)):
            y += 1
            if many:
                axis.text(0, y, str(year), va="center", ha="left", fontsize=layout.font, parse_math=False)
            axis.barh(y, value, left=start, height=0.78, color=PALETTE[index % len(PALETTE)],
                      hatch=HATCHES[index % len(HATCHES)], edgecolor="#ffffff" if index % 2 == 0 else TEXT,
                      linewidth=0)
            axis.text(start + value + 0.02 * peak, y, formatting.amount(value), va="center", ha="left",
                      fontsize=layout.font, parse_math=False)
        y += 1
    axis.text(0, -1.5, escaping.chart(panel.title), va="center", ha="left", fontsize=layout.font + 1, fontweight="bold", parse_math=False)
    axis.set_xlim(0, start + peak * 1.45)
    axis.set_ylim((rows if rows else y) - 0.5, -2.3)
    axis.axis("off")


def render_cached(chart: Chart, fmt: str, cache: RenderCache = NO_CACHE) -> bytes:
    """matplotlib costs a second to start; an unchanged chart is taken from the cache instead."""
    return cache.get_or_render(key("chart", fmt, chart), lambda: render(chart, fmt))
