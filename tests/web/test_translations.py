"""The interface catalogues are complete and compiled: every string on every page is translated."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from assessor.web.i18n import TRANSLATIONS, UI_LANGUAGES
from tests.conftest import ROOT

PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    """The message ids in the code and templates right now."""
    out = tmp_path_factory.mktemp("pot") / "messages.pot"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "extract",
            "-F",
            "babel.cfg",
            "-k",
            "_l",
            "-o",
            str(out),
            ".",
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    with out.open("rb") as handle:
        return {str(m.id) for m in read_po(handle) if m.id}


@pytest.mark.parametrize("language", [lang for lang in UI_LANGUAGES if lang != "en"])
def test_catalogue_translates_every_string(language: str, extracted: set[str]) -> None:
    po_path = TRANSLATIONS / language / "LC_MESSAGES" / "messages.po"
    with po_path.open("rb") as handle:
        catalogue = read_po(handle)
    translated = {str(m.id): m for m in catalogue if m.id}
    missing = sorted(extracted - set(translated))
    assert not missing, f"not in the {language} catalogue (run pybabel update): {missing[:5]}"
    empty = sorted(i for i in extracted if not translated[i].string or translated[i].fuzzy)
    assert not empty, f"untranslated or fuzzy in {language}: {empty[:5]}"
    for message_id in extracted:
        assert set(PLACEHOLDER.findall(message_id)) == set(PLACEHOLDER.findall(str(translated[message_id].string))), (
            message_id
        )


def _text(value: object) -> str:
    """A message id or string as text; plural forms come as a tuple from .po and a list from .mo."""
    return str(tuple(value)) if isinstance(value, list | tuple) else str(value)


@pytest.mark.parametrize("language", [lang for lang in UI_LANGUAGES if lang != "en"])
def test_compiled_catalogue_matches_the_source(language: str) -> None:
    folder = TRANSLATIONS / language / "LC_MESSAGES"
    with (folder / "messages.po").open("rb") as handle:
        source = {_text(m.id): _text(m.string) for m in read_po(handle) if m.id and m.string}
    compiled = read_mo(io.BytesIO((folder / "messages.mo").read_bytes()))
    assert {_text(m.id): _text(m.string) for m in compiled if m.id} == source, (
        "run: pybabel compile -d assessor/translations"
    )


def test_catalogue_folder_is_the_one_shipped() -> None:
    assert Path(TRANSLATIONS).is_relative_to(ROOT / "assessor")
