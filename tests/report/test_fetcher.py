"""The allow-list URL fetcher, tested directly: only regular files under the assets, and data: URLs."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.request import HTTPRedirectHandler

import pytest

from assessor.report.fetcher import ASSETS_DIR, AssetURLFetcher, RefusedURLError
from tests.report.conftest import Canary


@pytest.fixture
def fetcher() -> AssetURLFetcher:
    return AssetURLFetcher()


def asset_url(name: str) -> str:
    return ASSETS_DIR.as_uri() + "/" + name


def test_serves_the_stylesheet_and_fonts(fetcher: AssetURLFetcher) -> None:
    css = fetcher.fetch(asset_url("report.css"))
    assert css.content_type == "text/css"
    assert b"@font-face" in css.read()
    font = fetcher.fetch(asset_url("fonts/Inter-Regular.otf"))
    assert font.read(4) == b"OTTO"


def test_serves_data_urls(fetcher: AssetURLFetcher) -> None:
    assert fetcher.fetch("data:text/plain;base64,aGVsbG8=").read() == b"hello"
    response = fetcher.fetch("data:image/svg+xml,%3Csvg%2F%3E")
    assert response.read() == b"<svg/>"
    assert response.content_type == "image/svg+xml"


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "file:///dev/urandom",
        "file:///proc/self/environ",
        "file://localhost/etc/passwd",
        "file://example.org/etc/passwd",
        "https://example.org/",
        "ftp://example.org/file",
        "gopher://127.0.0.1/",
        "/etc/passwd",
        "relative/path.css",
    ],
)
def test_refuses_everything_else(fetcher: AssetURLFetcher, url: str) -> None:
    with pytest.raises(RefusedURLError):
        fetcher.fetch(url)


def test_refuses_loopback_http_without_a_request(fetcher: AssetURLFetcher, canary: Canary) -> None:
    before = len(canary.hits)
    for url in (canary.url("img"), f"http://localhost:{canary.port}/x", f"https://127.0.0.1:{canary.port}/y"):
        with pytest.raises(RefusedURLError):
            fetcher.fetch(url)
        with pytest.raises(RefusedURLError):
            fetcher.open(url)  # urllib's entry point goes through the same allow-list
    assert len(canary.hits) == before


@pytest.mark.parametrize(
    "suffix",
    [
        "../fetcher.py",
        "fonts/../../fetcher.py",
        "%2e%2e/fetcher.py",
        "fonts/%2E%2E/%2E%2E/render.py",
        "../../../../../../etc/passwd",
        "",  # the assets directory itself
        "fonts",
        "no-such-file.css",
        "report.css%00.png",
    ],
)
def test_refuses_paths_outside_the_assets_or_not_files(fetcher: AssetURLFetcher, suffix: str) -> None:
    with pytest.raises(RefusedURLError):
        fetcher.fetch(asset_url(suffix))


def test_follows_symlinks_only_to_files_inside_the_root(tmp_path: Path) -> None:
    root = tmp_path / "assets"
    root.mkdir()
    (root / "style.css").write_text("p { color: red }", "utf-8")
    secret = tmp_path / "secret.txt"
    secret.write_text("CANARY", "utf-8")
    (root / "inside.css").symlink_to(root / "style.css")
    (root / "escape.css").symlink_to(secret)
    (root / "passwd.css").symlink_to("/etc/passwd")
    (root / "sub").symlink_to(tmp_path)
    fetcher = AssetURLFetcher(root)
    assert fetcher.fetch((root / "inside.css").as_uri()).read() == b"p { color: red }"
    for name in ("escape.css", "passwd.css", "sub/secret.txt"):
        with pytest.raises(RefusedURLError):
            fetcher.fetch((root / name).as_uri())


def test_never_opens_devices_or_pipes(tmp_path: Path) -> None:
    root = tmp_path / "assets"
    root.mkdir()
    os.mkfifo(root / "pipe.css")  # reading it would block forever, like /dev/urandom never ends
    (root / "random.css").symlink_to("/dev/urandom")
    fetcher = AssetURLFetcher(root)
    for name in ("pipe.css", "random.css"):
        with pytest.raises(RefusedURLError):
            fetcher.fetch((root / name).as_uri())


def test_refuses_oversized_resources(tmp_path: Path) -> None:
    root = tmp_path / "assets"
    root.mkdir()
    (root / "big.css").write_bytes(b"x" * 2048)
    fetcher = AssetURLFetcher(root, max_bytes=1024)
    with pytest.raises(RefusedURLError):
        fetcher.fetch((root / "big.css").as_uri())
    with pytest.raises(RefusedURLError):
        fetcher.fetch("data:text/plain," + "x" * 2048)


def test_has_no_redirect_handler(fetcher: AssetURLFetcher) -> None:
    assert not any(isinstance(handler, HTTPRedirectHandler) for handler in fetcher.handlers)
