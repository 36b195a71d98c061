"""The Result as plain data in one language: what `assessor score` prints and pages and reports show."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from assessor.core.first_steps import first_step_ids
from assessor.core.result import Reason, Result
from assessor.core.rulebook import Question, QuestionType, RuleBook


def result_to_dict(book: RuleBook, result: Result, language: str | None = None, system: str = "") -> dict[str, Any]:
    """The Result with titles and texts in `language` (falling back to the pack's default).

    `system` is the name of the system assessed, if the respondent gave one: questions the pack
    words for it name it (see `Question.asked`).
    """
    lang = language if language in book.languages else book.default_language
    questions = book.questions
    recommendations = {r.id: r for r in book.recommendations}
    gaps = {g.id: g for g in book.critical_gaps}

    def level_title(level_id: str | None) -> str | None:
        return book.level(level_id).title.get(lang) if level_id else None

    factors = []
    for fr in result.factors:
        factor = book.factor(fr.id)
        factors.append(
            {
                "id": fr.id,
                "title": factor.title.get(lang),
                "weight": factor.weight,
                "score": fr.score,
                "level": fr.level,
                "level_title": level_title(fr.level),
                "uncapped_level": fr.uncapped_level,
                "confidence": fr.confidence,
                "provisional": fr.provisional,
                "range": list(fr.range) if fr.range is not None else None,
                "questions": [
                    {
                        "id": qs.id,
                        "text": questions[qs.id].asked(lang, system),
                        "status": qs.status.value,
                        "points": qs.points,
                        "max_points": qs.max_points,
                        "counted": qs.counted,
                        "evidence": qs.has_evidence,
                    }
                    for qs in fr.questions
                ],
            }
        )
    return {
        "rules": {"id": result.rules_id, "version": result.rules_version, "hash": result.rules_hash},
        "language": lang,
        "overall": {
            "score": result.overall.score,
            "level": result.overall.level,
            "level_title": level_title(result.overall.level),
            "uncapped_level": result.overall.uncapped_level,
            "confidence": result.overall.confidence,
            "provisional": result.overall.provisional,
            "range": list(result.overall.range) if result.overall.range is not None else None,
        },
        "factors": factors,
        "critical_gaps": [
            {
                "id": hit.id,
                "caps": list(hit.caps),
                "max_level": hit.max_level,
                "provisional": hit.provisional,
                "reason": gaps[hit.id].reason.get(lang),
                "reasons": [_reason(r) for r in hit.reasons],
            }
            for hit in result.critical_gaps
        ],
        "recommendations": [
            {
                "id": fired.id,
                "title": recommendations[fired.id].title.get(lang),
                "text": recommendations[fired.id].text.get(lang),
                "priority": fired.priority.value,
                "horizon": fired.horizon.value,
                "effort": recommendations[fired.id].effort.value,
                "who": list(recommendations[fired.id].who),
                "factor": fired.factor_id,
                "sources": [{"title": s.title, "url": s.url} for s in recommendations[fired.id].sources],
                "reasons": [_reason(r) for r in fired.reasons],
            }
            for fired in result.recommendations
        ],
        # The ids of the recommendations the result leads with, in order (see core.first_steps).
        "first_steps": first_step_ids(book, result.recommendations),
    }


def provisional_cause(book: RuleBook, item: Mapping[str, Any]) -> tuple[str, str | None]:
    """Why the overall or a factor entry of `result_to_dict` is provisional, for pages to say.

    One of ("unscored", None), ("confidence", None), ("range", the level the low end reaches) or
    ("gap", None), checked in the order the core decides: a page names the first that applies.
    """
    level_id, score, span = item.get("level"), item.get("score"), item.get("range")
    if level_id is None or score is None:
        return "unscored", None
    confidence = item.get("confidence")
    if confidence is None or confidence < book.scoring.min_confidence:
        return "confidence", None
    if span is not None:
        low_level = book.level_for(span[0])
        if book.level_rank(low_level.id) < book.level_rank(level_id):
            return "range", low_level.id
    return "gap", None


def _reason(reason: Reason) -> dict[str, Any]:
    return reason.as_dict()


def rulebook_to_dict(book: RuleBook, language: str | None = None) -> dict[str, Any]:
    """The normalised questionnaire in one language, for tools and integrators."""
    lang = language if language in book.languages else book.default_language

    def question(q: Question) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": q.id,
            "type": q.type.value,
            "text": q.text.get(lang),
            "help": q.help.get(lang) if q.help else None,
            "dont_know": q.dont_know,
            "not_applicable": q.not_applicable,
            "named_text": q.named_text.get(lang) if q.named_text else None,
            "evidence": q.evidence,
            "show_if": q.show_if.text if q.show_if else None,
            "max_points": q.max_points,
            "options": [{"value": o.value, "label": o.label.get(lang), "points": o.points} for o in q.options],
        }
        if q.type is QuestionType.NUMBER:
            data.update(
                min=q.min,
                max=q.max,
                integer=q.integer,
                unit=q.unit.get(lang) if q.unit else None,
                bands=[{"min": b.min, "points": b.points} for b in q.bands],
            )
        if q.type is QuestionType.TEXT:
            data["max_length"] = q.max_length
        return data

    return {
        "id": book.id,
        "title": book.title.get(lang),
        "version": book.version,
        "hash": book.content_hash,
        "language": lang,
        "languages": list(book.languages),
        "levels": [{"id": lv.id, "title": lv.title.get(lang), "min_score": lv.min_score} for lv in book.levels],
        "first_steps": {
            "count": book.scoring.first_steps,
            "ranked": [
                r.id for r in sorted((r for r in book.recommendations if r.first_step), key=lambda r: r.first_step or 0)
            ],
        },
        "factors": [
            {
                "id": f.id,
                "title": f.title.get(lang),
                "description": f.description.get(lang),
                "weight": f.weight,
                "questions": [question(q) for q in f.questions],
            }
            for f in book.factors
        ],
    }
