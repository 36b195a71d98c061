"""Running a rule pack's worked examples: the policy team's own regression tests."""

from __future__ import annotations

from dataclasses import dataclass

from assessor.core.answers import validate_answers
from assessor.core.first_steps import first_step_ids
from assessor.core.result import Result
from assessor.core.rulebook import RuleBook, WorkedExample
from assessor.core.scoring import score


@dataclass(frozen=True)
class Mismatch:
    """One way a worked example's result differs from what was expected."""

    what: str
    expected: str
    got: str

    def __str__(self) -> str:
        return f"{self.what}: expected {self.expected}, got {self.got}"


def run_example(book: RuleBook, example: WorkedExample) -> tuple[Result | None, list[Mismatch]]:
    """Score an example's answers and compare with its expectations."""
    answers, problems = validate_answers(book, example.answers, example.evidence)
    if problems:
        return None, [Mismatch("answers", "valid answers", "; ".join(str(p) for p in problems))]
    result = score(book, answers)
    expect = example.expect
    mismatches: list[Mismatch] = []
    if expect.overall_level is not None and result.overall.level != expect.overall_level:
        mismatches.append(
            Mismatch("overall level", expect.overall_level, f"{result.overall.level} (score {result.overall.score})")
        )
    for factor_id, level in expect.factor_levels.items():
        got = result.factor(factor_id)
        if got.level != level:
            mismatches.append(Mismatch(f"level of {factor_id}", level, f"{got.level} (score {got.score})"))
    fired = [r.id for r in result.recommendations]
    for rec_id in expect.fires:
        if rec_id not in fired:
            mismatches.append(Mismatch(f"recommendation {rec_id}", "to fire", "not fired"))
    for rec_id in expect.not_fires:
        if rec_id in fired:
            mismatches.append(Mismatch(f"recommendation {rec_id}", "not to fire", "fired"))
    if expect.gaps is not None:
        got_gaps = sorted(g.id for g in result.critical_gaps)
        if got_gaps != sorted(expect.gaps):
            mismatches.append(
                Mismatch("critical gaps", ", ".join(sorted(expect.gaps)) or "none", ", ".join(got_gaps) or "none")
            )
    if expect.first_steps is not None:
        got_steps = first_step_ids(book, result.recommendations)
        if got_steps != list(expect.first_steps):
            mismatches.append(
                Mismatch("first steps", ", ".join(expect.first_steps) or "none", ", ".join(got_steps) or "none")
            )
    return result, mismatches
