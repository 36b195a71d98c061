"""First steps chosen by the pack's ranks, and questions that name the system assessed, filled in safely."""

from __future__ import annotations

import dataclasses
from typing import NamedTuple

from assessor.core.explain import result_to_dict, rulebook_to_dict
from assessor.core.first_steps import first_step_ids, first_steps, lead_and_rest
from assessor.core.rulebook import RuleBook, ScoringPolicy


class Fired(NamedTuple):
    id: str
    factor: str | None = None


def _ranked(book: RuleBook, ranks: dict[str, int], count: int = 5) -> RuleBook:
    recommendations = tuple(dataclasses.replace(r, first_step=ranks.get(r.id)) for r in book.recommendations)
    scoring = dataclasses.replace(book.scoring, first_steps=count)
    return dataclasses.replace(book, recommendations=recommendations, scoring=scoring)


def test_ranked_recommendations_lead_in_rank_order_and_the_others_fill_in_result_order(shipped_book: RuleBook) -> None:
    ids = [r.id for r in shipped_book.recommendations_in_order]
    book = _ranked(shipped_book, {ids[9]: 2, ids[7]: 1, ids[20]: 3}, count=5)
    fired = [Fired(i) for i in ids[:12]]  # ids[20] did not fire: its place goes to the next in order
    assert [f.id for f in first_steps(book, fired)] == [ids[7], ids[9], ids[0], ids[1], ids[2]]


def test_fewer_fired_than_places_gives_all_and_zero_places_gives_none(shipped_book: RuleBook) -> None:
    ids = [r.id for r in shipped_book.recommendations_in_order]
    unranked = _ranked(shipped_book, {})
    assert first_step_ids(unranked, [Fired(ids[3]), Fired(ids[1])]) == [ids[3], ids[1]]
    # The shipped ranks put removing brand names (3) before documentation as a deliverable (8).
    assert first_step_ids(
        shipped_book, [Fired("documentation_as_deliverable"), Fired("procurement_remove_brand_names")]
    ) == [
        "procurement_remove_brand_names",
        "documentation_as_deliverable",
    ]
    assert first_step_ids(shipped_book, []) == []
    assert first_steps(_ranked(shipped_book, {}, count=0), [Fired(i) for i in ids]) == ()


def test_the_rest_is_grouped_by_factor_in_pack_order(shipped_book: RuleBook) -> None:
    factors = [f.id for f in shipped_book.factors]
    items = [Fired("a", factors[2]), Fired("b", factors[0]), Fired("c", None), Fired("d", factors[2]), Fired("e")]
    lead, groups = lead_and_rest(shipped_book, items, ["d", "missing"], lambda i: i.id, lambda i: i.factor)
    assert lead == [items[3]]
    assert groups == [(factors[0], [items[1]]), (factors[2], [items[0]]), (None, [items[2], items[4]])]


def test_the_shipped_pack_ranks_its_first_steps_and_shows_them(shipped_book: RuleBook) -> None:
    assert shipped_book.scoring.first_steps == 5
    shown = rulebook_to_dict(shipped_book, "en")["first_steps"]
    assert shown["count"] == 5
    assert shown["ranked"][:2] == ["accountability_appoint_owner", "funding_secure_om_line"]
    assert ScoringPolicy().first_steps == 5  # packs that never heard of first steps get five


def test_a_named_question_fills_in_the_name_as_plain_text(shipped_book: RuleBook) -> None:
    question = shipped_book.questions["security_audit"]
    assert question.asked("en") == question.text.get("en")
    assert question.asked("en", "   ") == question.text.get("en")  # blank: the generic wording
    hostile = "{system}{0.__class__} %s %(x)s <b>"
    asked = question.asked("fr", hostile)
    assert hostile in asked  # as typed: no format string is evaluated, escaping is the page's job
    assert asked.startswith("À quand remonte le dernier audit de sécurité de {system}{0.__class__}")
    unnamed = shipped_book.questions["funding_tco"]
    assert unnamed.named_text is None
    assert unnamed.asked("es", "SIGEF") == unnamed.text.get("es")


def test_result_data_names_the_system_and_lists_the_first_steps(shipped_book: RuleBook) -> None:
    from assessor.core.answers import checked_answers
    from assessor.core.scoring import score

    result = score(shipped_book, checked_answers(shipped_book, {"funding_om_budget": "no", "security_audit": "never"}))
    data = result_to_dict(shipped_book, result, "en", "SIGEF")
    texts = {q["id"]: q["text"] for f in data["factors"] for q in f["questions"]}
    assert texts["funding_om_budget"].startswith("Is there a budget line for operating and maintaining SIGEF")
    assert data["first_steps"] == first_step_ids(shipped_book, result.recommendations)
    assert data["first_steps"][0] == "funding_secure_om_line"
