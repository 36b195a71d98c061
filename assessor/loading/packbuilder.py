"""Building a RuleBook from a rule pack's schema-checked items, resolving and checking references.

The third pass of loading (see `rulepack`): ids, texts and translations, conditions, caps, gaps,
recommendations and worked examples. Every problem goes to a `Findings` with the position of the
item it concerns, so one run reports them all.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from assessor.core import rulebook as rb
from assessor.core.conditions import OVERALL_SCORE, SCORE_PREFIX, ConditionError, ConditionScope, compile_condition
from assessor.loading import packchecks
from assessor.loading.packexamples import build_examples
from assessor.loading.packquestions import build_question
from assessor.loading.problems import Problem, key_path
from assessor.loading.reachability import Verdict
from assessor.loading.yamlsource import PathKey, Position, YamlDocument

RESERVED_IDS = {
    "dont_know",
    OVERALL_SCORE,
    "true",
    "false",
    "null",
    "and",
    "or",
    "not",
    "in",
    "if",
    "for",
    "inf",
    "nan",
}
MAX_FILES = 200


@dataclass
class Findings:
    """Problems and warnings collected while a pack is checked, shared by every pass."""

    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    partial: bool = False  # some item failed the schema: unresolved references may be its fault
    # What the reachability search found per recommendation and critical gap id (valid packs).
    verdicts: dict[str, Verdict] = field(default_factory=dict)

    def error(self, position: Position, key: str, message: str) -> None:
        self.problems.append(Problem(position, key, message))

    def warn(self, position: Position, key: str, message: str) -> None:
        self.warnings.append(Problem(position, key, message, warning=True))


@dataclass
class Item:
    """A validated item and where it came from, for positions in later messages."""

    model: Any
    doc: YamlDocument
    path: PathKey

    def pos(self, *sub: str | int, key: bool = False) -> Position:
        return self.doc.position((*self.path, *sub), key=key)

    def key(self, *sub: str | int) -> str:
        return key_path((*self.path, *sub), self.doc.data)


class Builder:
    """Turns validated items into RuleBook objects, checking references as it goes."""

    def __init__(
        self, checker: Findings, singles: dict[str, Item], lists: dict[str, list[Item]], content_hash: str
    ) -> None:
        self.c = checker
        self.singles = singles
        self.lists = lists
        self.hash = content_hash
        meta = singles["pack"].model
        self.languages: tuple[str, ...] = tuple(dict.fromkeys(meta.languages))
        self.default_language = self.languages[0]
        self.conditions: list[tuple[str, Item, Any]] = []  # for the whole-pack condition checks

    # texts ------------------------------------------------------------------------------------------

    def text(self, value: Any, item: Item, *sub: str | int) -> rb.Text:
        by_language = {self.default_language: value} if isinstance(value, str) else dict(value)
        unknown = [lang for lang in by_language if lang not in self.languages]
        if unknown:
            self.c.error(
                item.pos(*sub),
                item.key(*sub),
                f"language '{unknown[0]}' is not in pack.languages ({', '.join(self.languages)})",
            )
        missing = [lang for lang in self.languages if lang not in by_language]
        if missing:
            self.c.warn(item.pos(*sub), item.key(*sub), f"missing translation: {', '.join(missing)}")
        return rb.Text(by_language, self.default_language)

    def opt_text(self, value: Any, item: Item, *sub: str | int) -> rb.Text | None:
        return None if value is None else self.text(value, item, *sub)

    def named_text(self, value: Any, item: Item) -> rb.Text | None:
        """A question's `named_text`: each language names the system once, with {system} and no other braces."""
        text = self.opt_text(value, item, "named_text")
        if text is None:
            return None
        for lang, words in text.by_language.items():
            sub = ("named_text",) if isinstance(value, str) else ("named_text", lang)
            if words.count(rb.SYSTEM_PLACEHOLDER) != 1:
                self.c.error(
                    item.pos(*sub), item.key(*sub), f"the {lang} text must contain {rb.SYSTEM_PLACEHOLDER} once"
                )
            elif "{" in words.replace(rb.SYSTEM_PLACEHOLDER, "") or "}" in words.replace(rb.SYSTEM_PLACEHOLDER, ""):
                self.c.error(
                    item.pos(*sub), item.key(*sub), f"the {lang} text has braces other than {rb.SYSTEM_PLACEHOLDER}"
                )
        return text

    def unique(self, items: Iterable[Item], what: str) -> dict[str, Item]:
        seen: dict[str, Item] = {}
        for item in items:
            ident = item.model.id
            if ident in seen:
                first = seen[ident].pos("id")
                self.c.error(
                    item.pos("id"),
                    item.key("id"),
                    f"duplicate {what} id '{ident}' (first in {first.file} at line {first.line})",
                )
                continue
            seen[ident] = item
        return seen

    def unresolved(self, position: Position, key: str, message: str) -> None:
        # When the schema pass set items aside, a dangling reference may point at one of them.
        if not self.c.partial:
            self.c.error(position, key, message)

    # the whole pack --------------------------------------------------------------------------------

    def build(self) -> rb.RuleBook | None:
        meta_item = self.singles["pack"]
        meta = meta_item.model
        levels = self.build_levels()
        level_ids = [lv.id for lv in levels]
        actors = self.build_actors()
        factors, questions_by_id, q_items = self.build_factors(level_ids)
        factor_ids = tuple(f.id for f in factors)
        self.check_question_ids(q_items)
        self.check_renames(q_items, questions_by_id)
        order = self.compile_show_ifs(q_items, questions_by_id, factor_ids)
        # The reachability search needs every question and show_if sound; other problems don't stop it.
        questions_sound = not self.c.problems and not self.c.partial
        # Rebuild questions with their compiled show_if.
        factors = tuple(
            rb.Factor(
                f.id,
                f.title,
                f.description,
                f.weight,
                tuple(questions_by_id[q.id] for q in f.questions),
                f.level_descriptions,
            )
            for f in factors
        )
        scope = ConditionScope(questions_by_id, factor_ids)
        gaps = self.build_gaps(scope, level_ids, factor_ids)
        recommendations = self.build_recommendations(scope, {a.id for a in actors}, factor_ids)
        if not self.c.partial:  # a factor set aside by the schema would skew the total
            packchecks.check_weights(self.lists["factors"], self.c.error)
        packchecks.check_bands(q_items, self.c.error)
        if questions_sound:
            packchecks.check_show_ifs(q_items, questions_by_id, order, self.c.error)
            self.c.verdicts = packchecks.check_conditions(self.conditions, questions_by_id, order, self.c.error)
        scoring_item = self.singles.get("scoring")
        scoring = rb.ScoringPolicy()
        if scoring_item is not None:
            s = scoring_item.model
            scoring = rb.ScoringPolicy(
                rb.MissingAnswerPolicy(s.dont_know),
                rb.MissingAnswerPolicy(s.unanswered),
                s.missing_evidence_credit,
                s.min_confidence,
                s.first_steps,
            )
        packchecks.check_first_steps(self.lists["recommendations"], scoring.first_steps, self.c.warn)
        if self.c.problems:
            return None
        book = rb.RuleBook(
            id=meta.id,
            title=self.text(meta.title, meta_item, "title"),
            version=meta.version,
            content_hash=self.hash,
            languages=self.languages,
            default_language=self.default_language,
            description=self.opt_text(meta.description, meta_item, "description"),
            levels=tuple(levels),
            factors=factors,
            actors=tuple(actors),
            critical_gaps=tuple(gaps),
            recommendations=tuple(recommendations),
            examples=(),
            scoring=scoring,
            visibility_order=tuple(order),
        )
        examples = build_examples(self, book, {g.id for g in gaps}, {r.id for r in recommendations})
        if self.c.problems:
            return None
        return dataclasses.replace(book, examples=tuple(examples))

    def build_levels(self) -> list[rb.Level]:
        item = self.singles["levels"]
        levels: list[rb.Level] = []
        seen: set[str] = set()
        previous: float | None = None
        for i, lv in enumerate(item.model):
            sub = Item(lv, item.doc, (*item.path, i))
            if lv.id in seen:
                self.c.error(sub.pos("id"), sub.key("id"), f"duplicate level id '{lv.id}'")
            seen.add(lv.id)
            if i == 0 and lv.min_score != 0:
                self.c.error(
                    sub.pos("min_score"),
                    sub.key("min_score"),
                    f"the first level must start at min_score 0, not {lv.min_score:g}, so every score has a level",
                )
            if previous is not None and lv.min_score <= previous:
                self.c.error(
                    sub.pos("min_score"),
                    sub.key("min_score"),
                    f"level thresholds out of order: {lv.min_score:g} must be above the previous level's {previous:g}",
                )
            previous = lv.min_score
            levels.append(
                rb.Level(
                    lv.id,
                    self.text(lv.title, sub, "title"),
                    lv.min_score,
                    self.text(lv.description, sub, "description"),
                )
            )
        if len(levels) < 2:
            self.c.error(item.pos(), item.key(), "expected at least two levels")
        return levels

    def build_actors(self) -> list[rb.Actor]:
        items = self.unique(self.lists["actors"], "actor")
        return [rb.Actor(a.model.id, self.text(a.model.title, a, "title")) for a in items.values()]

    def build_factors(self, level_ids: list[str]) -> tuple[tuple[rb.Factor, ...], dict[str, rb.Question], list[Item]]:
        factors: list[rb.Factor] = []
        questions: dict[str, rb.Question] = {}
        q_items: list[Item] = []
        self.unique(self.lists["factors"], "factor")  # reports duplicates
        # Build every factor, duplicates included, so their questions don't show up as unknown later.
        for fitem in self.lists["factors"]:
            f = fitem.model
            level_texts: dict[str, rb.Text] = {}
            for lid, text in (f.levels or {}).items():
                if lid not in level_ids:
                    self.c.error(
                        fitem.pos("levels", lid, key=True),
                        fitem.key("levels", lid),
                        f"unknown level id '{lid}'; expected one of: {', '.join(level_ids)}",
                    )
                    continue
                level_texts[lid] = self.text(text, fitem, "levels", lid)
            factor_questions: list[rb.Question] = []
            for qi, qm in enumerate(f.questions):
                qitem = Item(qm, fitem.doc, (*fitem.path, "questions", qi))
                if qm.id in questions:
                    self.c.error(qitem.pos("id"), qitem.key("id"), f"duplicate question id '{qm.id}'")
                    continue
                question = build_question(self, qitem, f.id)
                questions[qm.id] = question
                q_items.append(qitem)
                factor_questions.append(question)
            factors.append(
                rb.Factor(
                    f.id,
                    self.text(f.title, fitem, "title"),
                    self.text(f.description, fitem, "description"),
                    f.weight,
                    tuple(factor_questions),
                    level_texts,
                )
            )
        return tuple(factors), questions, q_items

    def check_question_ids(self, q_items: list[Item]) -> None:
        for item in q_items:
            qid = item.model.id
            if qid in RESERVED_IDS or qid.startswith(SCORE_PREFIX):
                self.c.error(
                    item.pos("id"),
                    item.key("id"),
                    f"'{qid}' is reserved in conditions; question ids may not be "
                    f"{', '.join(sorted(RESERVED_IDS))} or start with score_",
                )

    def check_renames(self, q_items: list[Item], questions: dict[str, rb.Question]) -> None:
        """An old id may name one question only, and never a question the pack still has."""
        first: dict[str, Item] = {}
        for item in q_items:
            for i, old_id in enumerate(item.model.renamed_from or []):
                where, key = item.pos("renamed_from", i), item.key("renamed_from", i)
                if old_id in questions:
                    self.c.error(
                        where, key, f"'{old_id}' is the id of a question in this pack; an old id must be unused"
                    )
                elif old_id in first:
                    earlier = first[old_id].pos("id")
                    self.c.error(
                        where,
                        key,
                        f"'{old_id}' is already an old id of question '{first[old_id].model.id}' "
                        f"({earlier.file}:{earlier.line}); an old id may move to one question only",
                    )
                else:
                    first[old_id] = item

    def compile_show_ifs(
        self, q_items: list[Item], questions: dict[str, rb.Question], factor_ids: tuple[str, ...]
    ) -> list[str]:
        scope = ConditionScope(questions, factor_ids, allow_scores=False)
        deps: dict[str, tuple[str, ...]] = {}
        items = {item.model.id: item for item in q_items}
        for qid, item in items.items():
            text = item.model.show_if
            if text is None:
                continue
            condition = self.compile(text, scope, item, "show_if")
            if condition is None:
                continue
            if condition.dont_know_ids:
                self.c.error(
                    item.pos("show_if"),
                    item.key("show_if"),
                    "show_if cannot test dont_know: a question that depends on an unknown answer "
                    "is treated as uncertain",
                )
                continue
            deps[qid] = condition.question_ids
            questions[qid] = dataclasses.replace(questions[qid], show_if=condition)
        order: list[str] = []
        state: dict[str, int] = {}  # 1 visiting, 2 done
        for start in items:
            if state.get(start) == 2:
                continue
            stack: list[tuple[str, int]] = [(start, 0)]
            path: list[str] = []
            while stack:
                qid, i = stack.pop()
                if i == 0:
                    if state.get(qid) == 2:
                        continue
                    state[qid] = 1
                    path.append(qid)
                children = deps.get(qid, ())
                if i < len(children):
                    stack.append((qid, i + 1))
                    child = children[i]
                    if state.get(child) == 1:
                        cycle = [*path[path.index(child) :], child]
                        item = items[qid]
                        self.c.error(
                            item.pos("show_if"),
                            item.key("show_if"),
                            "show_if cycle: " + " -> ".join(cycle) + " (a question cannot depend on itself)",
                        )
                        continue
                    if state.get(child) != 2:
                        stack.append((child, 0))
                else:
                    state[qid] = 2
                    path.pop()
                    order.append(qid)
        return order

    def compile(self, text: str, scope: ConditionScope, item: Item, key: str) -> Any:
        try:
            return compile_condition(text, scope)
        except ConditionError as exc:
            position = item.pos(key)
            content = item.doc.position((*item.path, key))
            if exc.offset is not None and "\n" not in text:
                position = Position(content.file, content.line, content.column + exc.offset)
            if "unknown" in exc.message and self.c.partial:
                return None
            self.c.error(position, item.key(key), exc.message)
            return None

    def build_gaps(
        self, scope: ConditionScope, level_ids: list[str], factor_ids: tuple[str, ...]
    ) -> list[rb.CriticalGap]:
        gaps: list[rb.CriticalGap] = []
        for item in self.unique(self.lists["critical_gaps"], "critical gap").values():
            g = item.model
            condition = self.compile(g.condition, scope, item, "condition")
            for ci, target in enumerate(g.caps):
                if target != "overall" and target not in factor_ids:
                    self.unresolved(
                        item.pos("caps", ci),
                        item.key("caps", ci),
                        f"unknown factor id '{target}'; expected 'overall' or one of: {', '.join(factor_ids)}",
                    )
            if g.max_level not in level_ids:
                self.c.error(
                    item.pos("max_level"),
                    item.key("max_level"),
                    f"unknown level id '{g.max_level}'; expected one of: {', '.join(level_ids)}",
                )
            reason = self.text(g.reason, item, "reason")
            if condition is not None:
                self.conditions.append(("critical gap", item, condition))
                gaps.append(rb.CriticalGap(g.id, condition, tuple(dict.fromkeys(g.caps)), g.max_level, reason))
        return gaps

    def build_recommendations(
        self, scope: ConditionScope, actor_ids: set[str], factor_ids: tuple[str, ...]
    ) -> list[rb.Recommendation]:
        recommendations: list[rb.Recommendation] = []
        for item in self.unique(self.lists["recommendations"], "recommendation").values():
            r = item.model
            condition = self.compile(r.condition, scope, item, "condition")
            for wi, who in enumerate(r.who):
                if who not in actor_ids:
                    self.unresolved(
                        item.pos("who", wi),
                        item.key("who", wi),
                        f"unknown actor id '{who}'; expected one of: "
                        f"{', '.join(sorted(actor_ids)) or '(no actors defined)'}",
                    )
            if r.factor is not None and r.factor not in factor_ids:
                self.unresolved(
                    item.pos("factor"),
                    item.key("factor"),
                    f"unknown factor id '{r.factor}'; expected one of: {', '.join(factor_ids)}",
                )
            title = self.text(r.title, item, "title")
            text = self.text(r.text, item, "text")
            clause = self.opt_text(r.clause, item, "clause")
            if condition is not None:
                self.conditions.append(("recommendation", item, condition))
                recommendations.append(
                    rb.Recommendation(
                        r.id,
                        title,
                        text,
                        condition,
                        rb.Priority(r.priority),
                        rb.Effort(r.effort),
                        rb.Horizon(r.horizon),
                        tuple(r.who),
                        r.factor,
                        tuple(rb.Source(s.title, s.url) for s in r.sources),
                        clause,
                        r.first_step,
                    )
                )
        return recommendations
