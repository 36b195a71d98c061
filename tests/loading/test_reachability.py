"""The reachability search on the minimal pack's real questions: never, always, hidden, and witnesses."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from assessor.cli import main
from assessor.core.conditions import ConditionScope, compile_condition
from assessor.core.rulebook import RuleBook
from assessor.loading.reachability import ANSWERED_DONT_KNOW, analyse, describe_witness
from assessor.loading.rulepack import check_rulepack
from tests.conftest import MINIMAL_PACK, SHIPPED_PACK


def _verdict(book: RuleBook, text: str) -> tuple[str, str]:
    condition = compile_condition(text, ConditionScope(book.questions, tuple(f.id for f in book.factors)))
    verdict = analyse(condition, book.questions, book.visibility_order)
    return verdict.kind, describe_witness(verdict.witness) if verdict.witness is not None else ""


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ('budget == "no" and budget == "yes"', "never"),
        ("years > 5 and years < 2", "never"),
        ("years > 20", "never"),  # max is 20
        ("overall_score > 100", "never"),
        ("score_docs < 0", "never"),
        ('"none" in kinds and "api" in kinds', "never"),  # none is exclusive
        ('budget == "yes" and "budget" in dont_know', "never"),
        ('budget == "no" and years < 3', "hidden"),
        ('budget != "yes" or budget != "no"', "always"),
        ("overall_score >= 0", "always"),
        ('budget == "no" or "budget" in dont_know', "fires"),
        ("years >= 3 and years < 4", "fires"),
        ('owner in ["vendor"]', "fires"),
        ("notes == null", "fires"),
        # Arithmetic, or comparing two answers, is not searched: no verdict rather than a wrong one.
        ("years * 10 > 5 and years * 10 < 6", "undecided"),
        ("score_docs < score_funding and score_funding < overall_score", "undecided"),
    ],
)
def test_verdicts(minimal_book: RuleBook, text: str, kind: str) -> None:
    assert _verdict(minimal_book, text)[0] == kind


def test_witness_names_the_answers_that_fire(minimal_book: RuleBook) -> None:
    assert _verdict(minimal_book, "years >= 3 and years < 4") == ("fires", 'budget = "yes", years = 3')
    assert _verdict(minimal_book, '"budget" in dont_know')[1] == 'budget answered "don\'t know"'
    assert _verdict(minimal_book, 'budget == "no" and years < 3') == ("hidden", 'budget = "no", years = 0')


def test_hidden_verdict_lists_the_hidden_question(minimal_book: RuleBook) -> None:
    condition = compile_condition(
        'budget == "no" and years < 3', ConditionScope(minimal_book.questions, ("funding", "docs"))
    )
    verdict = analyse(condition, minimal_book.questions, minimal_book.visibility_order)
    assert verdict.hidden == ("years",)
    assert verdict.witness is not None
    assert verdict.witness["years"] == 0
    assert verdict.witness["budget"] is not ANSWERED_DONT_KNOW


def test_shipped_pack_every_condition_can_fire_and_none_always() -> None:
    report = check_rulepack(SHIPPED_PACK)
    assert report.book is not None, [str(p) for p in report.problems]
    assert len(report.verdicts) == len(report.book.recommendations) + len(report.book.critical_gaps)
    assert {v.kind for v in report.verdicts.values()} == {"fires"}


def test_rules_test_verbose_prints_scores_and_uncovered_items() -> None:
    run = CliRunner().invoke(main, ["rules", "test", "--verbose", str(MINIMAL_PACK)])
    assert run.exit_code == 0, run.output
    assert "     overall: 0 (low), confidence 66.7" in run.output
    assert "     funding: 100 (high)" in run.output
    assert "every recommendation is fired by at least one example" in run.output


def test_rules_test_verbose_names_what_no_example_fires_and_answers_that_would(tmp_path: Path) -> None:
    text = (MINIMAL_PACK / "pack.yaml").read_text(encoding="utf-8")
    cut = text.index("  - id: none\n")
    rest = text.index("  - id: good\n")
    (tmp_path / "pack.yaml").write_text(text[:cut] + text[rest:], encoding="utf-8")  # only the "good" example
    run = CliRunner().invoke(main, ["rules", "test", "-v", str(tmp_path)])
    assert run.exit_code == 0, run.output
    assert "2 recommendation(s) that no example fires:" in run.output
    assert '  get_budget: would fire with budget = "no"' in run.output
    assert '  api_docs: would fire with kinds = ["none"], score_docs = 0' in run.output
    assert "2 critical gap(s) that no example fires:" in run.output
    assert '  vendor_owns_docs: would fire with owner = "vendor"' in run.output
