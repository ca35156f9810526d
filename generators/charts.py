"""Budget charts with matplotlib, byte-for-byte repeatable, in three forms of one drawing:
'print' an SVG whose letters are outlines of Arimo (Arial's metric twin, the documents' font)
for the PDF and the Word file; 'png' the same at 300 dpi, which the Word file also carries for
a reader without SVG (Word before 2016, LibreOffice 7.4); 'svg' for the site, whose text stays text.

Every bar is labelled where it is drawn: the series (a payer, a cost) above its bars, the year
beside each bar and the amount at its end, so nothing depends on telling colours apart (the
2007 income had eleven payers told apart by colour alone). The panels of one chart share one
value axis, drawn with its ticks in Swedish numbers, so equal amounts are equally long bars in
every panel. Print draws the chart at the size it is printed (16 cm with two panels side by
side, else 10 cm), letters at 9 pt and the panel titles at 10 pt. The site's SVG puts the panels
under each other in a narrow figure whose text stays at least 12 px when a 320 px phone shrinks
it to the text column.

A glyph Arimo lacks is drawn from DejaVu Sans, whose characters are the ones `check` lets into a
budget row (templates/charts/characters.txt).
"""

from __future__ import annotations

import atexit
import io
import shutil
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from generators import escaping, formatting
from generators.cache import NO_CACHE, RenderCache, key
from generators.document import Chart, ChartPanel
from generators.layout import chart_width_cm

# Okabe–Ito: told apart by readers with colour vision deficiencies; the year is also written.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00"]
HATCHES = ["", "///", "...", "xx", "\\\\\\", "oo"]
TEXT = "#1b1b1b"
GRID = "#c8c8c8"
FONT = "Arimo"
SITE_FONTS = "Arial, 'Liberation Sans', Arimo, Helvetica, 'DejaVu Sans', sans-serif"
"""The site's SVG names Arial first, as the documents do; the browser takes the first it has."""


@dataclass(frozen=True)
class Layout:
    width: float
    """Inches per panel (the site), or of the whole figure (print)."""
    font: float
    """Points, at the size the figure is shown."""
    row: float
    """Inches per row of text or bar."""
    columns_per_panel: bool
    """Panels side by side (print) or under each other (the phone-first site)."""


LAYOUTS = {
    # 3.6 in = 346 CSS px at natural size; 11 pt = 14.7 px, so 12.2 px in a 288 px column (320 px phone).
    "svg": Layout(width=3.6, font=11, row=0.25, columns_per_panel=False),
    "print": Layout(width=0, font=9, row=0.19, columns_per_panel=True),
}
LAYOUTS["png"] = LAYOUTS["print"]


@cache
def _matplotlib(fonts: tuple[Path, ...]):
    """matplotlib without pyplot: a plain Figure renders in a third of pyplot's start-up time."""
    import matplotlib
    from matplotlib import font_manager

    for path in fonts:
        font_manager.fontManager.addfont(str(path))
    matplotlib.rcParams.update({
        "svg.hashsalt": "styrdok", "svg.fonttype": "none", "font.family": [FONT, "DejaVu Sans"],
        "hatch.linewidth": 0.8, "text.color": TEXT, "axes.edgecolor": TEXT,
        "xtick.color": TEXT, "ytick.color": TEXT, "xtick.labelcolor": TEXT, "ytick.labelcolor": TEXT,
        # A row called '$5 och $10' is drawn as written, never as math (or a crash on '$\\frac{a}$').
        "text.usetex": False, "text.parse_math": False,
    })
    from matplotlib.figure import Figure
    return Figure


def _arimo(cache: RenderCache) -> tuple[Path, ...]:
    """Arimo regular and bold as static fonts: matplotlib draws only a variable font's default
    weight. Making them costs seconds, so they are kept in the render cache."""
    folder = _font_folder()
    paths = []
    for weight in (400, 700):
        path = folder / f"Arimo-{weight}.ttf"
        if not path.exists():
            path.write_bytes(cache.get_or_render(key("arimo", weight), lambda weight=weight: _instance(weight)))
        paths.append(path)
    return tuple(paths)


@cache
def _font_folder() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="styrdok-chart-fonts-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder


def _instance(weight: int) -> bytes:
    import fontpkg_arimo
    from fontTools.ttLib import TTFont
    from fontTools.varLib.instancer import instantiateVariableFont

    font = instantiateVariableFont(TTFont(fontpkg_arimo.ROOT / "files" / "Arimo[wght].ttf"), {"wght": weight},
                                   updateFontNames=True)
    buffer = io.BytesIO()
    font.save(buffer)
    return buffer.getvalue()


def _rows(panel: ChartPanel, years: int) -> int:
    return len(panel.series) * (years + 1)


def render(chart: Chart, fmt: str, cache: RenderCache = NO_CACHE) -> bytes:
    """The chart as 'print' (SVG, letters as outlines), 'png' or 'svg' (the site) bytes."""
    figure = draw(chart, fmt, cache)
    buffer = io.BytesIO()
    metadata = {"Software": None} if fmt == "png" else {"Date": None, "Creator": None}
    with _fonttype("path" if fmt == "print" else "none"):
        figure.savefig(buffer, format="png" if fmt == "png" else "svg", dpi=300, metadata=metadata)
    data = buffer.getvalue()
    return _site_fonts(data) if fmt == "svg" else data


