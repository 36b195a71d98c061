"""Per-process render state, built once: the Jinja environment, and WeasyPrint's fonts, fetcher and parsed CSS.

The report has one stylesheet for every language: the running footer's words ("Page 3 of 40")
come from the document itself (data attributes on its body, see report.css).

Creating a FontConfiguration per document leaks about 0.25 MB a render and re-parsing CSS costs
time on every one (performance-security.md, A.1 and A.3), so each process makes them once and
reuses them. A forked child (a render worker, a gunicorn worker after preload) builds its own: the
objects are keyed by process id.
"""

from __future__ import annotations

import atexit
import gc
import os
import threading
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, Template

from assessor.paths import templates_dir

REPORT_TEMPLATE = "report/report.html"
STYLESHEET = "report.css"
OUTPUT_INTENT = "--srgb"  # the @color-profile in report.css
ICC_PROFILE = "sRGB2014.icc"


@lru_cache(maxsize=1)
def template_environment() -> Environment:
    """The report's Jinja environment: autoescaping everything, failing on any undefined name."""
    return Environment(
        loader=FileSystemLoader(str(templates_dir())),
        autoescape=True,  # every template here is HTML or SVG; respondent text must never become markup
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,  # templates ship with the code; skip a stat() per render
    )


@lru_cache(maxsize=1)
def report_template() -> Template:
    """The compiled report template."""
    return template_environment().get_template(REPORT_TEMPLATE)


@dataclass
class PDFEnvironment:
    """WeasyPrint objects one process reuses for every render. Not for concurrent use: hold `lock`."""

    fetcher: Any
    font_config: Any
    stylesheet: Any
    base_url: str
    color_profiles: dict[str, Any]
    lock: threading.Lock = field(default_factory=threading.Lock)
    _extra_styles: dict[str, Any] = field(default_factory=dict)

    def asset_stylesheet(self, name: str) -> Any:
        """Another stylesheet from the report's assets (e.g. the blank questionnaire's), parsed once per process.

        Call it holding `lock`, like every other use of these objects. It goes through the same
        fetcher and font configuration, so it can load nothing the report itself could not.
        """
        from weasyprint import CSS

        stylesheet = self._extra_styles.get(name)
        if stylesheet is None:
            stylesheet = CSS(url=self.base_url + name, url_fetcher=self.fetcher, font_config=self.font_config)
            self._extra_styles[name] = stylesheet
        return stylesheet


class _StableProfile:
    """A parsed colour profile that always embeds the shipped ICC file's bytes.

    WeasyPrint re-serialises the profile on every render, and a reused profile came out 92 bytes
    longer from the second render on; embedding the file itself keeps every render of the same
    input byte-identical.
    """

    def __init__(self, profile: Any, content: bytes) -> None:
        self._profile = profile
        self.content = content
        self.pdf_reference: Any = None  # set by WeasyPrint on each render

    def __getattr__(self, name: str) -> Any:
        return getattr(self._profile, name)


_lock = threading.Lock()
_environments: dict[int, PDFEnvironment] = {}


@atexit.register
def _forget_environments() -> None:
    """Free this process's environment while the interpreter is still whole.

    FontConfiguration copies the @font-face fonts to a temporary folder that its __del__ removes;
    run during interpreter teardown, that __del__ fails and leaves the folder (a megabyte) behind.
    """
    _environments.clear()
    gc.collect()


def pdf_environment() -> PDFEnvironment:
    """This process's PDFEnvironment, created on first use."""
    pid = os.getpid()
    environment = _environments.get(pid)
    if environment is not None:
        return environment
    with _lock:
        environment = _environments.get(pid)
        if environment is None:
            _environments.clear()  # a forked child must not use its parent's objects
            environment = _build_pdf_environment()
            _environments[pid] = environment
        return environment


def _build_pdf_environment() -> PDFEnvironment:
    # Imported here so a web process that only builds HTML (and renders in workers) never loads
    # WeasyPrint and Pango.
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    from assessor.report.fetcher import ASSETS_DIR, AssetURLFetcher

    fetcher = AssetURLFetcher()
    font_config = FontConfiguration()
    base_url = ASSETS_DIR.as_uri() + "/"
    # Filled by the stylesheet's @color-profile rule: the sRGB profile for the PDF/A output intent,
    # read once. (WeasyPrint's built-in "srgb" intent opens its ICC file on every render and
    # never closes it.)
    color_profiles: dict[str, Any] = {}
    stylesheet = CSS(
        url=base_url + STYLESHEET, url_fetcher=fetcher, font_config=font_config, color_profiles=color_profiles
    )
    if OUTPUT_INTENT not in color_profiles:
        raise RuntimeError(f"{STYLESHEET} must define @color-profile {OUTPUT_INTENT}")
    response = fetcher.fetch(base_url + ICC_PROFILE)
    icc = response.read()
    response.close()
    color_profiles[OUTPUT_INTENT] = _StableProfile(color_profiles[OUTPUT_INTENT], icc)
    return PDFEnvironment(
        fetcher=fetcher,
        font_config=font_config,
        stylesheet=stylesheet,
        base_url=base_url,
        color_profiles=color_profiles,
    )
