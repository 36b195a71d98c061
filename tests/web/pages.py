"""Helpers for page tests: fetch by endpoint name, parse strictly, check what every page must have."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

import html5lib
from bs4 import BeautifulSoup
from flask import Flask, url_for
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from assessor.storage.assessments import AnswerState, state_of
from assessor.storage.db import session as db_session
from assessor.storage.models import Assessment


def url(app: Flask, endpoint: str, **values: Any) -> str:
    """The path of a page, by endpoint name."""
    with app.test_request_context():
        return url_for(endpoint, **values)


def parse(response: TestResponse) -> BeautifulSoup:
    """The page, parsed strictly (a parse error fails the test), checked for what every page needs."""
    text = response.get_data(as_text=True)
    html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(text)
    page = BeautifulSoup(text, "html5lib")
    ids = Counter(tag["id"] for tag in page.find_all(id=True))
    duplicates = [i for i, n in ids.items() if n > 1]
    assert not duplicates, f"duplicate ids: {duplicates}"
    assert page.html is not None, "no <html>"
    assert page.html.get("lang"), "<html lang> missing"
    assert page.title is not None, "no <title>"
    assert page.title.string, "empty <title>"
    assert page.title.string.strip(), "empty <title>"
    assert page.find("main") is not None
    for label in page.find_all("label"):
        target = label.get("for")
        assert target, "label without for"
        assert page.find(id=target) is not None, f"label for missing control: {target}"
    for anchor in page.select(".error-summary a"):
        assert page.find(id=anchor["href"].lstrip("#")) is not None, f"error link to nothing: {anchor['href']}"
    return page


def get_page(client: FlaskClient, path: str, status: int = 200, **kwargs: Any) -> BeautifulSoup:
    """GET a page, assert its status, parse it."""
    response = client.get(path, **kwargs)
    assert response.status_code == status, response.get_data(as_text=True)[:500]
    return parse(response)


def token_from(location: str) -> str:
    """The resume token in a /a/<token>/... path."""
    match = re.search(r"/a/([^/]+)/", location)
    assert match, location
    return match.group(1)


def stored_state(index: int = 0) -> AnswerState:
    """The answers and evidence stored for the index-th assessment made (oldest first), from its rows."""
    db = db_session()
    assessments = db.query(Assessment).order_by(Assessment.id).all()
    return state_of(db, assessments[index])
