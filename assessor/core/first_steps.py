"""The first steps a result leads with: which fired recommendations come first, chosen by the pack.

A pack ranks some recommendations with `first_step` (1 leads) and says how many first steps a
result shows (`scoring.first_steps`). The fired ranked ones lead in rank order; when fewer fired
than there are places, the other fired recommendations fill them in their usual order (priority,
then horizon, then pack order). The rest are grouped by factor below, in that same order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Protocol, TypeVar

from assessor.core.rulebook import RuleBook


class _Fired(Protocol):
    @property
    def id(self) -> str: ...


FiredT = TypeVar("FiredT", bound=_Fired)


def first_steps(book: RuleBook, fired: Sequence[FiredT]) -> tuple[FiredT, ...]:
    """The first steps among `fired` (a Result's recommendations, in its order), at most the pack's count."""
    count = book.scoring.first_steps
    if count <= 0:
        return ()
    ranks = {r.id: r.first_step for r in book.recommendations if r.first_step is not None}
    # sorted() is stable: recommendations of equal rank, and all unranked ones, keep the result's order.
    ordered = sorted(fired, key=lambda item: (0, ranks[item.id]) if item.id in ranks else (1, 0))
    return tuple(ordered[:count])


def first_step_ids(book: RuleBook, fired: Iterable[_Fired]) -> list[str]:
    """The ids of `first_steps`, for data and worked examples."""
    return [item.id for item in first_steps(book, list(fired))]


ItemT = TypeVar("ItemT")


def lead_and_rest(
    book: RuleBook,
    items: Sequence[ItemT],
    first_ids: Sequence[str],
    id_of: Callable[[ItemT], str],
    factor_of: Callable[[ItemT], str | None],
) -> tuple[list[ItemT], list[tuple[str | None, list[ItemT]]]]:
    """The first steps among `items` in their order, and the rest grouped by factor in the pack's order.

    `first_ids` is what `first_step_ids` gave when the result was shown (pages and the PDF read it
    from the result's data); recommendations with no factor come last, under None.
    """
    by_id = {id_of(item): item for item in items}
    lead = [by_id[i] for i in first_ids if i in by_id]
    leading = set(first_ids)
    groups: dict[str | None, list[ItemT]] = {f.id: [] for f in book.factors}
    groups[None] = []
    for item in items:
        if id_of(item) not in leading:
            factor = factor_of(item)
            groups[factor if factor in groups else None].append(item)
    return lead, [(factor, found) for factor, found in groups.items() if found]
