"""Make docs/report-summary.png, the README's picture of the report, from a real render.

Renders examples/answers-es.json on the shipped rule pack with the report renderer, finds the
executive summary page through its named destination, and rasterises that page with poppler's
pdftoppm (apt-get install poppler-utils). Run: .venv/bin/python scripts/report_image.py [--lang en]
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image
from pypdf import PdfReader

from assessor.core.answers import checked_answers
from assessor.core.scoring import score
from assessor.loading.answersfile import read_answers_file
from assessor.loading.rulepack import load_rulebook
from assessor.report import ReportInput, render_pdf

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "answers-es.json"
OUTPUT = ROOT / "docs" / "report-summary.png"


def render_example(language: str) -> bytes:
    """The example answers' report; the date and reference are fixed so the picture only changes with the report."""
    book = load_rulebook(ROOT / "rules")
    data = read_answers_file(EXAMPLE)
    answers = checked_answers(book, data.answers, data.evidence)
    return render_pdf(
        ReportInput(
            organisation=data.organisation or "",
            country=data.country or "",
            respondent_role="Directora de Sistemas",
            language=language,
            assessment_date=dt.date(2026, 11, 22),
            reference="AUR-2026-0042",
            book=book,
            answers=answers,
            result=score(book, answers),
        )
    )


def summary_page(pdf: bytes) -> int:
    """The 1-based number of the page holding the executive summary's heading."""
    reader = PdfReader(io.BytesIO(pdf))
    return reader.get_destination_page_number(reader.named_destinations["summary"]) + 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", default="es", help="report language (default es, the example's)")
    parser.add_argument("--dpi", type=int, default=96)
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args()
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        sys.stderr.write("pdftoppm not found: apt-get install poppler-utils\n")
        return 1
    pdf = render_example(args.lang)
    page = summary_page(pdf)
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "report.pdf"
        source.write_bytes(pdf)
        prefix = Path(folder) / "page"
        subprocess.run(
            [pdftoppm, "-png", "-r", str(args.dpi), "-f", str(page), "-l", str(page), "-singlefile", source, prefix],
            check=True,
        )
        image = Image.open(prefix.with_suffix(".png"))
        args.output.parent.mkdir(parents=True, exist_ok=True)
        # A palette image: a tenth of the bytes of full colour, and the page has few colours.
        image.convert("RGB").quantize(colors=64).save(args.output, optimize=True)
    size = args.output.stat().st_size
    sys.stdout.write(f"wrote {args.output} (page {page} of the {args.lang} report, {size:,} bytes)\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
