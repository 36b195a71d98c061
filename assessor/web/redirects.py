"""Where a `next` parameter may send the browser: a path on this site, or nowhere.

Every view that redirects to a target taken from a request goes through `safe_next`, so there is
one place to get right. Browsers are generous in what they read as "another site": they drop tabs
and newlines inside a URL (`/\\t/evil.example` becomes `//evil.example`), read a backslash as a
slash (`/\\evil.example`), and some proxies decode `%2F` before routing. So anything but a plain,
printable, absolute path with no host is refused, rather than cleaned: a cleaned target is a
guess about what the browser will do with it.
"""

from __future__ import annotations

from urllib.parse import unquote, urlsplit

# Longer than any page of ours; a redirect target this long is not a link someone followed.
MAX_NEXT_LENGTH = 2048


def safe_next(target: str | None) -> str | None:
    """`target` if it is a path on this site (like "/a/x/f/funding?x=1"), else None."""
    if not target or len(target) > MAX_NEXT_LENGTH:
        return None
    # Printable ASCII only: no tab, CR, LF, NUL, DEL, space or look-alike Unicode slashes.
    if not all("!" <= character <= "~" for character in target):
        return None
    if not _is_local_path(target):
        return None
    # What a proxy or a browser that decodes once would see must be local too ("/%2F%2Fevil").
    decoded = unquote(target)
    if decoded != target and (not all(" " < c < "\x7f" for c in decoded) or not _is_local_path(decoded)):
        return None
    return target


def _is_local_path(target: str) -> bool:
    if not target.startswith("/") or target.startswith("//") or "\\" in target:
        return False
    parts = urlsplit(target)
    return not parts.scheme and not parts.netloc
