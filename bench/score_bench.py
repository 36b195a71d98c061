"""Scoring throughput: random valid answer sets on the shipped rule pack, on one core.

Prints assessments per second for validate + score (recommendations and critical gaps included),
with the condition memo cold (a freshly loaded pack) and warm. Target: at least 5,000 per second.
Run: .venv/bin/python bench/score_bench.py [--n 20000] [--rules rules/]
"""

from __future__ import annotations

import argparse
import os
import random
import time
from pathlib import Path
from typing import Any

from assessor.core.answers import checked_answers
from assessor.core.rulebook import DONT_KNOW, QuestionType, RuleBook
from assessor.core.scoring import score
from assessor.loading.rulepack import load_rulebook

ROOT = Path(__file__).resolve().parent.parent


def random_answers(book: RuleBook, rng: random.Random) -> dict[str, Any]:
    """A random valid answer set: some questions skipped, some "don't know"."""
    answers: dict[str, Any] = {}
    for q in book.questions.values():
        roll = rng.random()
        if roll < 0.1:
            continue
        if roll < 0.2 and q.dont_know:
            answers[q.id] = DONT_KNOW
            continue
        if q.type in (QuestionType.SINGLE, QuestionType.YES_PARTIAL_NO):
            answers[q.id] = rng.choice(q.options).value
        elif q.type is QuestionType.MULTIPLE:
            plain = [o.value for o in q.options if not o.exclusive]
            answers[q.id] = rng.sample(plain, rng.randint(0, len(plain)))
        elif q.type is QuestionType.NUMBER:
            low = q.min if q.min is not None else 0.0
            high = q.max if q.max is not None else 100.0
            answers[q.id] = rng.randint(int(low), int(high)) if q.integer else rng.uniform(low, high)
        else:
            answers[q.id] = "notes " * rng.randint(0, 20)
    return answers


def run(book: RuleBook, sets: list[dict[str, Any]], *, validate: bool = True) -> float:
    """Assessments per second: validate (optionally) and score each answer set."""
    if not validate:
        checked = [checked_answers(book, answers) for answers in sets]
        started = time.perf_counter()
        for answers in checked:
            score(book, answers)
        return len(sets) / (time.perf_counter() - started)
    started = time.perf_counter()
    for raw in sets:
        score(book, checked_answers(book, raw))
    return len(sets) / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=20_000, help="answer sets per pass")
    parser.add_argument("--rules", type=Path, default=ROOT / "rules")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core, as the target says
    rng = random.Random(20261122)
    started = time.perf_counter()
    book = load_rulebook(args.rules)
    load_ms = (time.perf_counter() - started) * 1000
    sets = [random_answers(book, rng) for _ in range(args.n)]
    n_conditions = (
        len(book.recommendations) + len(book.critical_gaps) + sum(1 for q in book.questions.values() if q.show_if)
    )
    print(f"rule pack {book.id} {book.version}: {len(book.questions)} questions, {n_conditions} conditions")
    print(f"load and compile the pack: {load_ms:.0f} ms")
    cold = run(book, sets[: min(2000, args.n)])
    print(f"validate + score, cold memo (first {min(2000, args.n)}): {cold:,.0f} assessments/s")
    warm = run(book, sets)
    print(f"validate + score, warm ({args.n}):          {warm:,.0f} assessments/s (target >= 5,000)")
    scored_only = run(book, sets, validate=False)
    print(f"score only, warm ({args.n}):                {scored_only:,.0f} assessments/s")
    fired = sum(len(score(book, checked_answers(book, a)).recommendations) for a in sets[:1000]) / 1000
    print(f"recommendations fired per assessment (mean of 1000): {fired:.1f}")


if __name__ == "__main__":
    main()
