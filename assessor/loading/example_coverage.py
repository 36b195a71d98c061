"""What `rules test --verbose` prints: each worked example's scores, and what no example covers.

A recommendation or critical gap that no worked example fires is untested: a later edit could
silence it unnoticed. For each, we print answers that would make it fire (found by the
reachability search), so the policy team can turn them into a worked example.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from assessor.core.result import Result
from assessor.core.rulebook import RuleBook
from assessor.loading.reachability import Verdict, describe_witness


def example_lines(result: Result) -> list[str]:
    """The scores and levels of one example's result, and what fired, indented under its name."""
    overall = result.overall
    level = overall.level or "no level"
    lines = [f"     overall: {_score(overall.score)} ({level}), confidence {overall.confidence:g}"]
    for factor in result.factors:
        capped = f", capped from {factor.uncapped_level}" if factor.uncapped_level != factor.level else ""
        lines.append(f"     {factor.id}: {_score(factor.score)} ({factor.level or 'no level'}{capped})")
    lines.append("     recommendations: " + (", ".join(r.id for r in result.recommendations) or "none"))
    lines.append("     critical gaps: " + (", ".join(g.id for g in result.critical_gaps) or "none"))
    return lines


def uncovered_lines(book: RuleBook, results: Sequence[Result], verdicts: Mapping[str, Verdict]) -> list[str]:
    """Recommendations and critical gaps that no example fires, with answers that would fire them."""
    fired = {r.id for result in results for r in result.recommendations}
    hit = {g.id for result in results for g in result.critical_gaps}
    lines: list[str] = []
    for what, ids, covered in (
        ("recommendation", [r.id for r in book.recommendations], fired),
        ("critical gap", [g.id for g in book.critical_gaps], hit),
    ):
        missing = [i for i in ids if i not in covered]
        if not missing:
            lines.append(f"every {what} is fired by at least one example")
            continue
        lines.append(f"{len(missing)} {what}(s) that no example fires:")
        for ident in missing:
            verdict = verdicts.get(ident)
            if verdict is not None and verdict.witness is not None:
                lines.append(f"  {ident}: would fire with {describe_witness(verdict.witness)}")
            else:
                lines.append(f"  {ident}")
    return lines


def _score(value: float | None) -> str:
    return "no score" if value is None else f"{value:g}"
