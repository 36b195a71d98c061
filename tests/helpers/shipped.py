"""The shipped pack's version, read from its file, and the versions test copies of it take.

Tests that copy the shipped pack and give the copy a new version used to spell out both versions;
every content change of the pack (which must bump its version) then broke them. The copies take
versions far above any real release, so they never clash with a shipped one.
"""

from __future__ import annotations

import re
from pathlib import Path

SHIPPED_PACK = Path(__file__).resolve().parents[2] / "rules"


def _shipped_version() -> str:
    # Read from the text, as the copies edit it, rather than through the loader (seconds of checks).
    found = re.search(r'^  version: "([^"]+)"$', (SHIPPED_PACK / "pack.yaml").read_text("utf-8"), re.MULTILINE)
    assert found, "rules/pack.yaml has no quoted pack version"
    return found.group(1)


SHIPPED_VERSION = _shipped_version()
SHIPPED_VERSION_LINE = f'version: "{SHIPPED_VERSION}"'
EDITED_VERSION = "9.1.0"  # the policy officer's edited copy (tests/admin/edited_pack.py)
NEW_VERSION = "9.2.0"  # a valid new version to publish (tests/admin/publish_helpers.py)
BROKEN_VERSION = "9.2.1"  # a new version that fails the checks
