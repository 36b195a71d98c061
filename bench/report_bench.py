"""PDF report benchmark: render time per page against the independent reference report, against bare
WeasyPrint and a one-page floor, peak memory, RSS growth over many renders, and the cost of a stored
download.

Prints figures with their targets (performance-security.md, PERF-1..PERF-4; issue 11: per page at
most 1.15 times the reference report's); it is not a test. The standard report is
examples/answers-es.json on the shipped rule pack (about 40 pages); the reference report is
bench/reference/ (10 pages), rendered with the same WeasyPrint, PDF/A-3b and tag options.
Run: .venv/bin/python bench/report_bench.py [--n 10] [--soak 100] [--cpu 0] [--quick]
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import io
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from pypdf import PdfReader

from assessor.core.answers import checked_answers
from assessor.core.scoring import score
from assessor.loading.answersfile import read_answers_file
from assessor.loading.rulepack import load_rulebook
from assessor.report import ReportDocument, ReportInput, build_report, render_pdf
from assessor.report.cache import DirectoryPDFStore, report_cache_key
from assessor.report.environment import OUTPUT_INTENT, pdf_environment
from assessor.report.model import ATTACHMENT_NAME
from assessor.report.render import PDF_VARIANT, write_report_pdf

ROOT = Path(__file__).resolve().parent.parent

EXAMPLE = ROOT / "examples" / "answers-es.json"
# Allocator pools and Pango's caches fill during the first renders; growth is measured after them.
WARM_UP_RENDERS = 10
REFERENCE = ROOT / "bench" / "reference"
# Our report may take at most this many times the reference report's time per page (issue 11).
PER_PAGE_TARGET = 1.15
FLOOR_HTML = '<!doctype html><html lang="en"><head><title>Floor</title></head><body><p>Hello</p></body></html>'


def standard_input() -> ReportInput:
    """The standard report: the shipped example answers on the shipped pack, in Spanish."""
    book = load_rulebook(ROOT / "rules")
    data = read_answers_file(EXAMPLE)
    answers = checked_answers(book, data.answers, data.evidence)
    return ReportInput(
        organisation=data.organisation or "",
        country=data.country or "",
        respondent_role="Directora de Sistemas",
        language="es",
        assessment_date=dt.date(2026, 11, 22),
        reference="AUR-2026-0042",
        book=book,
        answers=answers,
        result=score(book, answers),
    )


def bare_weasyprint(document: ReportDocument) -> Callable[[], bytes]:
    """The same final HTML through WeasyPrint alone: same fonts, stylesheets, fetcher, options, attachment."""
    from weasyprint import HTML, Attachment

    env = pdf_environment()
    stamp = dt.datetime.combine(document.created, dt.time(0, 0))
    stylesheets = [env.stylesheet]

    def render() -> bytes:
        attachment = Attachment(
            string=document.data_json,
            url_fetcher=env.fetcher,
            name=ATTACHMENT_NAME,
            created=stamp,
            modified=stamp,
            relationship="Data",
        )
        pdf: bytes = HTML(string=document.html, base_url=env.base_url, url_fetcher=env.fetcher).write_pdf(
            stylesheets=stylesheets,
            font_config=env.font_config,
            color_profiles=env.color_profiles,
            output_intent=OUTPUT_INTENT,
            attachments=[attachment],
            pdf_variant=PDF_VARIANT,
            pdf_tags=True,
        )
        return pdf

    return render


def reference_report(folder: Path) -> Callable[[], bytes]:
    """The independent reference report, rendered with our PDF options (PDF/A-3b, tagged) and its own CSS."""
    from PIL import Image, ImageDraw
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    # Its logo, drawn as the research probe draws it, so the reference renders exactly as measured there.
    (folder / "assets").mkdir()
    logo = Image.new("RGB", (600, 200), (20, 60, 120))
    pen = ImageDraw.Draw(logo)
    for i in range(0, 600, 20):
        pen.line([(i, 0), (600 - i, 200)], fill=(200, 200 - i // 4, 60), width=3)
    logo.save(folder / "assets" / "logo.png", optimize=True)
    font_config = FontConfiguration()
    stylesheet = CSS(filename=str(REFERENCE / "standard_report.css"), font_config=font_config)
    html = (REFERENCE / "standard_report.html").read_text(encoding="utf-8")

    def render() -> bytes:
        pdf: bytes = HTML(string=html, base_url=str(folder) + "/").write_pdf(
            stylesheets=[stylesheet], font_config=font_config, pdf_variant=PDF_VARIANT, pdf_tags=True
        )
        return pdf

    return render


def pages_and_text(pdf: bytes) -> tuple[int, int]:
    """A PDF's page count and the number of characters of text on its pages (what pypdf extracts)."""
    pages = PdfReader(io.BytesIO(pdf)).pages
    return len(pages), sum(len(page.extract_text()) for page in pages)


