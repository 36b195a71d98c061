"""Rule pack copies for publishing tests: a new version that passes every check, and broken ones."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

from tests.conftest import SHIPPED_PACK
from tests.helpers.shipped import NEW_VERSION, SHIPPED_VERSION_LINE


def new_version(folder: Path, version: str = NEW_VERSION, title: str = "Open-source readiness, revised") -> Path:
    """The shipped pack with a new version number and a new English title: valid, examples pass."""
    target = folder / f"pack-{version}"
    shutil.copytree(SHIPPED_PACK, target, ignore=shutil.ignore_patterns("*.md", "*.json"))
    pack = target / "pack.yaml"
    text = pack.read_text(encoding="utf-8")
    text = text.replace(SHIPPED_VERSION_LINE, f'version: "{version}"', 1)
    text = text.replace("en: Open-source readiness for digital public infrastructure", f"en: {title}", 1)
    pack.write_text(text, encoding="utf-8")
    return target


def zipped(folder: Path, top: str = "pack") -> bytes:
    """A folder as the zip a browser would upload, inside a top folder as most zip tools make it."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for file in sorted(folder.rglob("*.yaml")):
            archive.write(file, f"{top}/{file.relative_to(folder).as_posix()}")
    return buffer.getvalue()
