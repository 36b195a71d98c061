"""How long `rules check` takes on a pack, and how much of it the reachability search is.

Prints, for the pack (the shipped one by default), the wall and CPU time of a whole check
(YAML, schema, references, whole-pack checks) and of the reachability search alone over every
recommendation and critical gap. Target: the whole check under 2 s.
Run: .venv/bin/python bench/rules_check_bench.py [--rules rules/] [--repeat 3]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from assessor.loading.reachability import analyse
from assessor.loading.rulepack import check_rulepack

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rules", type=Path, default=ROOT / "rules")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    walls, cpus = [], []
    report = None
    for _ in range(args.repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        report = check_rulepack(args.rules)
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    if report is None or report.book is None:
        raise SystemExit("the pack is not valid: run assessor rules check")
    book = report.book
    conditions = [r.condition for r in book.recommendations] + [g.condition for g in book.critical_gaps]
    wall, cpu = time.perf_counter(), time.process_time()
    kinds = [analyse(c, book.questions, book.visibility_order).kind for c in conditions]
    search_wall, search_cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(f"pack {book.id} {book.version}: {len(book.questions)} questions, {len(conditions)} conditions")
    print(f"rules check: best of {args.repeat}: {min(walls):.3f} s wall, {min(cpus):.3f} s CPU")
    print(f"reachability search alone: {search_wall * 1000:.0f} ms wall, {search_cpu * 1000:.0f} ms CPU")
    print("verdicts: " + ", ".join(f"{k} {kinds.count(k)}" for k in sorted(set(kinds))))


if __name__ == "__main__":
    main()