def draw(chart: Chart, fmt: str, cache: RenderCache = NO_CACHE):
    """The matplotlib Figure of the chart in the layout of `fmt`, at the size it is shown."""
    Figure = _matplotlib(_arimo(cache))
    layout = LAYOUTS[fmt]
    count = len(chart.panels)
    rows = max(_rows(p, len(chart.years)) for p in chart.panels)
    heights = [_rows(p, len(chart.years)) + 3.2 for p in chart.panels]  # + the title and the value axis
    if layout.columns_per_panel:
        width = chart_width_cm(chart) / 2.54
        figure = Figure(figsize=(width, (rows + 3.2) * layout.row))
        axes = figure.subplots(1, count, squeeze=False, sharex=True)[0]
    else:
        width = layout.width
        figure = Figure(figsize=(width, sum(heights) * layout.row))
        axes = figure.subplots(count, 1, squeeze=False, sharex=True,
                               gridspec_kw={"height_ratios": heights})[:, 0]
    low, high = _value_range(chart, layout, width / (count if layout.columns_per_panel else 1))
    for axis, panel in zip(axes, chart.panels):
        _panel(axis, panel, chart.years, layout, rows if layout.columns_per_panel else None)
        _value_axis(axis, low, high, layout)
    figure.set_layout_engine("constrained", w_pad=0.04, h_pad=0.04, wspace=0.06, hspace=0.04)
    return figure


def _fonttype(kind: str):
    import matplotlib
    return matplotlib.rc_context({"svg.fonttype": kind})


def _site_fonts(svg: bytes) -> bytes:
    """The text's font as the site's browsers have it (matplotlib names only the font it drew with)."""
    text = svg.decode("utf-8")
    for name in (f"'{FONT}', 'DejaVu Sans'", f"{FONT}, 'DejaVu Sans'", f"'{FONT}'"):
        text = text.replace(f"font-family: {name}", f"font-family: {SITE_FONTS}")
    return text.encode("utf-8")


def _value_range(chart: Chart, layout: Layout, panel_inches: float) -> tuple[float, float]:
    """One scale for every panel, with room after the longest bar for its amount."""
    values = [v for p in chart.panels for s in p.series for v in s.values] or [0]
    low, peak = min(0, *values), max(0, *values)
    label = max(len(formatting.amount(v)) for v in values) * 0.55 * layout.font / 72 + 0.1  # inches
    share = min(0.3, label / max(panel_inches - 0.9, 1))  # less the room for the year labels
    span = (peak - low) or 1
    room = span * share / (1 - share * (2 if low < 0 else 1))  # after the longest bar, and before a negative one
    return (low - room if low < 0 else 0), peak + room


def _value_axis(axis, low: float, high: float, layout: Layout) -> None:
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    axis.set_xlim(low, high)
    axis.xaxis.set_major_locator(MaxNLocator(nbins=4, steps=[1, 2, 2.5, 5, 10], integer=True))
    axis.xaxis.set_major_formatter(FuncFormatter(lambda value, _: formatting.amount(round(value))))
    axis.tick_params(axis="x", labelsize=layout.font, length=3, labelbottom=True)
    axis.grid(axis="x", color=GRID, linewidth=0.6)
    axis.set_axisbelow(True)
    for side in ("top", "right", "left"):
        axis.spines[side].set_visible(False)
    axis.spines["bottom"].set_linewidth(0.8)


def _panel(axis, panel: ChartPanel, years: tuple, layout: Layout, rows: int | None) -> None:
    """One part of the table: each series' name on its own line, then a bar per year with the
    year before it (on the axis) and the amount after it."""
    from matplotlib.transforms import blended_transform_factory

    left = blended_transform_factory(axis.transAxes, axis.transData)  # x in the panel, y in rows
    many = len(years) > 1
    ticks, labels = [], []
    y = 0.0
    for series in panel.series:
        axis.text(0, y, escaping.chart(series.label), transform=left, va="center", ha="left",
                  fontsize=layout.font, fontweight="bold", parse_math=False)
        for index, (year, value) in enumerate(zip(years, series.values)):
            y += 1
            if many:
                ticks.append(y)
                labels.append(escaping.chart(year))
            axis.barh(y, value, height=0.78, color=PALETTE[index % len(PALETTE)],
                      hatch=HATCHES[index % len(HATCHES)], edgecolor="#ffffff" if index % 2 == 0 else TEXT,
                      linewidth=0)
            axis.annotate(formatting.amount(value), (value, y), xytext=(3 if value >= 0 else -3, 0),
                          textcoords="offset points", va="center", ha="left" if value >= 0 else "right",
                          fontsize=layout.font, annotation_clip=False, parse_math=False)
        y += 1
    axis.set_yticks(ticks, labels)
    axis.tick_params(axis="y", length=0, labelsize=layout.font, pad=3)
    axis.set_title(escaping.chart(panel.title), loc="left", fontsize=layout.font + 1, fontweight="bold", pad=4)
    axis.set_ylim((rows if rows else y) - 0.5, -0.6)


def render_cached(chart: Chart, fmt: str, cache: RenderCache = NO_CACHE) -> bytes:
    """matplotlib costs a second to start; an unchanged chart is taken from the cache instead."""
    return cache.get_or_render(key("chart", fmt, chart), lambda: render(chart, fmt, cache))
