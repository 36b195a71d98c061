"""The factor chart as Chromium lays it out: no text runs into other text, in any interface language."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from assessor.core.answers import validate_answers
from assessor.core.rulebook import RuleBook
from assessor.core.scoring import score
from assessor.loading.answersfile import read_answers_file
from assessor.report.charts import WIDTH, factor_chart_svg
from assessor.web.i18n import UI_LANGUAGES
from tests.conftest import ROOT

# Every text element's box, in SVG units, as the browser measured it with the shipped fonts.
BOXES = """svg => [...svg.querySelectorAll('text')].map(t => {
  const b = t.getBBox();
  return {text: t.textContent, level: t.classList.contains('level-name'), x: b.x, y: b.y, w: b.width, h: b.height};
})"""


def overlap(a: dict[str, float], b: dict[str, float]) -> bool:
    across = a["x"] < b["x"] + b["w"] and b["x"] < a["x"] + a["w"]
    down = a["y"] < b["y"] + b["h"] and b["y"] < a["y"] + a["h"]
    return across and down


@pytest.mark.parametrize("language", UI_LANGUAGES)
def test_level_names_and_labels_never_overlap(browser: Browser, shipped_book: RuleBook, language: str) -> None:
    example = read_answers_file(ROOT / "examples" / "answers-es.json")
    answers, problems = validate_answers(shipped_book, example.answers, example.evidence)
    assert not problems
    svg = factor_chart_svg(score(shipped_book, answers), shipped_book, language)
    css = (ROOT / "assessor" / "web" / "static" / "app.css").as_uri()
    page = browser.new_page(viewport={"width": 800, "height": 600})
    try:
        page.set_content(f'<link rel="stylesheet" href="{css}"><div style="width:{WIDTH}px">{svg}</div>')
        boxes = page.locator("svg").evaluate(BOXES)
    finally:
        page.close()
    levels = [b for b in boxes if b["level"]]
    assert [b["text"] for b in levels] == [level.title.get(language) for level in shipped_book.levels]
    clashes = [(a["text"], b["text"]) for i, a in enumerate(boxes) for b in boxes[i + 1 :] if overlap(a, b)]
    assert clashes == []
    assert all(b["x"] + b["w"] <= WIDTH for b in levels), levels
    # Scores with their ranges ("62 (35-80)", with an en dash) stay inside the chart too.
    assert any("–" in b["text"] for b in boxes), "the example has answers not known yet: ranges are printed"
    assert all(b["x"] + b["w"] <= WIDTH for b in boxes), [b for b in boxes if b["x"] + b["w"] > WIDTH]
