"""The result page's content as plain typed data: every text and figure of a submitted result, translated.

A submitted record never changes and neither does the pack version that scored it, so the words
and numbers the page shows (labels, reasons as sentences, formatted scores, the chart) are built once
per record and language and kept; a request then fills the template with ready strings instead of
making some 250 translation lookups. Only what can change between requests (rescores, the CSRF
token) stays in the view.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import current_app
from flask_babel import gettext as _
from markupsafe import Markup

from assessor.core.first_steps import lead_and_rest
from assessor.core.rulebook import RuleBook
from assessor.report.charts import factor_chart_svg
from assessor.web.rulebook import current_rulebook
from assessor.web.subject_view import SubjectView
from assessor.web.templating import (
    actor_titles,
    effort_label,
    find_out,
    format_number,
    format_percent,
    horizon_label,
    paragraphs,
    priority_label,
    provisional_note,
    reason_sentences,
    score_range,
)

# A few hundred results in a few languages; each entry is some tens of kilobytes of strings.
MAX_ENTRIES = 256

# The content is typed objects, not dicts: the template reads some 600 fields per page, and Jinja
# looks a field up as an attribute first, so a dict's fields each cost a raised AttributeError.


@dataclass(frozen=True, slots=True)
class Overall:
    """The headline: the overall level, score, confidence and range, and why the level is provisional."""

    level: str | None
    level_title: str | None
    provisional_note: str
    score: str
    confidence: str
    range: str
    capped: bool


@dataclass(frozen=True, slots=True)
class FactorRow:
    """One row of the table by factor."""

    title: str
    score: str
    range: str
    level: str
    capped: bool
    provisional: bool
    confidence: str


@dataclass(frozen=True, slots=True)
class Gap:
    """A critical gap: its reason, and what to find out first when it is only assumed."""

    provisional: bool
    find_out: str
    reason: str


@dataclass(frozen=True, slots=True)
class Source:
    """Where a recommendation comes from."""

    title: str
    url: str


@dataclass(frozen=True, slots=True)
class Recommendation:
    """A recommendation as the page shows it."""

    id: str
    factor: str | None
    title: str
    priority: str
    priority_label: str
    horizon_label: str
    effort_label: str
    text: Markup
    who: str
    reasons: list[str]
    sources: list[Source]


@dataclass(frozen=True, slots=True)
class Rules:
    """The rule pack that scored the result."""

    id: str
    version: str


@dataclass(frozen=True, slots=True)
class ResultContent:
    """Every text and figure of the result page for one record in one language."""

    overall: Overall
    factors: list[FactorRow]
    critical_gaps: list[Gap]
    recommendations: list[Recommendation]
    # The pack's first steps, then the other recommendations grouped under their factor's title.
    first_steps: list[Recommendation]
    other_recommendations: list[tuple[str | None, list[Recommendation]]]
    rules: Rules
    chart: Markup
    subject: SubjectView
    # The question texts of answers kept but not scored.
    unplaced: list[str]


def build_result_content(
    book: RuleBook, data: dict[str, Any], subject: SubjectView, unplaced: list[str]
) -> ResultContent:
    """The page's texts for `data` (result_to_dict of a record, in the page's language); needs a request context
    with `book` as the page's rule book (result_views.use_page_rulebook)."""
    overall = data["overall"]
    recommendations = [
        Recommendation(
            id=rec["id"],
            factor=rec["factor"],
            title=rec["title"],
            priority=rec["priority"],
            priority_label=priority_label(rec["priority"]),
            horizon_label=horizon_label(rec["horizon"]),
            effort_label=effort_label(rec["effort"]),
            text=paragraphs(rec["text"]),
            who=actor_titles(rec["who"]),
            reasons=[str(sentence) for sentence in reason_sentences(rec["reasons"])],
            sources=[Source(title=source["title"], url=source["url"]) for source in rec["sources"]],
        )
        for rec in data["recommendations"]
    ]
    first, groups = lead_and_rest(
        book, recommendations, data.get("first_steps", []), lambda r: r.id, lambda r: r.factor
    )
    language = data.get("language")
    return ResultContent(
        overall=Overall(
            level=overall.get("level"),
            level_title=overall.get("level_title"),
            provisional_note=provisional_note(overall) if overall.get("provisional") else "",
            score=format_number(overall.get("score")),
            confidence=format_percent(overall.get("confidence")),
            range=score_range(overall),
            capped=overall.get("uncapped_level") != overall.get("level"),
        ),
        factors=[
            FactorRow(
                title=f["title"],
                score=format_number(f["score"]) if f["score"] is not None else str(_("not scored")),
                range=_range_figures(f),
                level=f.get("level_title") or "—",
                capped=bool(f.get("uncapped_level") and f.get("uncapped_level") != f.get("level")),
                provisional=bool(f.get("provisional") and f.get("level")),
                confidence=format_percent(f.get("confidence")),
            )
            for f in data["factors"]
        ],
        critical_gaps=[
            Gap(
                provisional=bool(gap.get("provisional")),
                find_out=find_out(gap) if gap.get("provisional") else "",
                reason=gap["reason"],
            )
            for gap in data["critical_gaps"]
        ],
        recommendations=recommendations,
        first_steps=first,
        other_recommendations=[(book.factor(fid).title.get(language) if fid else None, recs) for fid, recs in groups],
        rules=Rules(id=data["rules"]["id"], version=data["rules"]["version"]),
        chart=Markup(factor_chart_svg(data, book, language)),
        subject=subject,
        unplaced=unplaced,
    )


def _range_figures(factor: dict[str, Any]) -> str:
    span = factor.get("range")
    if not span:
        return "—"
    if span[0] == span[1]:
        return format_number(span[0])
    return f"{format_number(span[0])}–{format_number(span[1])}"


class ResultContents:
    """Result page contents kept per (record, its pack, the live pack, language), least recently used dropped.

    The live pack is in the key because the provisional notes read its minimum confidence.
    """

    def __init__(self, max_entries: int = MAX_ENTRIES) -> None:
        self._entries: OrderedDict[tuple[int, str, str, str], ResultContent] = OrderedDict()
        self._lock = threading.Lock()
        self._max_entries = max_entries

    def get(self, record_id: int, book: RuleBook, language: str, build: Callable[[], ResultContent]) -> ResultContent:
        """The content for this record in `language`, built by `build` the first time."""
        live_book = current_rulebook()
        key = (record_id, book.content_hash, live_book.content_hash, language)
        with self._lock:
            content = self._entries.get(key)
            if content is not None:
                self._entries.move_to_end(key)
                return content
        content = build()  # outside the lock: two first requests may both build; the same content either way
        with self._lock:
            self._entries[key] = content
            while len(self._entries) > self._max_entries:
                self._entries.popitem(last=False)
        return content


def result_contents() -> ResultContents:
    """This app's cache of result page contents."""
    contents: ResultContents = current_app.extensions.setdefault("result_contents", ResultContents())
    return contents
