"""Filling in the questionnaire through the test client, as a browser would post it."""

from __future__ import annotations

from typing import Any

from bs4 import BeautifulSoup
from flask import Flask
from flask.testing import FlaskClient

from assessor.core.rulebook import RuleBook
from tests.web.pages import get_page, parse, token_from, url


def form_data(page: BeautifulSoup, book: RuleBook, choose: Any, action: str = "continue") -> dict[str, Any]:
    """What a browser would send: the page's hidden fields plus an answer to each question shown."""
    form = page.select_one("main form[method=post]")
    assert form is not None
    data: dict[str, Any] = {i["name"]: i.get("value", "") for i in form.select("input[type=hidden]")}
    for qid in filter(None, data.get("shown", "").split(",")):
        data[f"q_{qid}"] = choose(book.questions[qid])
        if book.questions[qid].evidence:
            data[f"e_{qid}_text"] = f"Evidence for {qid}"
    data["action"] = action
    return data


def save(client: FlaskClient, book: RuleBook, path: str, choose: Any, action: str = "continue") -> str:
    """Answer a page, answering again if the answers made more questions apply; return where it went."""
    for _attempt in range(3):
        response = client.post(path, data=form_data(get_page(client, path), book, choose, action))
        assert response.status_code == 302
        location = response.headers["Location"]
        if location.split("#")[0] != path:
            return location
    raise AssertionError("the page kept asking for more")


def start(client: FlaskClient, app: Flask, language: str = "en", organisation: str = "Ministry of Finance") -> str:
    response = client.post(
        url(app, "pages.start"), data={"organisation": organisation, "country": "Uruguay", "language": language}
    )
    assert response.status_code == 302
    return token_from(response.headers["Location"])


def answer_everything(client: FlaskClient, app: Flask, book: RuleBook, token: str, choose: Any) -> None:
    # Resuming shows the overview of sections; its main button leads to the next section to answer.
    path = get_page(client, url(app, "questionnaire.resume", token=token)).select_one("main a.button-primary")["href"]
    for _step in range(40):
        response = client.get(path)
        if response.status_code == 302:
            path = response.headers["Location"]
            continue
        page = parse(response)
        if "/check" in path:
            return
        posted = client.post(path, data=form_data(page, book, choose))
        assert posted.status_code == 302, posted.get_data(as_text=True)[:2000]
        path = posted.headers["Location"]
    raise AssertionError("the questionnaire did not reach the check page")


def submitted_through_the_pages(
    client: FlaskClient, app: Flask, book: RuleBook, choose: Any, language: str = "en"
) -> str:
    """Start, answer every page with `choose` and submit, as a respondent would; the token."""
    token = start(client, app, language=language)
    answer_everything(client, app, book, token, choose)
    client.post(url(app, "questionnaire.submit", token=token))
    return token
