"""What the record tests share: a changed copy of the shipped pack, apps on one database, mixed answers."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from flask import Flask

from assessor.core.rulebook import Question
from assessor.storage.db import upgrade
from assessor.web import create_app
from tests.answers import best_answer, worst_answer
from tests.conftest import SHIPPED_PACK

OLD_ID = "funding_om_budget"
NEW_ID = "funding_operations_budget"


def mixed_answer(q: Question) -> Any:
    """Best answers on some factors, worst on the rest: weights and thresholds then matter."""
    return best_answer(q) if q.factor_id in ("integrators", "documentation", "procurement") else worst_answer(q)


def changed_pack(tmp_path: Path, version: str = "9.0.0", *, bump: bool = True, declare: bool = True) -> Path:
    """The shipped pack with other weights, level thresholds and a renamed question (and a new version).

    With `declare=False` the rename is not declared: answers to the old id then have no home.
    """
    target = tmp_path / f"rules-{version}-{bump}-{declare}"
    shutil.copytree(SHIPPED_PACK, target)
    for file in target.rglob("*.yaml"):
        text = re.sub(rf"\b{OLD_ID}\b", NEW_ID, file.read_text(encoding="utf-8"))
        file.write_text(text, encoding="utf-8")
    funding = target / "factors" / "3_funding.yaml"
    text = funding.read_text(encoding="utf-8")
    if declare:
        text = text.replace(f"      - id: {NEW_ID}\n", f"      - id: {NEW_ID}\n        renamed_from: [{OLD_ID}]\n", 1)
    # Weights must still add up to 100: funding gains what procurement loses.
    text = re.sub(r"^    weight: (\d+)$", lambda m: f"    weight: {int(m.group(1)) + 8}", text, count=1, flags=re.M)
    funding.write_text(text, encoding="utf-8")
    procurement = target / "factors" / "6_procurement.yaml"
    text = re.sub(
        r"^    weight: (\d+)$",
        lambda m: f"    weight: {int(m.group(1)) - 8}",
        procurement.read_text(encoding="utf-8"),
        count=1,
        flags=re.M,
    )
    procurement.write_text(text, encoding="utf-8")
    pack = target / "pack.yaml"
    text = pack.read_text(encoding="utf-8")
    if bump:
        text = re.sub(r'^  version: ".*"$', f'  version: "{version}"', text, count=1, flags=re.M)
    # Every level above the first needs ten points fewer: levels move.
    text = re.sub(
        r"min_score: (\d+)", lambda m: f"min_score: {max(0, int(m.group(1)) - 10) if int(m.group(1)) else 0}", text
    )
    pack.write_text(text, encoding="utf-8")
    return target


@contextmanager
def app_on(database_url: str, rules: Path, instance: Path, **config: Any) -> Iterator[Flask]:
    """An app on `rules` and the given database (migrated), with its own instance folder (PDF cache)."""
    instance.mkdir(parents=True, exist_ok=True)
    before = os.environ.get("ASSESSOR_INSTANCE")
    os.environ["ASSESSOR_INSTANCE"] = str(instance)
    try:
        application = create_app(
            {
                "TESTING": True,
                "DATABASE_URL": database_url,
                "RULES_PATH": str(rules),
                "WTF_CSRF_ENABLED": False,
                "SECRET_KEY": "test",
                "RATELIMIT_ENABLED": False,
                "JOBS_IMMEDIATE": True,  # report jobs run as they are enqueued (tests/jobs runs a real worker)
                **config,
            }
        )
    finally:
        if before is None:
            os.environ.pop("ASSESSOR_INSTANCE", None)
        else:
            os.environ["ASSESSOR_INSTANCE"] = before
    upgrade(application)
    try:
        yield application
    finally:
        application.extensions["report_jobs"].huey.storage.close()
        application.extensions["db_engine"].dispose()
