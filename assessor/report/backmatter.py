"""The report's back matter as template data: the roadmap, the appendix of answers, the methodology."""

from __future__ import annotations

from typing import Any

from assessor.core.rulebook import Horizon, RuleBook
from assessor.report import formatting
from assessor.report.charts import level_class
from assessor.report.messages import Messages
from assessor.report.model import ReportInput
from assessor.report.wording import answer_text


def roadmap(book: RuleBook, recommendations: list[dict[str, Any]], t: Messages) -> dict[str, Any]:
    """Recommendations by factor (rows, cross-cutting last) and horizon (columns); empty rows left out."""
    lang = t.language
    horizons = list(Horizon)
    rows = []
    groups: list[tuple[str | None, str]] = [(f.id, f.title.get(lang)) for f in book.factors]
    groups.append((None, t("roadmap.cross_cutting")))
    for factor_id, title in groups:
        cells = [[r for r in recommendations if r["factor"] == factor_id and r["horizon"] == h.value] for h in horizons]
        if any(cells):
            rows.append({"title": title, "cells": cells})
    return {"horizons": [t(f"horizon_short.{h.value}") for h in horizons], "rows": rows}


def appendix(report: ReportInput, t: Messages) -> list[dict[str, Any]]:
    """Every question with the answer and evidence exactly as given, factor by factor."""
    book = report.book
    lang = t.language
    values = report.answers.values
    evidence = report.answers.evidence
    sections = []
    for factor in book.factors:
        rows = []
        for question in factor.questions:
            item = evidence.get(question.id)
            rows.append(
                {
                    "id": question.id,
                    "text": question.text.get(lang),
                    "answer": answer_text(question, values.get(question.id), t),
                    "evidence_text": item.text if item else "",
                    "evidence_link": item.link if item else "",
                }
            )
        sections.append({"title": factor.title.get(lang), "rows": rows})
    return sections


def methodology(book: RuleBook, t: Messages) -> dict[str, Any]:
    """How scoring works under this pack's policy, its levels and its factor weights."""
    lang = t.language
    total_weight = sum(f.weight for f in book.factors) or 1.0
    policy = book.scoring
    return {
        "paragraphs": [
            t("method.p_points"),
            t("method.p_factor"),
            t(f"method.p_dont_know_{policy.dont_know.value}"),
            t(f"method.p_unanswered_{policy.unanswered.value}"),
            t("method.p_confidence", credit=formatting.share(policy.missing_evidence_credit, lang)),
            t("method.p_overall"),
            t("method.p_levels"),
            t("method.p_range"),
            t("method.p_provisional", minimum=formatting.percent(book.scoring.min_confidence, lang)),
            t("method.p_recommendations"),
        ],
        "levels": [
            {
                "title": level.title.get(lang),
                "from": formatting.number(level.min_score, lang),
                "description": level.description.get(lang),
                "level_class": level_class(book, level.id),
            }
            for level in book.levels
        ],
        "weights": [
            {
                "title": f.title.get(lang),
                "weight": formatting.number(f.weight, lang),
                "share": formatting.share(f.weight / total_weight, lang),
            }
            for f in book.factors
        ],
        "trace": t(
            "method.trace", title=book.title.get(lang), id=book.id, version=book.version, hash=book.content_hash
        ),
    }


def answer_history(report: ReportInput, t: Messages) -> list[dict[str, str]]:
    """Every change to the answers, oldest first, worded with the report's own pack."""
    questions = report.book.questions

    def worded(qid: str, value: Any) -> str:
        question = questions.get(qid)
        shown = tuple(value) if isinstance(value, list) else value
        return answer_text(question, shown, t) if question is not None else ("" if value is None else str(value))

    rows = []
    for change in report.history:
        qid = str(change.get("question", ""))
        question = questions.get(qid)
        rows.append(
            {
                "question": question.text.get(t.language) if question is not None else qid,
                "before": worded(qid, change.get("old")),
                "after": worded(qid, change.get("new")),
                "when": str(change.get("changed_at", ""))[:16].replace("T", " "),
                "by": str(change.get("changed_by", "")),
            }
        )
    return rows


def unplaced(report: ReportInput) -> list[dict[str, str]]:
    """Answers kept but not scored, by the question text they were given to."""
    return [
        {
            "question": str(item.get("question_text", item.get("question_id", ""))),
            "answer": "" if item.get("value") is None else str(item.get("value")),
        }
        for item in report.unplaced
    ]
