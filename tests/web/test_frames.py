"""Page frames: a filled frame is exactly the page a full render gives, and shares nothing between respondents."""

from __future__ import annotations

import re
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from assessor.core.rulebook import DONT_KNOW, Question, QuestionType, RuleBook
from assessor.web import frames
from assessor.web.i18n import UI_LANGUAGES
from tests.answers import best_answer, worst_answer
from tests.helpers.questionnaire import form_data, start
from tests.web.pages import parse, url

HOSTILE = 'Budget "line" 4 & <b>5</b> </textarea><script>alert(1)</script> {{ 7*7 }}'


def mixed_answer(q: Question) -> Any:
    """Best, worst or don't know by turns, so that every kind of state is on some page."""
    turn = sum(map(ord, q.id)) % 3
    if turn == 2 and q.dont_know:
        return DONT_KNOW
    if q.type is QuestionType.TEXT:
        return HOSTILE
    return best_answer(q) if turn == 0 else worst_answer(q)


def answer_all_pages(client: FlaskClient, app: Flask, book: RuleBook, token: str) -> None:
    """Save every factor page once, with mixed answers and hostile evidence."""
    for factor in book.factors:
        path = url(app, "questionnaire.factor", token=token, factor_id=factor.id)
        data = form_data(parse(client.get(path)), book, mixed_answer)
        for key in list(data):
            if key.startswith("e_") and key.endswith("_text"):
                data[key] = HOSTILE
                data[key.replace("_text", "_link")] = 'https://example.org/?a=1&b="2"'
        assert client.post(path, data=data).status_code == 302


def without_csrf(page: str) -> str:
    # The token is signed with the time of signing, so two pages a second apart differ there only.
    return re.sub(r'name="csrf_token" value="[^"]*"', 'name="csrf_token" value=""', page)


def full_render(client: FlaskClient, path: str, monkeypatch: pytest.MonkeyPatch) -> str:
    with monkeypatch.context() as patch:
        patch.setattr(frames.FrameCache, "get", lambda _self, _key, _make: None)
        return client.get(path).get_data(as_text=True)


@pytest.mark.parametrize("language", UI_LANGUAGES)
def test_a_filled_frame_is_the_full_page(
    app: Flask, client: FlaskClient, shipped_book: RuleBook, language: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    token = start(client, app, language=language)
    # Each page before and after it is answered: empty pages and pages full of answers.
    for factor in shipped_book.factors:
        path = url(app, "questionnaire.factor", token=token, factor_id=factor.id)
        assert without_csrf(client.get(path).get_data(as_text=True)) == without_csrf(
            full_render(client, path, monkeypatch)
        )
    answer_all_pages(client, app, shipped_book, token)
    for factor in shipped_book.factors:
        path = url(app, "questionnaire.factor", token=token, factor_id=factor.id)
        framed = client.get(path).get_data(as_text=True)
        assert without_csrf(framed) == without_csrf(full_render(client, path, monkeypatch))
        parse(client.get(path))
    assert len(app.extensions["factor_frames"]) >= len(shipped_book.factors)


def test_frames_show_each_respondent_only_their_own_page(
    app: Flask, shipped_book: RuleBook, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = app.test_client(), app.test_client()
    first_token = start(first, app, organisation="First ministry")
    answer_all_pages(first, app, shipped_book, first_token)
    second_token = start(second, app, organisation="Second ministry")
    for factor in shipped_book.factors:
        path = url(app, "questionnaire.factor", token=second_token, factor_id=factor.id)
        page = second.get(path).get_data(as_text=True)
        assert first_token not in page
        assert "Budget &#34;line&#34;" not in page  # the first respondent's evidence
        assert parse(second.get(path)).select("input[checked]") == []  # nothing answered yet
        assert second_token in page  # its own language switch and return path
        assert without_csrf(page) == without_csrf(full_render(second, path, monkeypatch))


def test_hostile_answers_are_text_in_a_frame(app: Flask, client: FlaskClient, shipped_book: RuleBook) -> None:
    token = start(client, app)
    answer_all_pages(client, app, shipped_book, token)
    path = url(app, "questionnaire.factor", token=token, factor_id="procurement")
    text = client.get(path).get_data(as_text=True)
    assert "<script>alert(1)</script>" not in text
    assert "&lt;/textarea&gt;&lt;script&gt;" in text
    page = parse(client.get(path))
    assert page.select_one("textarea[name=q_procurement_notes]").get_text() == HOSTILE


def test_a_page_with_a_notice_is_rendered_in_full(app: Flask, client: FlaskClient, shipped_book: RuleBook) -> None:
    token = start(client, app)
    resume = url(app, "questionnaire.result", token=token)
    # Asking for the result before submitting leaves a notice for the next page, the check page;
    # a factor page with a pending notice must show it rather than a frame without it.
    assert client.get(resume).status_code == 302
    path = url(app, "questionnaire.factor", token=token, factor_id=shipped_book.factors[0].id)
    page = parse(client.get(path))
    assert page.select_one(".notices") is not None
    assert parse(client.get(path)).select_one(".notices") is None  # shown once


def test_cut_refuses_what_would_make_a_wrong_or_leaky_page() -> None:
    allowed = {"a", "b"}.__contains__
    with pytest.raises(frames.FrameError, match="unbalanced"):
        frames.cut("x \x00a\x00 y \x00", allowed=allowed)
    with pytest.raises(frames.FrameError, match="unexpected holes: c"):
        frames.cut(f"x {frames.hole('c')}", allowed=allowed)
    with pytest.raises(frames.FrameError, match="secret"):
        frames.cut(f"/a/TOKEN/language {frames.hole('a')}", allowed=allowed, secrets=("TOKEN",))
    frame = frames.cut(f'<p title="{frames.hole("a")}">{frames.hole("b")}</p>', allowed=allowed)
    assert frame.fill({"a": '"><x>', "b": "&"}) == '<p title="&#34;&gt;&lt;x&gt;">&amp;</p>'
    with pytest.raises(KeyError):
        frame.fill({"a": ""})


def test_cache_is_bounded_and_remembers_pages_that_cannot_be_framed() -> None:
    cache = frames.FrameCache(max_frames=2)
    made: list[str] = []

    def make(key: str) -> frames.Frame | None:
        made.append(key)
        return None if key == "bad" else frames.cut(key, allowed=bool)

    for key in ["bad", "bad", "one", "one", "two", "two"]:
        cache.get(key, lambda key=key: make(key))  # type: ignore[misc]
    assert made == ["bad", "one", "two", "two"]  # "two" found no room: made each time
    assert len(cache) == 2


def test_a_page_that_cannot_be_framed_is_rendered_in_full_and_logged_once(
    app: Flask, client: FlaskClient, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    calls: list[str] = []

    def refuse(_rendered: str, **_kwargs: Any) -> frames.Frame:
        calls.append("cut")
        raise frames.FrameError("a request's secret is in the fixed text of a shared frame")

    monkeypatch.setattr(frames, "cut", refuse)
    token = start(client, app)
    path = url(app, "questionnaire.factor", token=token, factor_id="funding")
    for _visit in range(3):
        response = client.get(path)
        assert response.status_code == 200
        assert parse(response).select_one("input[name=shown]") is not None
    assert calls == ["cut"]  # remembered: not tried (and logged) on every request
    assert "rendered in full: no frame" in caplog.text
