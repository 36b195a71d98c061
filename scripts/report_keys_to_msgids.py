"""Rewrite report templates that still look texts up by the retired catalogue keys (`t("summary.heading")`)
into the one gettext domain's msgids (`_("Executive summary")`).

For merging a branch that changed report templates before the catalogues moved: run it on the
merged templates, then `pybabel extract`/`update`. The keys and their English texts are read from
the last commit that had `assessor/report/catalogue_en.py`.

    .venv/bin/python scripts/report_keys_to_msgids.py templates/report/*.html

A macro that took the catalogue as a parameter (`evidence(..., t)`) takes `_` instead: rename by hand.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys

LAST_WITH_CATALOGUES = "24a3562"
CONTEXTS = ("priority.", "effort.")  # "High" is a priority or an effort: pgettext with the context
KEY = re.compile(r'\bt\((\s*)"([a-z0-9_]+\.[a-z0-9_.]+|label)"')


def english_catalogue() -> dict[str, str]:
    """The retired English report catalogue, key -> text, read from git history."""
    source = subprocess.run(
        ["git", "show", f"{LAST_WITH_CATALOGUES}:assessor/report/catalogue_en.py"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.AnnAssign) and isinstance(node.value, ast.Dict):
            catalogue: dict[str, str] = ast.literal_eval(node.value)
            catalogue["status.dont_know"] = "Don’t know"  # unified with the interface's spelling
            return catalogue
    raise SystemExit("no catalogue found")


def msgid(text: str) -> str:
    """A catalogue text as a msgid: {name} placeholders become %(name)s."""
    return re.sub(r"\{(\w+)\}", r"%(\1)s", text)


def literal(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def main(paths: list[str]) -> None:
    english = english_catalogue()

    def replace(match: re.Match[str]) -> str:
        space, key = match.group(1), match.group(2)
        text = literal(msgid(english[key]))
        if key.startswith(CONTEXTS):
            return f"pgettext({space}{literal(key.split('.')[0])}, {text}"
        return f"_({space}{text}"

    for path in paths:
        with open(path, encoding="utf-8") as handle:
            before = handle.read()
        after = KEY.sub(replace, before)
        if after != before:
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(after)
            print(f"rewrote {path}")
        for left in re.findall(r"\bt\([^)]{0,40}", after):
            print(f"{path}: look at by hand: {left}")


if __name__ == "__main__":
    main(sys.argv[1:])
