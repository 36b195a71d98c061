"""A rule pack's worked examples: answers with the levels, recommendations and gaps they must give.

Built after everything else, since an example names questions, levels, factors, recommendations and
gaps; `assessor rules test` then scores each one and compares (core.examples).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from assessor.core import rulebook as rb
from assessor.core.answers import validate_answers

if TYPE_CHECKING:
    from assessor.loading.packbuilder import Builder


def build_examples(builder: Builder, book: rb.RuleBook, gap_ids: set[str], rec_ids: set[str]) -> list[rb.WorkedExample]:
    """The pack's worked examples, each checked: valid answers, known levels, factors, recommendations and gaps."""
    examples: list[rb.WorkedExample] = []
    level_ids = [lv.id for lv in book.levels]
    factor_ids = [f.id for f in book.factors]
    questions = book.questions
    for item in builder.unique(builder.lists["examples"], "example").values():
        e = item.model
        answers = {
            qid: coerce_yaml_answer(questions[qid], v) if qid in questions else v for qid, v in e.answers.items()
        }
        _valid, problems = validate_answers(book, answers, e.evidence or {})
        for p in problems:
            sub = ("answers", p.question_id) if p.question_id in e.answers else ("evidence", p.question_id)
            builder.c.error(item.pos(*sub), item.key(*sub), f"question '{p.question_id}': {p.message}")
        x = e.expect
        if x.overall_level is not None and x.overall_level not in level_ids:
            builder.c.error(
                item.pos("expect", "overall_level"),
                item.key("expect", "overall_level"),
                f"unknown level id '{x.overall_level}'; expected one of: {', '.join(level_ids)}",
            )
        for fid, lid in (x.factor_levels or {}).items():
            if fid not in factor_ids:
                builder.c.error(
                    item.pos("expect", "factor_levels", fid, key=True),
                    item.key("expect", "factor_levels", fid),
                    f"unknown factor id '{fid}'",
                )
            if lid not in level_ids:
                builder.c.error(
                    item.pos("expect", "factor_levels", fid),
                    item.key("expect", "factor_levels", fid),
                    f"unknown level id '{lid}'; expected one of: {', '.join(level_ids)}",
                )
        for key, ids, known, what in (
            ("fires", x.fires, rec_ids, "recommendation"),
            ("not_fires", x.not_fires, rec_ids, "recommendation"),
            ("gaps", x.gaps or [], gap_ids, "critical gap"),
            ("first_steps", x.first_steps or [], rec_ids, "recommendation"),
        ):
            for i, ident in enumerate(ids):
                if ident not in known:
                    builder.c.error(
                        item.pos("expect", key, i), item.key("expect", key, i), f"unknown {what} id '{ident}'"
                    )
        overlap = set(x.fires) & set(x.not_fires)
        if overlap:
            builder.c.error(
                item.pos("expect"), item.key("expect"), f"'{sorted(overlap)[0]}' is in both fires and not_fires"
            )
        examples.append(
            rb.WorkedExample(
                e.id,
                builder.text(e.title, item, "title"),
                answers,
                dict(e.evidence or {}),
                rb.ExampleExpectation(
                    x.overall_level,
                    dict(x.factor_levels or {}),
                    tuple(x.fires),
                    tuple(x.not_fires),
                    tuple(x.gaps) if x.gaps is not None else None,
                    tuple(x.first_steps) if x.first_steps is not None else None,
                ),
            )
        )
    return examples


def coerce_yaml_answer(question: rb.Question, value: Any) -> Any:
    """YAML gives text; turn a worked example's answer into what an answers file would hold."""
    special = (rb.DONT_KNOW, rb.NOT_APPLICABLE)
    if question.type is rb.QuestionType.NUMBER and isinstance(value, str) and value not in special:
        try:
            number = float(value)
        except ValueError:
            return value
        return int(number) if number.is_integer() else number
    return value
