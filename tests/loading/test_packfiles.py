"""Loaded packs are kept by content: the same files give the same RuleBook, any change loads afresh."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from flask import Flask

from assessor.loading.packfiles import load_pack_from_files, load_pack_with_files, read_pack_files
from assessor.loading.rulepack import RulePackError
from tests.conftest import MINIMAL_PACK


def _copy(tmp_path: Path) -> Path:
    folder = tmp_path / "pack"
    shutil.copytree(MINIMAL_PACK, folder)
    return folder


def test_the_same_files_are_loaded_once_wherever_they_lie(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    book, files = load_pack_with_files(folder)
    again, _files = load_pack_with_files(MINIMAL_PACK)
    assert again is book
    assert load_pack_from_files(files) is book


def test_an_edited_file_is_loaded_again(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    book, _files = load_pack_with_files(folder)
    pack = folder / "pack.yaml"
    pack.write_text(pack.read_text("utf-8").replace("Minimal pack", "Minimal pack (edited)"), "utf-8")
    edited, files = load_pack_with_files(folder)
    assert edited is not book
    assert edited.content_hash != book.content_hash
    assert edited.title.get("en") == "Minimal pack (edited)"
    assert files == read_pack_files(folder)


def test_an_invalid_pack_is_never_kept(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    (folder / "pack.yaml").write_text("pack: [", "utf-8")
    for _attempt in range(2):
        with pytest.raises(RulePackError):
            load_pack_with_files(folder)


def test_other_catalogues_give_a_pack_of_its_own(tmp_path: Path) -> None:
    # Default option labels come from the catalogues, so an app with other ones loads the pack itself.
    shipped, _files = load_pack_with_files(MINIMAL_PACK)
    app = Flask(__name__)
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = str(tmp_path / "no-catalogues")
    with app.app_context():
        other, _files = load_pack_with_files(MINIMAL_PACK)
    assert other is not shipped
    assert other.content_hash == shipped.content_hash
