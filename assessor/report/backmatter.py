"""The report's back matter as template data: the roadmap, the appendix of answers, the methodology."""

from __future__ import annotations

from typing import Any

from assessor.core.rulebook import Horizon, MissingAnswerPolicy, RuleBook
from assessor.presentation.labels import horizon_heading
from assessor.presentation.sentences import answer_text
from assessor.presentation.wording import Wording
from assessor.report.charts import level_class
from assessor.report.model import ReportInput


def roadmap(book: RuleBook, recommendations: list[dict[str, Any]], t: Wording) -> dict[str, Any]:
    """Recommendations by factor (rows, cross-cutting last) and horizon (columns); empty rows left out."""
    lang = t.language
    horizons = list(Horizon)
    rows = []
    groups: list[tuple[str | None, str]] = [(f.id, f.title.get(lang)) for f in book.factors]
    groups.append((None, t.gettext("Cross-cutting")))
    for factor_id, title in groups:
        cells = [[r for r in recommendations if r["factor"] == factor_id and r["horizon"] == h.value] for h in horizons]
        if any(cells):
            rows.append({"title": title, "cells": cells})
    return {"horizons": [horizon_heading(h.value, t) for h in horizons], "rows": rows}


def appendix(report: ReportInput, t: Wording) -> list[dict[str, Any]]:
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


def methodology(book: RuleBook, t: Wording) -> dict[str, Any]:
    """How scoring works under this pack's policy, its levels and its factor weights."""
    lang = t.language
    total_weight = sum(f.weight for f in book.factors) or 1.0
    policy = book.scoring
    return {
        "paragraphs": [
            t.gettext(
                "Each question earns the points of the answer chosen (for multiple choice, the "
                "sum of the options chosen, up to a cap; for numbers, the points of the highest "
                "band reached). Its maximum is the most any answer can earn. Free-text questions "
                "earn no points."
            ),
            t.gettext(
                "A factor's score is 100 × the points earned ÷ the maximum points, over the "
                "questions that apply and were answered."
            ),
            (
                t.gettext("“Don't know” answers are left out of the score and lower the confidence instead.")
                if policy.dont_know is MissingAnswerPolicy.EXCLUDE
                else t.gettext("“Don't know” answers score zero points out of the question's maximum.")
            ),
            (
                t.gettext("Questions left blank are left out of the score and lower the confidence instead.")
                if policy.unanswered is MissingAnswerPolicy.EXCLUDE
                else t.gettext("Questions left blank score zero points out of the question's maximum.")
            ),
            t.gettext(
                "A factor's confidence is the share of its questions' maximum points that rest "
                "on a real answer; an answer without the evidence its question asks for counts "
                "%(credit)s.",
                credit=t.share(policy.missing_evidence_credit),
            ),
            t.gettext(
                "The overall score is the mean of the factor scores weighted by the factor "
                "weights below; factors with no score are left out. The overall confidence is "
                "weighted the same way."
            ),
            t.gettext(
                "A score reaches the highest level whose threshold it meets. Critical gaps then "
                "cap levels: while a gap applies, the factors it names (and the overall result, "
                "where named) cannot show a level above its cap, whatever the score."
            ),
            t.gettext(
                "Every score comes with a range: the score if every answer not known yet (“don't "
                "know”, left blank, or a question that may apply) were the worst answer, and if "
                "each were the best."
            ),
            t.gettext(
                "A level is provisional, not final, when the confidence is below %(minimum)s, "
                "when the low end of its range reaches a lower level, or when a critical gap "
                "that rests on an answer not known yet holds it down. Such a gap caps levels "
                "exactly as a confirmed one does, so “don't know” never scores better than an "
                "honest “no”.",
                minimum=t.percent(book.scoring.min_confidence),
            ),
            t.gettext(
                "Recommendations fire when their condition on the answers and scores holds; each "
                "lists the facts that made it fire. They are ordered by priority, then horizon, "
                "then the rule pack's order."
            ),
        ],
        "levels": [
            {
                "title": level.title.get(lang),
                "from": t.number(level.min_score),
                "description": level.description.get(lang),
                "level_class": level_class(book, level.id),
            }
            for level in book.levels
        ],
        "weights": [
            {
                "title": f.title.get(lang),
                "weight": t.number(f.weight),
                "share": t.share(f.weight / total_weight),
            }
            for f in book.factors
        ],
        "trace": t.gettext(
            "This assessment was scored with the rule pack “%(title)s” (%(id)s), version "
            "%(version)s, whose content hash (SHA-256) is %(hash)s. The same answers scored "
            "with the same pack always give the same result.",
            title=book.title.get(lang),
            id=book.id,
            version=book.version,
            hash=book.content_hash,
        ),
    }


def answer_history(report: ReportInput, t: Wording) -> list[dict[str, str]]:
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
                "when": _moment(change.get("changed_at"), t),
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


def _moment(value: Any, t: Wording) -> str:
    """When a change was made (UTC), in the language's own style; as stored if it is not a date."""
    try:
        return t.date_time(str(value))
    except (TypeError, ValueError):
        return "" if value is None else str(value)[:16].replace("T", " ")