def timed(function: Callable[[], object]) -> float:
    started = time.perf_counter()
    function()
    return time.perf_counter() - started


def status_kb(field: str) -> int:
    """A field of /proc/self/status in kB (VmRSS, VmHWM): ru_maxrss would include a parent's peak."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise KeyError(field)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:8.1f} ms"


def child_peak() -> None:
    """In a fresh process: VmHWM after imports and setup, then after one standard render."""
    report = standard_input()
    pdf_environment()
    before = status_kb("VmHWM")
    render_pdf(report)
    print(before, status_kb("VmHWM"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10, help="warm renders per timed case (default 10)")
    parser.add_argument("--soak", type=int, default=100, help="renders in the RSS growth run (default 100)")
    parser.add_argument("--cpu", type=int, default=None, help="pin this process to one CPU (like taskset -c)")
    parser.add_argument("--quick", action="store_true", help="only the per-page comparison with the reference")
    parser.add_argument("--child-peak", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.cpu is not None:
        os.sched_setaffinity(0, {args.cpu})
    if args.child_peak:
        child_peak()
        return

    report = standard_input()
    document = build_report(report)
    bare = bare_weasyprint(document)
    env = pdf_environment()
    scratch = tempfile.TemporaryDirectory()
    reference = reference_report(Path(scratch.name))
    pdf = render_pdf(report)  # warm-up: fonts, stylesheets, caches
    bare()
    pages, text = pages_and_text(pdf)
    reference_pages, reference_text = pages_and_text(reference())
    print(f"assessor report benchmark, Python {sys.version.split()[0]}, CPUs {sorted(os.sched_getaffinity(0))}")
    print(f"standard report: {len(document.html) / 1024:.0f} kB HTML, {len(pdf) / 1024:.0f} kB PDF, {pages} pages")
    print(f"reference report: {reference_pages} pages (bench/reference)")
    # How full the pages are: the comparison is per page, and a page with more on it costs more.
    ours_density, reference_density = text / pages, reference_text / reference_pages
    print(
        f"text per page: ours {ours_density:,.0f} characters, the reference's {reference_density:,.0f}"
        f" ({ours_density / reference_density:.2f} times)"
    )

    # Alternate the cases so machine noise hits all alike. CPU time beside wall time: on a shared
    # machine the wall clock also counts other processes' turns.
    app_times, bare_times, ref_times, app_cpu, ref_cpu = [], [], [], [], []
    for _ in range(args.n):
        # Each render starts with no garbage left by the other: otherwise a collection during the
        # reference's render frees our render's objects and is charged to the reference.
        gc.collect()
        started = time.process_time()
        app_times.append(timed(lambda: render_pdf(report)))
        app_cpu.append(time.process_time() - started)
        gc.collect()
        started = time.process_time()
        ref_times.append(timed(reference))
        ref_cpu.append(time.process_time() - started)
        if not args.quick:
            bare_times.append(timed(bare))
    app, ref = statistics.median(app_times), statistics.median(ref_times)
    app_page, ref_page = app / pages, ref / reference_pages
    cpu_page, ref_cpu_page = statistics.median(app_cpu) / pages, statistics.median(ref_cpu) / reference_pages
    print(f"\n-- time per page against the reference report (median of {args.n} warm renders each)")
    print(f"ours, per page                {ms(app_page)}   cpu {ms(cpu_page)}   ({pages} pages)")
    print(f"reference, per page           {ms(ref_page)}   cpu {ms(ref_cpu_page)}   ({reference_pages} pages)")
    print(
        f"  ratio ours / reference      {app_page / ref_page:8.2f}      cpu {cpu_page / ref_cpu_page:5.2f}"
        f"      target <= {PER_PAGE_TARGET}"
    )
    # The same times per thousand characters of text: what a page costs for what it carries.
    app_text, ref_text = app / (text / 1000), ref / (reference_text / 1000)
    print(f"ours, per 1,000 characters    {ms(app_text)}")
    print(f"reference, per 1,000 chars.   {ms(ref_text)}")
    print(f"  ratio ours / reference      {app_text / ref_text:8.2f}      (for context; the target is per page)")
    scratch.cleanup()
    if args.quick:
        return

    build_times = [timed(lambda: build_report(report)) for _ in range(args.n)]
    floor_document = ReportDocument(FLOOR_HTML, "en", b"{}", "data", report.assessment_date)
    write_report_pdf(floor_document, env)
    floor_times = [timed(lambda: write_report_pdf(floor_document, env)) for _ in range(args.n)]
    bare_median, floor = statistics.median(bare_times), statistics.median(floor_times)
    p90 = statistics.quantiles(app_times, n=10)[-1] if len(app_times) >= 2 else app
    print("\n-- render time (median of warm renders)")
    print(f"report (render_pdf)           {ms(app)}   p90 {ms(p90)}   N={args.n}")
    print(f"bare WeasyPrint, same HTML    {ms(bare_median)}")
    print(f"  ratio report / bare         {app / bare_median:8.3f}      target <= 1.05")
    print(f"  of which build_report       {ms(statistics.median(build_times))}   (Jinja, context, chart, JSON)")
    print(f"one-page floor                {ms(floor)}")
    print(f"  ratio report / floor        {app / floor:8.1f}")

    print("\n-- peak memory of one render (fresh process, VmHWM)")
    child = subprocess.run(
        [sys.executable, __file__, "--child-peak"], capture_output=True, text=True, check=True, timeout=600
    )
    setup_kb, peak_kb = (int(x) for x in child.stdout.split())
    print(f"after imports and setup       {setup_kb / 1024:8.1f} MB")
    print(f"after one standard render     {peak_kb / 1024:8.1f} MB      target <= 150 MB")

    print(f"\n-- RSS over {args.soak} renders in one process (shared FontConfiguration)")
    for _ in range(WARM_UP_RENDERS):
        render_pdf(report)
    gc.collect()
    start_rss = status_kb("VmRSS")
    print(f"{f'after {WARM_UP_RENDERS} warm-up renders':30}{start_rss / 1024:8.1f} MB")
    marks = {}
    for index in range(1, args.soak + 1):
        render_pdf(report)
        if index in (args.soak // 2, args.soak):
            gc.collect()
            marks[index] = status_kb("VmRSS")
    for index, rss in sorted(marks.items()):
        print(f"{f'after {index} more renders':30}{rss / 1024:8.1f} MB")
    growth = (marks[args.soak] - start_rss) / 1024
    print(f"{f'growth over {args.soak} renders':30}{growth:8.1f} MB      target <= 15 MB")

    print("\n-- stored download against a render")
    key = report_cache_key(report)
    pdf = render_pdf(report)
    with tempfile.TemporaryDirectory() as folder:
        directory = DirectoryPDFStore(Path(folder))
        directory.put(key, pdf)
        directory_hit = statistics.median(timed(lambda: directory.get(key)) for _ in range(200))
    share = 100 * directory_hit / app
    print(f"stored, directory store       {ms(directory_hit)}   {share:6.3f}% of a render   target < 2%")
    print("(renders in the job worker: bench/jobs_soak_bench.py)")


if __name__ == "__main__":
    main()
