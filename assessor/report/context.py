"""The report's template context: plain data built from a ReportInput, every text already in its language.

Templates get strings, numbers and lists only (no RuleBook, no Result), so what a page shows is
decided and testable here, and the templates stay layout.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from markupsafe import Markup

from assessor.core.explain import provisional_cause, result_to_dict
from assessor.core.first_steps import lead_and_rest
from assessor.core.result import QuestionStatus
from assessor.core.rulebook import Question, RuleBook
from assessor.report import formatting
from assessor.report.backmatter import answer_history, appendix, methodology, roadmap, unplaced
from assessor.report.charts import factor_chart_svg, level_class
from assessor.report.messages import Messages, messages
from assessor.report.model import ATTACHMENT_NAME, ReportInput
from assessor.report.wording import answer_text, gap_caps_sentence, reason_sentence, unknown_questions


def report_language(report: ReportInput) -> str:
    """The language the report is written in: the one asked for if the pack has it, else the pack's default."""
    book = report.book
    return report.language if report.language in book.languages else book.default_language


def build_context(report: ReportInput, result_data: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Everything the report templates show. `result_data` is `result_to_dict`'s output, if already made."""
    book = report.book
    lang = report_language(report)
    t = messages(lang)
    system = report.subject.system_name
    data = result_data if result_data is not None else result_to_dict(book, report.result, lang, system)
    recommendations = _recommendations(report, data, t)
    first_steps, other_groups = lead_and_rest(
        book, recommendations, data.get("first_steps", []), lambda r: r["id"], lambda r: r["factor"] or None
    )
    factors = _factors(report, data, recommendations, t)
    not_given = t("cover.not_given")
    organisation = report.organisation.strip()
    title = t("doc.title_for", organisation=organisation) if organisation else t("doc.title")
    return {
        "lang": lang,
        "t": t,
        "title": title,
        "description": t(
            "doc.description", organisation=organisation or not_given, rules=book.title.get(lang), version=book.version
        ),
        "created": report.assessment_date.isoformat(),
        "cover": {
            "organisation": organisation or not_given,
            "country": report.country.strip() or not_given,
            "role": report.respondent_role.strip() or not_given,
            "date": formatting.long_date(report.assessment_date, lang),
            "language": formatting.language_name(lang, lang),
            "rules_title": book.title.get(lang),
            "rules_id": book.id,
            "rules_version": book.version,
            "rules_hash": book.content_hash,
            "reference": report.reference.strip() or not_given,
            "note": t("cover.note", filename=ATTACHMENT_NAME),
            "system": system or not_given,
            "government_level": _subject_label(t, "level", report.subject.government_level) or not_given,
            "sector": _subject_label(t, "sector", report.subject.sector) or not_given,
        },
        "overall": _overall(book, data, t),
        "chart_svg": Markup(factor_chart_svg(data, book, lang, element_id="factor-chart")),
        "first_steps": first_steps,
        "first_steps_title": (
            t("summary.first_step") if len(first_steps) == 1 else t("summary.first_steps", count=len(first_steps))
        ),
        "other_recommendations": [
            {"title": book.factor(fid).title.get(lang) if fid else t("roadmap.cross_cutting"), "items": items}
            for fid, items in other_groups
        ],
        "critical_gaps": [_gap(book, gap, t) for gap in data["critical_gaps"]],
        "factors": factors,
        "recommendations": recommendations,
        "roadmap": roadmap(book, recommendations, t),
        "appendix": appendix(report, t),
        "answer_history": answer_history(report, t),
        "unplaced": unplaced(report),
        "methodology": methodology(book, t),
        "attachment_name": ATTACHMENT_NAME,
    }


def _overall(book: RuleBook, data: Mapping[str, Any], t: Messages) -> dict[str, Any]:
    overall = data["overall"]
    lang = t.language
    level_id = overall["level"]
    uncapped = overall["uncapped_level"]
    return {
        **standing(book, overall, t),
        "description": book.level(level_id).description.get(lang) if level_id else "",
        "capped_note": (
            t("summary.capped", level=book.level(uncapped).title.get(lang))
            if uncapped and level_id and uncapped != level_id
            else ""
        ),
        "confidence": formatting.percent(overall["confidence"], lang),
    }


def standing(book: RuleBook, item: Mapping[str, Any], t: Messages) -> dict[str, Any]:
    """How a score and level read, overall or for a factor: final or provisional, with the range.

    `item` is the overall or a factor entry of `result_to_dict`; a result stored before ranges
    existed has no "provisional" or "range" and reads as it always did.
    """
    lang = t.language
    level_id = item.get("level")
    title = item.get("level_title") or (book.level(level_id).title.get(lang) if level_id else "")
    provisional = bool(item.get("provisional"))
    span = item.get("range")
    score = item.get("score")
    shown_range = ""
    figures = formatting.DASH
    if span is not None:
        low, high = formatting.score(span[0], lang), formatting.score(span[1], lang)
        figures = low if low == high else f"{low}{formatting.DASH}{high}"
        if score is not None and (span[0] != score or span[1] != score):
            shown_range = t("summary.range", low=low, high=high)
    if not level_id:
        shown_level = t("summary.not_scored")
    elif provisional:
        shown_level = t("summary.provisional", level=title)
    else:
        shown_level = title
    return {
        "score": formatting.score(score, lang),
        "scored": score is not None,
        "level": shown_level,
        "level_title": title,
        "level_class": level_class(book, level_id),
        "provisional": provisional,
        "provisional_note": _provisional_note(book, item, t) if provisional else "",
        "range": shown_range,
        "range_figures": figures,
    }


def _provisional_note(book: RuleBook, item: Mapping[str, Any], t: Messages) -> str:
    """Why a level is provisional, in a sentence."""
    lang = t.language
    cause, low_level = provisional_cause(book, item)
    if cause == "unscored":
        return t("summary.provisional_unscored")
    if cause == "confidence":
        return t(
            "summary.provisional_confidence",
            confidence=formatting.percent(item.get("confidence") or 0.0, lang),
            minimum=formatting.percent(book.scoring.min_confidence, lang),
        )
    if cause == "range" and low_level is not None:
        return t("summary.provisional_range", level=book.level(low_level).title.get(lang))
    return t("summary.provisional_gap")


def _gap(book: RuleBook, gap: Mapping[str, Any], t: Messages) -> dict[str, Any]:
    provisional = bool(gap.get("provisional"))
    return {
        "reason": gap["reason"],
        "caps": gap_caps_sentence(list(gap["caps"]), gap["max_level"], book, t),
        "facts": _unique(reason_sentence(r, book, t) for r in gap["reasons"]),
        "targets": list(gap["caps"]),
        "provisional": provisional,
        # A provisional gap leads with what to find out: its reason states as fact what may not be so.
        "find_out": (
            t("gap.find_out", questions=unknown_questions(list(gap["reasons"]), book, t)) if provisional else ""
        ),
    }


def _recommendations(report: ReportInput, data: Mapping[str, Any], t: Messages) -> list[dict[str, Any]]:
    book = report.book
    lang = t.language
    actors = {a.id: a.title.get(lang) for a in book.actors}
    clauses = {r.id: r.clause.get(lang) for r in book.recommendations if r.clause is not None}
    items = []
    # Numbered in the order the report lists them: the first steps, then the rest by factor.
    lead, groups = lead_and_rest(
        book, data["recommendations"], data.get("first_steps", []), lambda r: r["id"], lambda r: r["factor"]
    )
    ordered = [*lead, *(rec for _factor, recs in groups for rec in recs)]
    for number, rec in enumerate(ordered, start=1):
        factor_id = rec["factor"]
        items.append(
            {
                "number": number,
                "anchor": f"rec-{number}",
                "id": rec["id"],
                "title": rec["title"],
                "text": rec["text"],
                "priority": rec["priority"],
                "priority_label": t(f"priority.{rec['priority']}"),
                "horizon": rec["horizon"],
                "horizon_label": t(f"horizon.{rec['horizon']}"),
                "effort_label": t(f"effort.{rec['effort']}"),
                "who": [actors.get(actor, actor) for actor in rec["who"]],
                "factor": factor_id,
                "factor_title": book.factor(factor_id).title.get(lang) if factor_id else "",
                "reasons": _unique(reason_sentence(r, book, t) for r in rec["reasons"]),
                # Only web addresses become links; the loader already refuses other schemes.
                "sources": [
                    {
                        "title": s["title"],
                        "url": s["url"],
                        "linked": s["url"].lower().startswith(("https://", "http://")),
                    }
                    for s in rec["sources"]
                ],
                "clause": clauses.get(rec["id"], ""),
            }
        )
    return items


def _subject_label(t: Messages, kind: str, value: str | None) -> str:
    """A level of government or a sector in words ("" when not stated)."""
    return t(f"subject.{kind}.{value}") if value else ""


def _factors(
    report: ReportInput, data: Mapping[str, Any], recommendations: list[dict[str, Any]], t: Messages
) -> list[dict[str, Any]]:
    book = report.book
    lang = t.language
    total_weight = sum(f.weight for f in book.factors) or 1.0
    values = report.answers.values
    evidence = report.answers.evidence
    gaps = [_gap(book, g, t) for g in data["critical_gaps"]]
    pages = []
    for number, factor_data in enumerate(data["factors"], start=1):
        factor = book.factor(factor_data["id"])
        level_id = factor_data["level"]
        uncapped = factor_data["uncapped_level"]
        shown = standing(book, factor_data, t)
        level_text = factor.level_descriptions.get(level_id) if level_id else None
        if level_text is None and level_id:
            level_text = book.level(level_id).description
        questions = []
        for qs in factor_data["questions"]:
            question = book.questions[qs["id"]]
            status = QuestionStatus(qs["status"])
            item = evidence.get(question.id)
            questions.append(
                {
                    "id": question.id,
                    "text": question.asked(lang, report.subject.system_name),
                    "answer": _answer_shown(question, status, values.get(question.id), t),
                    "answered": status is QuestionStatus.ANSWERED,
                    "points": _points(qs, t),
                    "asks_evidence": question.evidence,
                    "evidence_text": item.text if item else "",
                    "evidence_link": item.link if item else "",
                }
            )
        pages.append(
            {
                "number": number,
                "total": len(data["factors"]),
                "id": factor.id,
                "anchor": f"factor-{factor.id}",
                "title": factor.title.get(lang),
                "description": factor.description.get(lang),
                "weight_value": formatting.number(factor.weight, lang),
                "share": formatting.share(factor.weight / total_weight, lang),
                **shown,
                "level_description": level_text.get(lang) if level_text else "",
                "capped_note": (
                    t("summary.capped", level=book.level(uncapped).title.get(lang))
                    if uncapped and level_id and uncapped != level_id
                    else ""
                ),
                "confidence": formatting.percent(factor_data["confidence"], lang),
                "chart_svg": Markup(  # serialised by ElementTree, which escaped every text
                    factor_chart_svg(data, book, lang, element_id=f"chart-{factor.id}", factor_ids=(factor.id,))
                ),
                "questions": questions,
                "gaps": [g for g in gaps if factor.id in g["targets"]],
                "recommendations": [r for r in recommendations if r["factor"] == factor.id],
            }
        )
    return pages


def _answer_shown(question: Question, status: QuestionStatus, value: Any, t: Messages) -> str:
    if status is QuestionStatus.HIDDEN:
        return t("status.hidden")
    if status is QuestionStatus.UNCERTAIN:
        return t("status.uncertain")
    if status is QuestionStatus.UNANSWERED:
        return t("status.unanswered")
    return answer_text(question, value, t)


def _points(qs: Mapping[str, Any], t: Messages) -> str:
    lang = t.language
    if not qs["max_points"]:
        return t("points.not_scored")
    if not qs["counted"] or qs["points"] is None:
        return t("points.not_counted")
    points, maximum = formatting.number(qs["points"], lang), formatting.number(qs["max_points"], lang)
    return t("points.value", points=points, max=maximum)


def _unique(items: Any) -> list[str]:
    """Sentences in order, each once: a condition may read the same answer twice."""
    return list(dict.fromkeys(items))
