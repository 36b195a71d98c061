"""The one presentation layer: labels with their context, plurals, and answer problems in the reader's words."""

from __future__ import annotations

import ast
from pathlib import Path

from assessor.core.answers import validate_answers
from assessor.core.rulebook import RuleBook
from assessor.presentation import labels
from assessor.presentation.catalogues import catalogue_languages
from assessor.presentation.problems import problem_message
from assessor.presentation.wording import wording
from tests.conftest import ROOT


def test_the_shipped_catalogues_are_the_languages() -> None:
    assert catalogue_languages() == ("en", "es", "fr", "pt")


def test_a_word_reads_by_its_context() -> None:
    # "High" is a priority (feminine in Spanish) or an effort (masculine): one msgid, two contexts.
    es = wording("es")
    assert labels.priority_label("high", es) == "Alta"
    assert labels.effort_label("high", es) == "Alto"
    assert labels.horizon_label("quick_win", wording("en")) == "Quick win (within six months)"
    assert labels.priority_label("unheard_of", es) == "unheard_of"


def test_default_yes_partial_no_labels_come_from_the_catalogues() -> None:
    assert labels.yes_partial_no_labels("partial", ("en", "fr", "xx")) == {"en": "Partly", "fr": "En partie"}


def test_plurals_follow_the_language() -> None:
    singular = "%(answered)d of %(num)d question that applies answered"
    plural = "%(answered)d of %(num)d questions that apply answered"
    assert wording("en").ngettext(singular, plural, 1, answered=0) == "0 of 1 question that applies answered"
    assert wording("fr").ngettext(singular, plural, 1, answered=1) == "1 sur 1 question applicable renseignée"
    assert wording("fr").ngettext(singular, plural, 3, answered=1).startswith("1 sur 3 questions")


def test_an_answer_problem_reads_the_same_wherever_it_is_shown(minimal_book: RuleBook) -> None:
    _answers, problems = validate_answers(minimal_book, {"years": 21, "kinds": ["none", "user"], "ghost": 1})
    by_id = {p.question_id: p for p in problems}
    years, kinds = minimal_book.questions["years"], minimal_book.questions["kinds"]
    en, es = wording("en"), wording("es")
    assert problem_message(by_id["years"].code, by_id["years"].params, years, en) == "Enter a number between 0 and 20"
    assert problem_message(by_id["kinds"].code, by_id["kinds"].params, kinds, es) == (
        "«Ninguno» no se puede seleccionar junto con otras opciones"
    )
    assert problem_message(by_id["ghost"].code, by_id["ghost"].params, None, en) == "No question has this id"


def test_every_translated_text_in_the_code_is_a_literal_pybabel_can_extract() -> None:
    # `pybabel extract` skips a call whose message is not a plain string (a parenthesised or
    # computed one), and such a text then shows in English whatever the language.
    calls = {"_", "_l", "gettext", "pgettext", "ngettext", "lazy_gettext"}
    offenders = []
    for path in sorted((ROOT / "assessor").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name not in calls:
                continue
            texts = node.args[1:2] if name == "pgettext" else node.args[:1]
            # A plain name is a wrapper passing its own argument on (admin/wording.py's `_`).
            if not all(
                isinstance(a, ast.Name) or (isinstance(a, ast.Constant) and isinstance(a.value, str)) for a in texts
            ):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
            elif _parenthesised(path, node):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == []


def _parenthesised(path: Path, call: ast.Call) -> bool:
    """Whether the call's text is wrapped in parentheses of its own, which pybabel does not read."""
    first = call.args[1] if getattr(call.func, "attr", "") == "pgettext" else call.args[0]
    segment = ast.get_source_segment(path.read_text(encoding="utf-8"), call) or ""
    head = segment[segment.index("(") + 1 :].lstrip()
    return head.startswith("(") and isinstance(first, ast.Constant)
