"""Rule pack spreadsheet round trip: export, edit with openpyxl as Excel would save it, import, check.

Everything runs on real workbooks and the real checker: the shipped pack and the fixture pack go
out to .xlsx and come back as YAML that `rules show --json` prints identically in every language.
"""

from __future__ import annotations

import dataclasses
import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from openpyxl import Workbook, load_workbook

from assessor.cli import main
from assessor.core.answers import normalise_evidence
from assessor.core.conditions import Condition
from assessor.core.rulebook import RuleBook
from assessor.loading.rulepack import load_rulebook
from assessor.loading.spreadsheet_export import export_pack
from assessor.loading.spreadsheet_import import import_pack
from assessor.loading.spreadsheet_layout import MAX_CELL_CHARACTERS
from tests.conftest import MINIMAL_PACK, SHIPPED_PACK


def _normalised(value: Any) -> Any:
    """A RuleBook as plain data: conditions by their text, evidence normalised, the file hash left out."""
    if isinstance(value, Condition):
        return value.text
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out = {f.name: _normalised(getattr(value, f.name)) for f in dataclasses.fields(value)}
        out.pop("content_hash", None)
        if "evidence" in out and isinstance(out["evidence"], dict) and "expect" in out:
            out["evidence"] = {k: str(normalise_evidence(v)) for k, v in value.evidence.items()}
        return out
    if isinstance(value, dict):
        return {str(k): _normalised(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_normalised(v) for v in value]
    return value


def _show_json(path: Path, language: str) -> dict[str, Any]:
    run = CliRunner().invoke(main, ["rules", "show", "--json", "--lang", language, str(path)])
    assert run.exit_code == 0, run.output
    data = json.loads(run.stdout)
    data.pop("hash")  # the hash is of the files' bytes, which are laid out differently
    return data


def _write(files: dict[str, bytes], folder: Path) -> Path:
    folder.mkdir()
    for name, content in files.items():
        (folder / name).write_bytes(content)
    return folder


@pytest.mark.parametrize("pack", [SHIPPED_PACK, MINIMAL_PACK], ids=["shipped", "minimal"])
def test_export_then_import_gives_the_same_pack(pack: Path, tmp_path: Path) -> None:
    files, problems = import_pack(export_pack(pack))
    assert problems == []
    out = _write(files, tmp_path / "out")
    original, imported = load_rulebook(pack), load_rulebook(out)
    for language in original.languages:
        assert _show_json(out, language) == _show_json(pack, language)
    assert _normalised(imported) == _normalised(original)


def test_cli_round_trip_and_refusal_to_mix_with_existing_yaml(tmp_path: Path) -> None:
    book = tmp_path / "pack.xlsx"
    run = CliRunner().invoke(main, ["rules", "export", str(MINIMAL_PACK), "-o", str(book)])
    assert run.exit_code == 0, run.output
    out = tmp_path / "out"
    run = CliRunner().invoke(main, ["rules", "import", str(book), "-o", str(out)])
    assert run.exit_code == 0, run.output
    assert sorted(p.name for p in out.iterdir()) == [
        "critical_gaps.yaml",
        "examples.yaml",
        "factors.yaml",
        "pack.yaml",
        "recommendations.yaml",
    ]
    again = CliRunner().invoke(main, ["rules", "import", str(book), "-o", str(out)])
    assert again.exit_code == 1
    assert "already holds YAML files" in again.stderr
    check = CliRunner().invoke(main, ["rules", "check", "--strict", str(out)])
    assert check.exit_code == 0, check.output


def test_workbook_is_laid_out_for_a_policy_officer() -> None:
    book = load_workbook(io.BytesIO(export_pack(SHIPPED_PACK)))
    assert book.sheetnames == [
        "_readme",
        "pack",
        "levels",
        "actors",
        "factors",
        "factor_levels",
        "questions",
        "options",
        "bands",
        "critical_gaps",
        "recommendations",
        "sources",
        "examples",
        "example_answers",
    ]
    questions = book["questions"]
    headers = [c.value for c in questions[1]]
    assert headers[:3] == ["factor", "id", "type"]
    assert {"text::en", "text::es", "text::pt", "text::fr", "show_if"} <= set(headers)
    assert questions.freeze_panes == "B2"
    assert questions["A1"].font.bold
    recs = [c.value for c in book["recommendations"][1]]
    assert "condition" in recs
    assert "title::fr" in recs


def _edit(data: bytes, sheet: str, cell: str, value: Any, *, formula: bool = False) -> bytes:
    book = load_workbook(io.BytesIO(data))
    book[sheet][cell] = value
    if not formula and isinstance(value, str):
        book[sheet][cell].data_type = "s"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _cell_of(data: bytes, sheet: str, header: str, row_id: str, id_header: str = "id") -> str:
    book = load_workbook(io.BytesIO(data))
    ws = book[sheet]
    headers = [c.value for c in ws[1]]
    col = headers.index(header) + 1
    id_col = headers.index(id_header) + 1
    for row in range(2, ws.max_row + 1):
        if ws.cell(row=row, column=id_col).value == row_id:
            return ws.cell(row=row, column=col).coordinate
    raise AssertionError(f"{row_id} not on {sheet}")


def test_an_officer_changes_points_and_wording_and_it_comes_back(tmp_path: Path) -> None:
    data = export_pack(MINIMAL_PACK)
    points = _cell_of(data, "options", "points", "government", id_header="value")
    data = _edit(data, "options", points, 3)
    wording = _cell_of(data, "recommendations", "title::es", "get_budget")
    data = _edit(data, "recommendations", wording, "Conseguir un presupuesto plurianual")
    files, problems = import_pack(data)
    assert problems == []
    book = load_rulebook(_write(files, tmp_path / "out"))
    assert book.questions["owner"].option("government").points == 3  # type: ignore[union-attr]
    titles = {r.id: r.title.get("es") for r in book.recommendations}
    assert titles["get_budget"] == "Conseguir un presupuesto plurianual"


@pytest.mark.parametrize(
    ("sheet", "header", "row_id", "value", "message"),
    [
        (
            "recommendations",
            "condition",
            "get_budget",
            'budget == "nope"',
            "recommendations[get_budget].condition: \"nope\" is not an option of question 'budget'",
        ),
        ("factors", "weight", "funding", 70, "factors[funding].weight: the factor weights add up to 103.33, not 100"),
        ("questions", "max", "years", 2, "factors[funding].questions[years].bands[2].min: this band starts at 3"),
        ("levels", "min_score", "mid", "forty", "levels[mid].min_score: expected a number, got 'forty'"),
        (
            "recommendations",
            "condition",
            "api_docs",
            "overall_score > 100",
            "recommendations[api_docs].condition: this recommendation can never fire",
        ),
    ],
)
def test_problems_are_named_at_their_cell_and_nothing_is_written(
    sheet: str, header: str, row_id: str, value: Any, message: str, tmp_path: Path
) -> None:
    data = export_pack(MINIMAL_PACK)
    cell = _cell_of(data, sheet, header, row_id)
    if sheet == "questions" and header == "max":
        cell = _cell_of(data, sheet, header, row_id)
    book = tmp_path / "pack.xlsx"
    book.write_bytes(_edit(data, sheet, cell, value))
    out = tmp_path / "out"
    run = CliRunner().invoke(main, ["rules", "import", str(book), "-o", str(out)])
    assert run.exit_code == 1
    # Lowering max below a band's start is reported at the band that can no longer be reached.
    at = "bands!B4" if header == "max" else f"{sheet}!{cell}"
    wanted = f"{at}: {message}"
    assert any(line.startswith(wanted) for line in run.stderr.splitlines()), run.stderr
    assert "nothing was written" in run.stderr
    assert not out.exists()


def test_hostile_cells_are_written_as_text_and_formulas_refused(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    pack.mkdir()
    text = (MINIMAL_PACK / "pack.yaml").read_text(encoding="utf-8")
    hostile = '=HYPERLINK("http://evil.example","x")'
    text = text.replace("text: {en: Do it., es: Hágalo.}", f"text: {{en: '{hostile}', es: '-1+2'}}")
    (pack / "pack.yaml").write_text(text, encoding="utf-8")
    data = export_pack(pack)
    ws = load_workbook(io.BytesIO(data))["recommendations"]
    cells = [c for row in ws.iter_rows() for c in row if c.value in (hostile, "-1+2")]
    assert len(cells) == 2
    assert all(c.data_type == "s" for c in cells)  # text, never a formula
    files, problems = import_pack(data)
    assert problems == []
    imported = load_rulebook(_write(files, tmp_path / "out"))
    assert {r.id: r.text.get("en") for r in imported.recommendations}["get_budget"] == hostile
    cell = cells[0].coordinate
    refused, problems = import_pack(_edit(data, "recommendations", cell, "=1+1", formula=True))
    assert refused == {}
    assert [str(p) for p in problems] == [
        f"recommendations!{cell}: a formula; type the value itself (formulas are never calculated here)"
    ]


def test_workbook_mistakes_are_named_at_their_cell() -> None:
    data = export_pack(MINIMAL_PACK)
    book = load_workbook(io.BytesIO(data))
    book["factors"]["Z1"] = "colour"
    book["questions"].merge_cells("D2:E2")
    import datetime

    book["levels"]["A3"] = datetime.datetime(2026, 1, 2)
    book["recommendations"]["C2"] = "x" * (MAX_CELL_CHARACTERS + 1)
    book.create_sheet("notes")
    out = io.BytesIO()
    book.save(out)
    files, problems = import_pack(out.getvalue())
    assert files == {}
    shown = [str(p) for p in problems]
    assert any(s.startswith("factors!Z1: unknown column 'colour'") for s in shown), shown
    assert any(s.startswith("questions!D2: merged cells (D2:E2)") for s in shown), shown
    assert any(s.startswith("levels!A3: a date where a text or number was expected") for s in shown), shown
    assert any(
        s.startswith(f"recommendations!C2: the cell holds {MAX_CELL_CHARACTERS + 1:,} characters") for s in shown
    )
    assert any(s.startswith("notes!A1: unknown sheet 'notes'") for s in shown), shown


def test_not_a_workbook_and_zip_bombs_are_refused() -> None:
    files, problems = import_pack(b"not a zip at all")
    assert files == {}
    assert [str(p) for p in problems] == [
        "pack!A1: the file is not an .xlsx workbook (save it from Excel or LibreOffice as .xlsx)"
    ]
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/huge.xml", b"\0" * (60 * 1024 * 1024))
    files, problems = import_pack(bomb.getvalue())
    assert files == {}
    assert "unpacks to" in str(problems[0])


def test_a_workbook_without_the_pack_sheet() -> None:
    book = Workbook()
    out = io.BytesIO()
    book.save(out)
    files, problems = import_pack(out.getvalue())
    assert files == {}
    assert any(str(p).startswith("pack!A1: the workbook has no 'pack' sheet") for p in problems)


def test_export_refuses_an_invalid_pack() -> None:
    from assessor.loading.rulepack import RulePackError
    from tests.conftest import FIXTURES

    with pytest.raises(RulePackError):
        export_pack(FIXTURES / "invalid" / "weights_not_100.yaml")


def test_book_fixture_is_unchanged(minimal_book: RuleBook) -> None:
    # The session-wide book is not touched by exports (they read the files, not the cached book).
    export_pack(MINIMAL_PACK)
    assert minimal_book.factor("funding").weight == 66.67


def test_export_from_stored_files_as_the_admin_area_holds_them(tmp_path: Path) -> None:
    files, problems = import_pack(export_pack(MINIMAL_PACK))
    assert problems == []
    again, problems = import_pack(export_pack(files))  # {name: bytes}, as import_pack returns them
    assert problems == []
    assert again == files
    with pytest.raises(ValueError, match=r"not a relative \.yaml file name"):
        export_pack({"../escape.yaml": b"pack: {}"})


def test_xlsform_style_language_headers_are_accepted(tmp_path: Path) -> None:
    data = export_pack(MINIMAL_PACK)
    book = load_workbook(io.BytesIO(data))
    sheet = book["questions"]
    for cell in sheet[1]:
        if cell.value == "text::es":
            cell.value = "text::Español (es)"
    out = io.BytesIO()
    book.save(out)
    files, problems = import_pack(out.getvalue())
    assert problems == []
    imported = load_rulebook(_write(files, tmp_path / "out"))
    assert imported.questions["budget"].text.get("es") == "¿Hay presupuesto?"


def test_warnings_are_shown_and_strict_makes_them_stop_the_import(tmp_path: Path) -> None:
    data = export_pack(MINIMAL_PACK)
    cell = _cell_of(data, "factors", "title::es", "docs")
    book = tmp_path / "pack.xlsx"
    book.write_bytes(_edit(data, "factors", cell, None))
    strict = CliRunner().invoke(main, ["rules", "import", "--strict", str(book), "-o", str(tmp_path / "strict")])
    assert strict.exit_code == 1
    assert f"factors!{cell}: warning: factors[docs].title: missing translation: es" in strict.stderr
    assert not (tmp_path / "strict").exists()
    lenient = CliRunner().invoke(main, ["rules", "import", str(book), "-o", str(tmp_path / "out")])
    assert lenient.exit_code == 0, lenient.output
    assert "warning: factors[docs].title: missing translation: es" in lenient.stderr
