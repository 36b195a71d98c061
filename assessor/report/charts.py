"""The per-factor chart as inline SVG, and the rows of its table equivalent.

Pure functions of the result and the rule pack, so the HTML result page and the PDF embed the very
same SVG. The SVG is built with ElementTree rather than a text template: every title and label is
escaped by the serialiser, whatever a rule pack puts in it.
"""

from __future__ import annotations

import textwrap
import xml.etree.ElementTree as ET
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

from assessor.core.explain import result_to_dict
from assessor.core.result import Result
from assessor.core.rulebook import RuleBook
from assessor.presentation.wording import DASH, wording

# Level colours, lowest level first: one blue hue from light to dark, so the scale reads in
# greyscale and to colour-blind readers, and never relies on red against green.
LEVEL_COLOURS = ("#9ecae1", "#6baed6", "#3f8fc5", "#2266a8", "#0b3d7a")
UNSCORED_COLOUR = "#b8bec8"
FONT_FAMILY = "'Inter Latin', Inter, 'DejaVu Sans', Arial, sans-serif"

# Geometry in SVG user units; the SVG scales to its container through the viewBox.
WIDTH = 640
LABEL_WIDTH = 196
BAR_X = 204
BAR_WIDTH = 330  # 0..100; what is left on the right holds "100 (15-100)"
ROW_HEIGHT = 30
BAR_HEIGHT = 16
TOP = 26
BOTTOM = 22
LABEL_CHARS = 30  # wrap factor titles longer than this onto a second line
LEVEL_LABEL_SIZE = 9.5
# Level names are set above the plot, each from its threshold. Where one would run into the next
# ("Em desenvolvimento" before "Consolidado"), they alternate between two rows this far apart.
LEVEL_ROW_GAP = 11
# A generous average glyph width for the fonts we name, in ems: we set text without measuring it.
GLYPH_EMS = 0.6


@dataclass(frozen=True)
class FactorChartRow:
    """One factor as the chart shows it, for the table equivalent screen readers and print use."""

    factor_id: str
    title: str
    score: float | None
    score_text: str
    level: str | None
    level_title: str
    confidence_text: str
    provisional: bool = False
    # The score if every unknown answer were the worst and the best; None when nothing applies.
    range: tuple[float, float] | None = None
    range_text: str = ""  # "15-100" (with an en dash), or "" when the range is the score itself


def _as_dict(result: Result | Mapping[str, Any], book: RuleBook, language: str | None) -> Mapping[str, Any]:
    if isinstance(result, Result):
        return result_to_dict(book, result, language)
    return result


def factor_chart_rows(
    result: Result | Mapping[str, Any],
    book: RuleBook,
    language: str | None = None,
    factor_ids: Collection[str] | None = None,
) -> list[FactorChartRow]:
    """The chart's data: title, score, level and confidence of each factor, formatted for the language.

    `result` is a Result, or the plain data `result_to_dict` made of one (whose language wins);
    `factor_ids` keeps only those factors.
    """
    data = _as_dict(result, book, language)
    lang = str(data.get("language") or language or book.default_language)
    t = wording(lang)
    rows = []
    for factor in data["factors"]:
        if factor_ids is not None and factor["id"] not in factor_ids:
            continue
        score = factor["score"]
        span = factor.get("range")  # absent from results stored before ranges existed
        span_tuple = (float(span[0]), float(span[1])) if span is not None else None
        range_text = ""
        if span_tuple is not None and score is not None and span_tuple != (score, score):
            low, high = (t.score(end) for end in span_tuple)
            range_text = f"{low}{DASH}{high}"
        rows.append(
            FactorChartRow(
                factor_id=factor["id"],
                title=factor["title"],
                score=score,
                score_text=t.score(score) if score is not None else t.gettext("not scored"),
                level=factor["level"],
                level_title=factor.get("level_title") or DASH,
                confidence_text=t.percent(factor["confidence"]),
                provisional=bool(factor.get("provisional")),
                range=span_tuple,
                range_text=range_text,
            )
        )
    return rows


