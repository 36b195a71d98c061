"""The report states only what was answered: provisional levels, ranges, "find out" gaps, missing options.

The PDF tests render real reports with WeasyPrint and read their text back with pypdf.
"""

from __future__ import annotations

from typing import Any

import pytest

from assessor.core.rulebook import DONT_KNOW, QuestionType, RuleBook
from assessor.presentation.sentences import reason_sentence
from assessor.presentation.wording import wording
from assessor.report import ReportInput, render_pdf
from assessor.report.context import build_context
from tests.answers import best_answer
from tests.report.conftest import make_input, page_texts, squash

# A whole report rendered (seconds): out of the quick loop (README, "Running the tests").
pytestmark = pytest.mark.slow

HAS_ONE_CLAUSE = ["code_in_repo"]  # the official's templates have this clause and no other


def _gamed_answers(book: RuleBook) -> dict[str, Any]:
    """Issue 10's example: the best answer on one question per factor, "don't know" on the rest.

    The contract templates hold one clause (so R7 to R9's conditions fire on the missing ones), and
    the operation budget is "don't know" (so its critical gap is provisional).
    """
    answers: dict[str, Any] = {}
    for factor in book.factors:
        first = next(q for q in factor.questions if q.max_points > 0 and q.show_if is None)
        value = best_answer(first)
        answers[first.id] = float(value) if first.type is QuestionType.NUMBER else value
        for q in factor.questions:
            if q.id not in answers and q.dont_know:
                answers[q.id] = DONT_KNOW
    answers["procurement_clauses"] = HAS_ONE_CLAUSE
    answers["funding_om_budget"] = DONT_KNOW
    return answers


@pytest.fixture(scope="module")
def gamed_input(shipped_book: RuleBook) -> ReportInput:
    return make_input(shipped_book, _gamed_answers(shipped_book))


@pytest.fixture(scope="module")
def gamed_pages(gamed_input: ReportInput) -> list[str]:
    return page_texts(render_pdf(gamed_input))


def test_the_cover_does_not_state_a_gamed_level_as_final(gamed_input: ReportInput, gamed_pages: list[str]) -> None:
    result = gamed_input.result
    assert result.overall.provisional
    assert result.overall.range is not None
    cover = squash(gamed_pages[0])
    level = gamed_input.book.level(str(result.overall.level)).title.get("en")
    assert squash(f"{level} (provisional)") in cover
    low, high = (f"{end:g}" for end in result.overall.range)
    assert squash(f"possible range {low}–{high}") in cover
    assert squash("Provisional: the confidence is") in cover
    # The summary says it again, beside the score tile.
    summary = squash(next(page for page in gamed_pages if "Your first" in page))
    assert squash(f"{level} (provisional)") in summary
    assert squash(f"possible range {low}–{high}") in summary


def test_a_provisional_gap_says_find_out_first(gamed_input: ReportInput, gamed_pages: list[str]) -> None:
    gaps = {g.id: g for g in gamed_input.result.critical_gaps}
    assert gaps["no_om_budget"].provisional
    text = squash("\n".join(gamed_pages))
    question = gamed_input.book.questions["funding_om_budget"].text.get("en")
    assert squash(f"Provisional. Find out first: “{question}”") in text


def test_factor_pages_say_what_a_level_means_apart_from_the_answers(gamed_pages: list[str]) -> None:
    text = squash("\n".join(gamed_pages))
    assert squash("At this level") not in text
    assert squash("This describes the level in general, not this government") in text
    assert squash("What “") in text


def test_missing_clauses_are_named_not_the_one_present(gamed_input: ReportInput, gamed_pages: list[str]) -> None:
    book = gamed_input.book
    question = book.questions["procurement_clauses"]
    fired = {r.id for r in gamed_input.result.recommendations}
    # The proprietary-components clause belongs to the option comparison since pack 0.3.1.
    assert {"procurement_open_licence_clause", "procurement_comparative_evaluation", "procurement_exit_clause"} <= fired
    text = squash("\n".join(gamed_pages))
    for value in ("open_licence", "no_proprietary", "no_lock_in"):
        label = question.option(value).label.get("en")  # type: ignore[union-attr]
        assert squash(f"Your answer to “{question.text.get('en')}” does not include “{label}”") in text
    present = question.option("code_in_repo").label.get("en")  # type: ignore[union-attr]
    assert squash(f"You answered “{present}”") not in text


