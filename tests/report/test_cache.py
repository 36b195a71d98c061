"""The PDF cache: keys that change with everything a report shows, bounded stores, no second render."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from pathlib import Path

import pytest

from assessor.core.rulebook import RuleBook
from assessor.report import (
    DirectoryPDFStore,
    read_report_data,
    render_pdf,
    report_cache_key,
)
from assessor.report.cache import answers_fingerprint
from tests.report.conftest import MINIMAL_ANSWERS, make_input

KEY_A = "a" * 64
KEY_B = "b" * 64
KEY_C = "c" * 64


def test_key_is_stable_and_sensitive_to_everything_shown(minimal_book: RuleBook) -> None:
    base = make_input(minimal_book, MINIMAL_ANSWERS, {"budget": "Law 12"})
    key = report_cache_key(base)
    assert key == report_cache_key(make_input(minimal_book, dict(MINIMAL_ANSWERS), {"budget": "Law 12"}))
    variants = [
        make_input(minimal_book, {**MINIMAL_ANSWERS, "budget": "partial"}, {"budget": "Law 12"}),
        make_input(minimal_book, MINIMAL_ANSWERS, {"budget": "Law 13"}),
        make_input(minimal_book, MINIMAL_ANSWERS, {"budget": {"text": "Law 12", "link": "https://x.example"}}),
        dataclasses.replace(base, language="es"),
        dataclasses.replace(base, organisation="Other ministry"),
        dataclasses.replace(base, country="Other"),
        dataclasses.replace(base, respondent_role="Other"),
        dataclasses.replace(base, reference="OTHER-1"),
        dataclasses.replace(base, assessment_date=dt.date(2027, 1, 1)),
        dataclasses.replace(base, book=dataclasses.replace(minimal_book, content_hash="0" * 64)),
    ]
    keys = {report_cache_key(variant) for variant in variants}
    assert key not in keys
    assert len(keys) == len(variants)


def test_key_ignores_a_language_the_pack_does_not_have(minimal_book: RuleBook) -> None:
    base = make_input(minimal_book, MINIMAL_ANSWERS)
    # The report falls back to the pack's default language, so the PDF is the same one.
    assert report_cache_key(dataclasses.replace(base, language="xx")) == report_cache_key(base)


def test_answers_fingerprint_names_the_answers(minimal_book: RuleBook) -> None:
    one = make_input(minimal_book, MINIMAL_ANSWERS)
    two = make_input(minimal_book, {**MINIMAL_ANSWERS, "owner": "government"})
    assert answers_fingerprint(one.answers, "h").startswith("A-")
    assert answers_fingerprint(one.answers, "h") != answers_fingerprint(two.answers, "h")


def test_directory_store_round_trip_private_files_and_prune(tmp_path: Path) -> None:
    store = DirectoryPDFStore(tmp_path / "pdfs")
    assert store.get(KEY_A) is None
    store.put(KEY_A, b"%PDF-a")
    store.put(KEY_B, b"%PDF-bb")
    assert store.get(KEY_A) == b"%PDF-a"
    assert (store.path(KEY_A).stat().st_mode & 0o777) == 0o600
    os.utime(store.path(KEY_A), (1, 1))  # the older one goes first
    assert store.prune(max_bytes=7) == 1
    assert store.get(KEY_A) is None
    assert store.get(KEY_B) == b"%PDF-bb"
    assert not list((tmp_path / "pdfs").glob(".tmp-*"))


@pytest.mark.parametrize("key", ["../../etc/passwd", "A" * 64, "a" * 63, ""])
def test_directory_store_refuses_keys_that_are_not_digests(tmp_path: Path, key: str) -> None:
    store = DirectoryPDFStore(tmp_path)
    with pytest.raises(ValueError, match="not a cache key"):
        store.get(key)


def test_a_render_is_reproducible_so_a_stored_pdf_equals_a_fresh_one(minimal_book: RuleBook) -> None:
    report = make_input(minimal_book, MINIMAL_ANSWERS, language="es")
    first = render_pdf(report)
    assert read_report_data(first)["language"] == "es"
    # No clock, no random ids: the job's stored PDF and a single render are the same bytes.
    assert render_pdf(report) == first


def test_directory_store_prunes_by_age(tmp_path: Path) -> None:
    store = DirectoryPDFStore(tmp_path / "pdfs")
    store.put(KEY_A, b"%PDF-a")
    store.put(KEY_B, b"%PDF-b")
    os.utime(store.path(KEY_A), (1, 1))
    assert store.prune_older_than(dt.datetime.now(dt.UTC) - dt.timedelta(days=30)) == 1
    assert store.get(KEY_A) is None
    assert store.get(KEY_B) == b"%PDF-b"
