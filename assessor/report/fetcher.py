"""The only way the PDF renderer may load anything: files under the report's assets, and data: URLs.

WeasyPrint fetches every URL a document names (images, stylesheets, fonts, attachments) through a
URL fetcher; its default one reads any local file and any network address, which turns a stray
`<link rel=attachment href=file:///etc/passwd>` into a leak and an `<img src=http://10.0.0.1/>` into
SSRF. This allow-list fetcher refuses both: no network, no redirects, no file outside the assets.
"""

from __future__ import annotations

import base64
import binascii
import logging
import mimetypes
from pathlib import Path
from typing import Any
from urllib.parse import unquote, unquote_to_bytes, urlsplit
from urllib.request import url2pathname

from weasyprint.urls import URLFetcher, URLFetcherResponse

ASSETS_DIR = Path(__file__).resolve().parent / "assets"
# Generous for our fonts and CSS, small enough that no asset or data: URL can exhaust memory.
MAX_RESOURCE_BYTES = 4 * 1024 * 1024

_CONTENT_TYPES = {
    ".css": "text/css",
    ".otf": "font/otf",
    ".ttf": "font/ttf",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".svg": "image/svg+xml",
    ".png": "image/png",
}

logger = logging.getLogger(__name__)


class RefusedURLError(ValueError):
    """A URL the report may not load. WeasyPrint logs it and carries on without the resource."""


class AssetURLFetcher(URLFetcher):  # type: ignore[misc]  # WeasyPrint ships no type hints
    """A URL fetcher that serves only regular files under `root` (after resolving symlinks) and data: URLs."""

    def __init__(self, root: Path = ASSETS_DIR, max_bytes: int = MAX_RESOURCE_BYTES) -> None:
        # allow_redirects=False and the protocol list are a second fence: fetch() below never
        # hands a URL to urllib at all.
        super().__init__(timeout=1, allowed_protocols=("file", "data"), allow_redirects=False, fail_on_errors=False)
        self.root = root.resolve(strict=True)
        self.max_bytes = max_bytes

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        """The resource at `url`, or RefusedURLError."""
        scheme = url.split(":", 1)[0].lower() if ":" in url else ""
        if scheme == "data":
            return self._data(url)
        if scheme == "file":
            return self._file(url)
        raise self._refuse(url, "only the report's own assets and data: URLs may be loaded")

    def open(self, url: Any, data: Any = None, timeout: Any = None) -> URLFetcherResponse:
        # urllib.request.OpenerDirector.open would follow any handler; route everything through fetch.
        return self.fetch(url if isinstance(url, str) else url.full_url)

    def asset_path(self, url: str) -> Path:
        """The asset file a file: URL names, or RefusedURLError if it is not one."""
        try:
            parts = urlsplit(url)
            host = parts.netloc
            path = Path(url2pathname(unquote(parts.path))).resolve(strict=True)
        except (OSError, ValueError, RuntimeError):  # missing, NUL bytes, symlink loops
            raise self._refuse(url, "no such asset") from None
        if host not in ("", "localhost"):
            raise self._refuse(url, "file URLs on another host are not allowed")
        # Resolve first, then check: "..", symlinks and percent-encoding all end up in the real path.
        if not path.is_relative_to(self.root):
            raise self._refuse(url, "outside the report's assets")
        if not path.is_file():  # directories, devices (/dev/urandom never ends), pipes, sockets
            raise self._refuse(url, "not a regular file")
        return path

    def _file(self, url: str) -> URLFetcherResponse:
        path = self.asset_path(url)
        with path.open("rb") as stream:
            body = stream.read(self.max_bytes + 1)
        if len(body) > self.max_bytes:
            raise self._refuse(url, "asset too large")
        content_type = _CONTENT_TYPES.get(path.suffix.lower()) or mimetypes.guess_type(path.name)[0]
        headers = {"Content-Type": content_type or "application/octet-stream"}
        return URLFetcherResponse(path.as_uri(), body, headers)

    def _data(self, url: str) -> URLFetcherResponse:
        header, comma, payload = url[len("data:") :].partition(",")
        if not comma:
            raise self._refuse(url, "malformed data: URL")
        if len(payload) > self.max_bytes * 2:
            raise self._refuse(url, "data: URL too large")
        is_base64 = header.lower().endswith(";base64")
        media_type = header[: -len(";base64")] if is_base64 else header
        try:
            raw = unquote_to_bytes(payload)
            body = base64.b64decode(raw) if is_base64 else raw
        except (binascii.Error, ValueError):
            raise self._refuse(url, "undecodable data: URL") from None
        if len(body) > self.max_bytes:
            raise self._refuse(url, "data: URL too large")
        return URLFetcherResponse(url, body, {"Content-Type": media_type or "text/plain;charset=US-ASCII"})

    @staticmethod
    def _refuse(url: str, why: str) -> RefusedURLError:
        shown = url if len(url) <= 120 else url[:117] + "..."
        logger.warning("report renderer refused %s: %s", shown, why)
        return RefusedURLError(f"{why}: {shown}")
