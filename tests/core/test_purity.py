"""The scoring core stays pure: it imports neither Flask nor WTForms nor anything that does I/O."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import assessor.core

CORE = Path(assessor.core.__file__).resolve().parent
FORBIDDEN_MODULES = (
    "flask",
    "wtforms",
    "flask_wtf",
    "weasyprint",
    "sqlalchemy",
    "yaml",
    "assessor.web",
    "assessor.loading",
)


def test_importing_the_core_pulls_in_no_web_or_io_library() -> None:
    modules = sorted(f"assessor.core.{p.stem}" for p in CORE.glob("*.py") if p.stem != "__init__")
    code = (
        "import sys\n"
        + "".join(f"import {m}\n" for m in modules)
        + f"bad = [m for m in sys.modules if m.split('.')[0] in {FORBIDDEN_MODULES!r} or m in {FORBIDDEN_MODULES!r}"
        + " or any(m.startswith(f + '.') for f in "
        + repr(FORBIDDEN_MODULES)
        + ")]\nprint(','.join(sorted(bad)))\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert run.stdout.strip() == ""


def test_core_source_does_no_io_and_reads_no_clock() -> None:
    banned_calls = {"open", "eval", "exec", "input", "print"}
    banned_attributes = {"now", "today", "time", "read_text", "read_bytes", "write_text", "getenv", "environ"}
    for path in CORE.glob("*.py"):
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                assert node.func.id not in banned_calls, f"{path.name}:{node.lineno} calls {node.func.id}"
            if isinstance(node, ast.Attribute):
                assert node.attr not in banned_attributes, f"{path.name}:{node.lineno} uses .{node.attr}"
            if isinstance(node, ast.Import | ast.ImportFrom):
                names = [node.module or ""] if isinstance(node, ast.ImportFrom) else [a.name for a in node.names]
                for name in names:
                    assert name.split(".")[0] not in {"os", "pathlib", "io", "time", "datetime", "socket", "random"}, (
                        f"{path.name}:{node.lineno} imports {name}"
                    )
