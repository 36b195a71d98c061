"""`assessor score ANSWERS.json --pdf OUT.pdf`: the same renderer from the command line, with clean errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from assessor.cli import main
from assessor.core.answers import checked_answers
from assessor.core.rulebook import RuleBook
from assessor.loading.answersfile import read_answers_file
from assessor.report import read_report_data
from tests.conftest import MINIMAL_PACK
from tests.report.conftest import EXAMPLE_ANSWERS, reader

ANSWERS = {
    "organisation": "Ministerio de Hacienda",
    "country": "Aurelia",
    "language": "es",
    "answers": {"budget": "partial", "years": 2, "kinds": ["user"], "owner": "government"},
    "evidence": {"budget": "Contrato de mantenimiento 2025-2026"},
}


def invoke(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def answers_file(tmp_path: Path) -> Path:
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(ANSWERS), "utf-8")
    return path


def test_writes_the_pdf_and_still_prints_the_json(answers_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.pdf"
    run = invoke("score", str(answers_file), "--rules", str(MINIMAL_PACK), "--pdf", str(out))
    assert run.exit_code == 0, run.stderr
    printed = json.loads(run.stdout)
    assert printed["language"] == "es"
    pdf = out.read_bytes()
    assert pdf.startswith(b"%PDF-")
    assert len(reader(pdf).pages) > 3
    data = read_report_data(pdf)
    assert data["result"] == printed
    assert data["organisation"] == "Ministerio de Hacienda"
    assert data["reference"].startswith("A-")
    assert f"wrote {out}" in run.stderr


@pytest.mark.parametrize("where", ["missing-folder/report.pdf", "file.txt/report.pdf"])
def test_bad_pdf_path_is_a_clean_error(answers_file: Path, tmp_path: Path, where: str) -> None:
    (tmp_path / "file.txt").write_text("x", "utf-8")
    out = tmp_path / where
    run = invoke("score", str(answers_file), "--rules", str(MINIMAL_PACK), "--pdf", str(out))
    assert run.exit_code == 1
    assert "cannot write the PDF" in run.stderr
    assert "Traceback" not in run.output
    assert not out.exists()


def test_a_directory_as_pdf_path_is_refused(answers_file: Path, tmp_path: Path) -> None:
    run = invoke("score", str(answers_file), "--rules", str(MINIMAL_PACK), "--pdf", str(tmp_path))
    assert run.exit_code == 2  # click refuses it before anything is scored
    assert "is a directory" in run.stderr
    assert "Traceback" not in run.output


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_failed_write_is_a_clean_error(answers_file: Path) -> None:
    run = invoke("score", str(answers_file), "--rules", str(MINIMAL_PACK), "--pdf", "/dev/full")
    assert run.exit_code == 1
    assert "/dev/full: cannot write the PDF (No space left on device)" in run.stderr
    assert "Traceback" not in run.output


def test_example_answers_file_is_valid_for_the_shipped_pack(shipped_book: RuleBook) -> None:
    """examples/answers-es.json feeds the README image and the benchmark: it must stay valid."""
    data = read_answers_file(EXAMPLE_ANSWERS)
    checked_answers(shipped_book, data.answers, data.evidence)
    assert data.language == "es"
