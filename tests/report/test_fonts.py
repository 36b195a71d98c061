"""The report's Latin faces of Inter: the same letters as the full faces, and the full faces still
set what they lack (a Greek, Cyrillic or Vietnamese name in an answer)."""

from __future__ import annotations

from pathlib import Path

import pytest
from fontTools.pens.recordingPen import RecordingPen
from fontTools.ttLib import TTFont

from assessor.core.rulebook import RuleBook
from assessor.report import render_pdf
from tests.conftest import ROOT
from tests.report.conftest import make_input, page_texts, reader

FONTS = ROOT / "assessor" / "report" / "assets" / "fonts"
FACES = ("Regular", "Italic", "SemiBold", "Bold")


def _outline(font: TTFont, glyph: str) -> list[tuple[str, tuple[object, ...]]]:
    pen = RecordingPen()
    font.getGlyphSet()[glyph].draw(pen)
    return pen.value


@pytest.mark.parametrize("face", FACES)
def test_each_latin_face_draws_its_letters_as_the_full_face_does(face: str) -> None:
    latin, full = TTFont(FONTS / f"Inter-Latin-{face}.otf"), TTFont(FONTS / f"Inter-{face}.otf")
    latin_map, full_map = latin.getBestCmap(), full.getBestCmap()
    assert len(latin_map) > 250  # every Latin-1 letter and more
    assert "é" in {chr(point) for point in latin_map}
    assert "Ж" not in {chr(point) for point in latin_map}  # cut down: Cyrillic is left to the full face
    for point, glyph in latin_map.items():
        assert full_map[point] == glyph
        assert _outline(latin, glyph) == _outline(full, glyph), f"U+{point:04X}"
        assert latin["hmtx"][glyph] == full["hmtx"][glyph], f"U+{point:04X} advance"
    # Kerning and the other features come along: the same feature tags in both.
    features = {record.FeatureTag for record in latin["GPOS"].table.FeatureList.FeatureRecord}
    assert features == {record.FeatureTag for record in full["GPOS"].table.FeatureList.FeatureRecord}


def test_letters_outside_latin_are_set_in_the_full_inter_not_a_fallback(minimal_book: RuleBook, tmp_path: Path) -> None:
    organisation = "Υπουργείο Ψηφιακής Διακυβέρνησης · Министерство цифрового развития · Bộ Tài chính"
    pdf = render_pdf(make_input(minimal_book, {}, organisation=organisation))
    assert organisation.split(" · ")[0] in page_texts(pdf)[0]
    fonts: set[str] = set()
    for page in reader(pdf).pages:
        for font in page["/Resources"].get("/Font", {}).values():
            fonts.add(str(font.get_object()["/BaseFont"]).split("+")[-1])
    assert {"Inter-Latin", "Inter"} <= fonts, fonts  # Latin text in the small face, the rest in the full one
    assert "DejaVu-Sans" not in fonts, fonts  # no fallback: Inter had every letter (DejaVu Sans Mono sets codes)