def factor_chart_svg(
    result: Result | Mapping[str, Any],
    book: RuleBook,
    language: str | None = None,
    *,
    element_id: str = "factor-chart",
    factor_ids: Collection[str] | None = None,
) -> str:
    """The horizontal bar chart of factor scores as an accessible inline `<svg>` element.

    It carries role="img", a <title> naming every factor's score and level (WeasyPrint uses it as
    the PDF figure's alternative text) and a <desc> explaining the scale; `element_id` prefixes the
    ids so a page can hold more than one chart; `factor_ids` draws only those factors.
    """
    data = _as_dict(result, book, language)
    lang = str(data.get("language") or language or book.default_language)
    t = wording(lang)
    rows = factor_chart_rows(data, book, lang, factor_ids)
    rank = {level.id: index for index, level in enumerate(book.levels)}
    level_names = [level.title.get(lang) for level in book.levels]
    staggered = _level_names_collide([level.min_score for level in book.levels], level_names)
    top = TOP + (LEVEL_ROW_GAP if staggered else 0)
    height = top + ROW_HEIGHT * len(rows) + BOTTOM

    items = [_item_text(r, lang) for r in rows]
    thresholds = [
        t.gettext("%(level)s from %(score)s", level=level.title.get(lang), score=t.number(level.min_score))
        for level in book.levels
    ]

    svg = ET.Element(
        "svg",
        {
            "xmlns": "http://www.w3.org/2000/svg",
            "viewBox": f"0 0 {WIDTH} {height}",
            "width": "100%",
            "role": "img",
            "aria-labelledby": f"{element_id}-title {element_id}-desc",
            "id": element_id,
            "class": "factor-chart",
            "font-family": FONT_FAMILY,
        },
    )
    ET.SubElement(svg, "title", {"id": f"{element_id}-title"}).text = t.gettext(
        "Score by factor, out of 100: %(items)s.", items="; ".join(items)
    )
    ET.SubElement(svg, "desc", {"id": f"{element_id}-desc"}).text = t.gettext(
        "Horizontal bar chart, one bar per factor on a scale from 0 to 100. Dashed lines "
        "mark where each level begins: %(thresholds)s.",
        thresholds="; ".join(thresholds),
    )

    plot_bottom = top + ROW_HEIGHT * len(rows)
    # Level thresholds: a dashed line where each level begins, named above the plot (on the upper
    # of two rows for every other level when names would collide; its line reaches up to it).
    for index, (level, name) in enumerate(zip(book.levels, level_names, strict=True)):
        x = _x(level.min_score)
        raised = LEVEL_ROW_GAP if staggered and index % 2 == 1 else 0
        ET.SubElement(
            svg,
            "line",
            {
                "x1": x,
                "x2": x,
                "y1": str(top - 6 - raised),
                "y2": str(plot_bottom),
                "stroke": "#9aa3b2" if level.min_score > 0 else "#5b6577",
                "stroke-width": "1",
                "stroke-dasharray": "3 3" if level.min_score > 0 else "none",
            },
        )
        label = ET.SubElement(
            svg,
            "text",
            {
                "x": str(float(x) + 3),
                "y": str(top - 10 - raised),
                "font-size": str(LEVEL_LABEL_SIZE),
                "fill": "#5b6577",
                "class": "level-name",
            },
        )
        label.text = name
    # Scale under the plot, numbered where the levels begin so the numbers line up with the lines.
    for tick in sorted({0.0, 100.0, *(level.min_score for level in book.levels)}):
        text = ET.SubElement(
            svg,
            "text",
            {
                "x": _x(tick),
                "y": str(plot_bottom + 15),
                "font-size": "9.5",
                "fill": "#5b6577",
                "text-anchor": "middle",
            },
        )
        text.text = t.number(tick)

    for index, row in enumerate(rows):
        y = top + index * ROW_HEIGHT
        middle = y + ROW_HEIGHT / 2
        lines = textwrap.wrap(row.title, LABEL_CHARS, max_lines=2, placeholder="…") or [""]
        label = ET.SubElement(
            svg,
            "text",
            {"x": str(LABEL_WIDTH), "y": str(middle), "font-size": "11.5", "fill": "#1b2a41", "text-anchor": "end"},
        )
        first_dy = 4 - 6.5 * (len(lines) - 1)
        for number, line in enumerate(lines):
            span = ET.SubElement(label, "tspan", {"x": str(LABEL_WIDTH), "dy": str(first_dy if number == 0 else 13)})
            span.text = line
        if row.score is None:
            note = ET.SubElement(
                svg,
                "text",
                {"x": str(BAR_X + 4), "y": str(middle + 4), "font-size": "10.5", "fill": "#5b6577"},
            )
            note.text = row.score_text
            continue
        level_index = rank.get(row.level or "", 0)
        colour = _level_colour(level_index, len(book.levels))
        bar_width = BAR_WIDTH * max(0.0, min(row.score, 100.0)) / 100
        bar = {
            "x": str(BAR_X),
            "y": str(middle - BAR_HEIGHT / 2),
            "width": f"{max(bar_width, 1.5):.1f}",
            "height": str(BAR_HEIGHT),
            "rx": "2",
            "fill": colour,
        }
        if row.provisional:
            # A provisional level: a paler bar with a dashed outline, never colour alone.
            bar |= {"fill-opacity": "0.45", "stroke": colour, "stroke-width": "1", "stroke-dasharray": "3 2"}
        ET.SubElement(svg, "rect", bar)
        text_x = BAR_X + bar_width + 5
        if row.range is not None and row.range_text:
            text_x = max(text_x, _draw_range(svg, row.range, middle) + 5)
        value = ET.SubElement(
            svg,
            "text",
            {
                "x": f"{text_x:.1f}",
                "y": str(middle + 4),
                "font-size": "11",
                "font-weight": "bold",
                "fill": "#1b2a41",
            },
        )
        value.text = row.score_text
        if row.range_text:
            span = ET.SubElement(value, "tspan", {"font-weight": "normal", "font-size": "9.5", "fill": "#3d4757"})
            span.text = f" ({row.range_text})"
    return ET.tostring(svg, encoding="unicode")


