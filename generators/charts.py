"""Budget charts with matplotlib: PNG for Word, SVG for the site, byte-for-byte repeatable."""

from __future__ import annotations

import io
from functools import cache

from generators import formatting
from generators.cache import NO_CACHE, RenderCache, key
from generators.document import Chart

# Okabe–Ito: told apart by readers with colour vision deficiencies.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000",
           "#999999", "#332288", "#88CCEE", "#117733"]


@cache
def _matplotlib():
    """matplotlib without pyplot: a plain Figure renders in a third of pyplot's start-up time."""
    import matplotlib

    matplotlib.rcParams.update({
        "svg.hashsalt": "styrdok", "svg.fonttype": "none", "font.family": "DejaVu Sans", "font.size": 9,
    })
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter
    return Figure, FuncFormatter


def render(chart: Chart, fmt: str) -> bytes:
    """The chart as 'png' or 'svg' bytes: stacked bars per year, one panel per table part."""
    Figure, FuncFormatter = _matplotlib()
    figure = Figure(figsize=(3.4 * len(chart.panels) + 0.6, 3.6))
    axes = figure.subplots(1, len(chart.panels), squeeze=False)
    labels = [str(year) for year in chart.years]
    for axis, panel in zip(axes[0], chart.panels):
        bottoms = [0] * len(chart.years)
        for index, series in enumerate(panel.series):
            axis.bar(labels, series.values, bottom=bottoms, label=series.label, color=PALETTE[index % len(PALETTE)],
                     width=0.6)
            bottoms = [b + v for b, v in zip(bottoms, series.values)]
        axis.set_title(panel.title, fontsize=9)
        axis.yaxis.set_major_formatter(FuncFormatter(lambda value, _: formatting.amount(int(value))))
        axis.spines[["top", "right"]].set_visible(False)
        axis.legend(fontsize=7, loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=2, frameon=False)
    figure.tight_layout()
    buffer = io.BytesIO()
    metadata = {"Date": None, "Creator": None} if fmt == "svg" else {"Software": None}
    figure.savefig(buffer, format=fmt, dpi=130, metadata=metadata)
    return buffer.getvalue()


def render_cached(chart: Chart, fmt: str, cache: RenderCache = NO_CACHE) -> bytes:
    """matplotlib costs a second to start; an unchanged chart is taken from the cache instead."""
    return cache.get_or_render(key("chart", fmt, chart), lambda: render(chart, fmt))