def test_reason_names_every_missing_option_with_or(shipped_book: RuleBook) -> None:
    # integrators_training_pipeline: ("none" in x or ("academy" not in x and "university" not in x))
    # and score_integrators >= 40 (second-wave advice): a dedicated team lifts the factor's score.
    answers = {"integrators_training": ["on_the_job"], "integrators_inhouse_team": "dedicated"}
    report = make_input(shipped_book, answers)
    fired = {r.id: r for r in report.result.recommendations}
    reasons = [r.as_dict() for r in fired["integrators_training_pipeline"].reasons if r.as_dict().get("question")]
    missing = {"question": "integrators_training", "answer": ["on_the_job"], "missing": ["academy", "university"]}
    assert reasons == [missing]
    question = shipped_book.questions["integrators_training"]
    academy, university = (question.option(v).label for v in ("academy", "university"))  # type: ignore[union-attr]
    english = reason_sentence(reasons[0], shipped_book, wording("en"))
    assert english.endswith(f"does not include “{academy.get('en')}” or “{university.get('en')}”")
    spanish = reason_sentence(reasons[0], shipped_book, wording("es"))
    assert spanish.endswith(f"no incluye «{academy.get('es')}» o «{university.get('es')}»")


def test_none_of_these_names_the_options_missing(minimal_book: RuleBook) -> None:
    # api_docs: not ("api" in kinds) and score_docs < 75; kinds answered "None" (exclusive).
    report = make_input(minimal_book, {"budget": "yes", "years": 5, "kinds": ["none"], "owner": "government"})
    fired = {r.id: r for r in report.result.recommendations}
    assert fired["api_docs"].reasons[0].as_dict() == {"question": "kinds", "answer": ["none"], "missing": ["api"]}
    context = build_context(report)
    assert "Your answer to “Which docs?” does not include “API”" in context["recommendations"][0]["reasons"]


def test_context_on_the_fixture_pack_marks_provisional_levels_and_ranges(minimal_book: RuleBook) -> None:
    report = make_input(minimal_book, {"budget": DONT_KNOW, "kinds": ["user"], "owner": "government"})
    context = build_context(report)
    overall = context["overall"]
    assert overall["provisional"]
    assert overall["level"] == "Low (provisional)"  # capped by the provisional no_budget gap
    assert overall["range"] == "possible range 25–91.7"
    assert overall["provisional_note"].startswith("Provisional: the confidence is 33.3%")
    gap = context["critical_gaps"][0]
    assert gap["provisional"]
    assert gap["find_out"].startswith("Find out first: “Is there a budget?”.")
    docs = next(f for f in context["factors"] if f["id"] == "docs")
    assert (docs["provisional"], docs["range"], docs["range_figures"]) == (False, "", "75")
    funding = next(f for f in context["factors"] if f["id"] == "funding")
    assert funding["range_figures"] == "0–100"
    assert funding["provisional_note"] == "Provisional: no answer given here counts towards a score yet."


def test_a_result_stored_before_ranges_still_renders(minimal_book: RuleBook) -> None:
    from assessor.core.explain import result_to_dict

    report = make_input(minimal_book, {"budget": "yes", "years": 5, "kinds": ["user"], "owner": "government"})
    data = result_to_dict(minimal_book, report.result, "en")
    for item in (data["overall"], *data["factors"]):
        del item["provisional"], item["range"]
    for gap in data["critical_gaps"]:
        del gap["provisional"]
    context = build_context(report, data)
    assert not context["overall"]["provisional"]
    assert context["overall"]["range"] == ""
