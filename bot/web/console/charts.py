"""Charts as inline SVG drawn by pygal on the server: no script and nothing fetched by the
browser (pygal's tooltip script is switched off, its inline settings script removed), so they
work offline and on slow phones."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import pygal
from markupsafe import Markup
from pygal.style import Style

STYLE = Style(background="transparent", plot_background="transparent", font_family="sans-serif",
              colors=("#0b6e4f", "#c9d6df", "#d64933"), label_font_size=12,
              major_label_font_size=12, legend_font_size=13, value_font_size=12)
PHONE_STYLE = Style(background="transparent", plot_background="transparent",
                    font_family="sans-serif", colors=STYLE.colors, label_font_size=14,
                    major_label_font_size=14, legend_font_size=14, value_font_size=14,
                    title_font_size=15)


_SCRIPT = re.compile(r"<script\b[^>]*>.*?</script>|<script\b[^>]*/>", re.DOTALL)


def _svg(chart: pygal.graph.graph.Graph) -> Markup:
    svg = chart.render(is_unicode=True, disable_xml_declaration=True)  # pygal escapes labels
    # pygal always adds an inline <script> of its settings, even with js=[]: the console's CSP
    # refuses it (an error on every page), and nothing needs it without the tooltip script.
    return Markup(_SCRIPT.sub("", svg))


def _whole(top: int) -> list[int]:
    """Axis marks on whole numbers: reports are counted, never fractional."""
    step = max(1, -(-top // 8))
    return list(range(0, max(top, 1) + step, step))


# Drawn twice, for a desktop and for a phone: an SVG 800 units wide shrunk to a 390 px screen
# sets 12-unit labels at 6 px; the phone's own drawing is 400 units wide, so they stay ~12 px.
WIDE, NARROW = 800, 400


def both(draw: Callable[[int], Markup]) -> Markup:
    """The chart for wide screens and the one for phones; CSS shows one of the two."""
    return Markup('<div class="wide">{}</div><div class="narrow">{}</div>').format(draw(WIDE),
                                                                                 draw(NARROW))


def per_day(days: Sequence[str], counts: Sequence[int], title: str, width: int = WIDE) -> Markup:
    wide = width >= WIDE
    chart = pygal.Bar(style=STYLE if wide else PHONE_STYLE, js=[], show_legend=False,
                      height=260 if wide else 300, width=width,
                      x_label_rotation=-45, show_minor_x_labels=False, title=title,
                      print_values=False, responsive=True, y_labels=_whole(max(counts, default=0)))
    chart.x_labels = list(days)
    chart.x_labels_major = list(days)[:: max(1, len(days) // (12 if wide else 6))]
    chart.add(title, list(counts))
    return _svg(chart)


def coverage(units: Sequence[str], done: Sequence[int], quota: Sequence[int], done_label: str,
             quota_label: str, title: str, width: int = WIDE) -> Markup:
    wide = width >= WIDE
    chart = pygal.HorizontalBar(style=STYLE if wide else PHONE_STYLE, js=[],
                                height=max(200, 40 + 34 * len(units)), width=width, title=title,
                                responsive=True, legend_at_bottom=True,
                                truncate_label=40 if wide else 22, truncate_legend=-1,
                                y_labels=_whole(max([*done, *quota], default=0)))
    chart.x_labels = list(units)
    chart.add(done_label, list(done))
    chart.add(quota_label, list(quota))
    return _svg(chart)
