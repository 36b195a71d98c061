"""Building a rule pack's questions: the keys each type allows, options, bands and default labels.

A part of `packbuilder.Builder`'s work, apart because question types are what a new kind of
question changes (docs/architecture.md, "add a question type").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from assessor.core import rulebook as rb
from assessor.presentation.labels import yes_partial_no_labels

if TYPE_CHECKING:
    from assessor.loading.packbuilder import Builder, Item

YES_PARTIAL_NO = ("yes", "partial", "no")
_DEFAULT_YPN_POINTS = {"yes": 2.0, "partial": 1.0, "no": 0.0}


def build_question(builder: Builder, item: Item, factor_id: str) -> rb.Question:
    """One question with its options or bands, refusing keys that do not fit its type."""
    q = item.model
    kind = rb.QuestionType(q.type)

    def refuse(key: str, why: str) -> None:
        builder.c.error(item.pos(key, key=True), item.key(key), why)

    if kind is not rb.QuestionType.NUMBER:
        for key in ("unit", "min", "max", "bands"):
            if getattr(q, key) is not None:
                refuse(key, f"'{key}' applies to number questions only")
        if q.integer:
            refuse("integer", "'integer' applies to number questions only")
    if kind is not rb.QuestionType.MULTIPLE and q.max_points is not None:
        refuse("max_points", "'max_points' applies to multiple-choice questions only")
    if kind in (rb.QuestionType.NUMBER, rb.QuestionType.TEXT) and q.options is not None:
        refuse("options", f"'{q.type}' questions have no options")
    options = build_options(builder, item, kind)
    bands: list[rb.Band] = []
    if kind is rb.QuestionType.NUMBER:
        if not q.bands:
            builder.c.error(item.pos(), item.key(), "a number question needs 'bands' (points by threshold)")
        previous: float | None = None
        for bi, band in enumerate(q.bands or []):
            if previous is not None and band.min <= previous:
                builder.c.error(
                    item.pos("bands", bi, "min"),
                    item.key("bands", bi, "min"),
                    f"bands out of order: {band.min:g} must be above the previous band's {previous:g}",
                )
            previous = band.min
            bands.append(rb.Band(band.min, band.points))
        if q.min is not None and q.max is not None and q.min >= q.max:
            refuse("max", f"max ({q.max:g}) must be above min ({q.min:g})")
    question = rb.Question(
        id=q.id,
        factor_id=factor_id,
        type=kind,
        text=builder.text(q.text, item, "text"),
        help=builder.opt_text(q.help, item, "help"),
        options=tuple(options),
        dont_know=q.dont_know,
        evidence=q.evidence,
        evidence_hint=builder.opt_text(q.evidence_hint, item, "evidence_hint"),
        show_if=None,
        unit=builder.opt_text(q.unit, item, "unit"),
        min=q.min,
        max=q.max,
        integer=q.integer,
        bands=tuple(bands),
        max_points_cap=q.max_points,
        max_length=q.max_length,
        renamed_from=tuple(q.renamed_from or ()),
        not_applicable=q.not_applicable,
        named_text=builder.named_text(q.named_text, item),
    )
    if kind is not rb.QuestionType.TEXT and question.max_points <= 0 and not builder.c.problems:
        builder.c.warn(item.pos(), item.key(), "no answer earns points, so this question cannot change the score")
    return question


def build_options(builder: Builder, item: Item, kind: rb.QuestionType) -> list[rb.Option]:
    """A question's options; yes/partial/no ones get the catalogues' labels and default points when not given."""
    q = item.model
    if kind is rb.QuestionType.YES_PARTIAL_NO:
        given = {o.value: (i, o) for i, o in enumerate(q.options or [])}
        for value in given:
            if value not in YES_PARTIAL_NO:
                builder.c.error(
                    item.pos("options", given[value][0], "value"),
                    item.key("options", given[value][0], "value"),
                    f"'{value}' is not one of yes, partial, no",
                )
        options = []
        for value in YES_PARTIAL_NO:
            if value in given:
                i, o = given[value]
                options.append(rb.Option(value, builder.text(o.label, item, "options", i, "label"), o.points))
            else:
                # The interface's own words, from the catalogue of each pack language that has one.
                label = yes_partial_no_labels(value, tuple(builder.languages))
                if not label:
                    label = {builder.default_language: yes_partial_no_labels(value, ("en",))["en"]}
                options.append(rb.Option(value, rb.Text(label, builder.default_language), _DEFAULT_YPN_POINTS[value]))
        return options
    if kind not in (rb.QuestionType.SINGLE, rb.QuestionType.MULTIPLE):
        return []
    if not q.options or len(q.options) < 2:
        builder.c.error(
            item.pos("options") if q.options else item.pos(),
            item.key("options"),
            f"a {q.type} question needs at least two options",
        )
        return []
    options = []
    seen: set[str] = set()
    for i, o in enumerate(q.options):
        if o.value in seen:
            builder.c.error(
                item.pos("options", i, "value"),
                item.key("options", i, "value"),
                f"duplicate option value '{o.value}'",
            )
        if o.value in (rb.DONT_KNOW, rb.NOT_APPLICABLE):
            builder.c.error(
                item.pos("options", i, "value"),
                item.key("options", i, "value"),
                f"'{o.value}' is reserved: set {o.value}: true on the question instead",
            )
        if o.exclusive and kind is not rb.QuestionType.MULTIPLE:
            builder.c.error(
                item.pos("options", i, "exclusive", key=True),
                item.key("options", i, "exclusive"),
                "'exclusive' applies to multiple-choice options only",
            )
        seen.add(o.value)
        options.append(rb.Option(o.value, builder.text(o.label, item, "options", i, "label"), o.points, o.exclusive))
    return options