def _item_text(row: FactorChartRow, lang: str) -> str:
    """One factor in the chart's alternative text: score, range where there is one, level, provisional."""
    t = wording(lang)
    if row.score is None:
        return t.gettext("%(factor)s not scored", factor=row.title)
    level = t.gettext("%(level)s, provisional", level=row.level_title) if row.provisional else row.level_title
    if row.range is not None and row.range_text:
        low, high = (t.score(end) for end in row.range)
        return t.gettext(
            "%(factor)s %(score)s, possible range %(low)s to %(high)s (%(level)s)",
            factor=row.title,
            score=row.score_text,
            low=low,
            high=high,
            level=level,
        )
    return t.gettext("%(factor)s %(score)s (%(level)s)", factor=row.title, score=row.score_text, level=level)


def _draw_range(svg: ET.Element, span: tuple[float, float], middle: float) -> float:
    """A whisker from the low to the high end of the range across the bar; returns its right end."""
    low, high = (BAR_X + BAR_WIDTH * max(0.0, min(end, 100.0)) / 100 for end in span)
    stroke = {"stroke": "#1b2a41", "stroke-width": "1.2"}
    ET.SubElement(
        svg, "line", {"x1": f"{low:.1f}", "x2": f"{high:.1f}", "y1": str(middle), "y2": str(middle), **stroke}
    )
    for x in (low, high):
        ET.SubElement(
            svg, "line", {"x1": f"{x:.1f}", "x2": f"{x:.1f}", "y1": str(middle - 5), "y2": str(middle + 5), **stroke}
        )
    return high


def _level_names_collide(thresholds: list[float], names: list[str]) -> bool:
    """Whether any level's name, set from its threshold, would reach the next level's name."""
    starts = [float(_x(score)) + 3 for score in thresholds]
    ends = [*starts[1:], float(WIDTH)]
    return any(
        start + len(name) * LEVEL_LABEL_SIZE * GLYPH_EMS > end - 4
        for start, end, name in zip(starts, ends, names, strict=True)
    )


def _x(score: float) -> str:
    return f"{BAR_X + BAR_WIDTH * score / 100:.1f}"


def _level_colour(index: int, count: int) -> str:
    """Spread a pack's levels over the palette, so three levels use its light, middle and dark blues."""
    if count <= 1:
        return LEVEL_COLOURS[-1]
    position = round(index * (len(LEVEL_COLOURS) - 1) / (count - 1))
    return LEVEL_COLOURS[max(0, min(position, len(LEVEL_COLOURS) - 1))]


def level_class(book: RuleBook, level_id: str | None) -> str:
    """The CSS class (level-0 ... level-4, or level-none) that gives a badge the chart's colour for a level."""
    if level_id is None:
        return "level-none"
    return f"level-{LEVEL_COLOURS.index(_level_colour(book.level_rank(level_id), len(book.levels)))}"
