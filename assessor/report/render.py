"""The one report renderer: ReportInput -> HTML (Jinja) -> PDF bytes (WeasyPrint, PDF/A-3b, tagged).

`render_pdf` does both steps in this process (the CLI uses it). Report jobs (assessor.jobs) run
the same two functions in a worker process, with that process's shared PDFEnvironment.
"""

from __future__ import annotations

import datetime as dt

from assessor.core.explain import result_to_dict
from assessor.gcpause import cyclic_gc_paused
from assessor.presentation.wording import wording
from assessor.report.archive import report_data_json
from assessor.report.context import build_context, report_language
from assessor.report.environment import OUTPUT_INTENT, PDFEnvironment, pdf_environment, report_template
from assessor.report.model import ATTACHMENT_NAME, ReportDocument, ReportInput

# PDF/A-3 is the archival variant that allows embedded files (our answers JSON); tags make the
# structure (headings, tables, figure alternatives) available to screen readers.
PDF_VARIANT = "pdf/a-3b"


def build_report(report: ReportInput) -> ReportDocument:
    """The report's final HTML and embedded data, in its language; cheap (milliseconds)."""
    lang = report_language(report)
    result_data = result_to_dict(report.book, report.result, lang)
    html = report_template().render(build_context(report, result_data))
    return ReportDocument(
        html=html,
        language=lang,
        data_json=report_data_json(report, result_data),
        attachment_description=wording(lang).gettext("The answers and the result of this assessment, as JSON"),
        created=report.assessment_date,
    )


def write_report_pdf(document: ReportDocument, environment: PDFEnvironment | None = None) -> bytes:
    """The PDF of a built report, rendered with this process's shared fonts, stylesheets and fetcher."""
    from weasyprint import HTML, Attachment

    env = environment or pdf_environment()
    # The document's date, never the clock: the same report renders to the same bytes.
    stamp = dt.datetime.combine(document.created, dt.time(0, 0))
    with env.lock, cyclic_gc_paused():  # one FontConfiguration is not known to be safe across threads
        attachment = Attachment(
            string=document.data_json,  # built from bytes: nothing is read from a path or URL
            url_fetcher=env.fetcher,
            name=ATTACHMENT_NAME,
            description=document.attachment_description,
            created=stamp,
            modified=stamp,
            relationship="Data",
        )
        html = HTML(string=document.html, base_url=env.base_url, url_fetcher=env.fetcher)
        pdf: bytes = html.write_pdf(
            stylesheets=[env.stylesheet],
            font_config=env.font_config,
            color_profiles=env.color_profiles,
            output_intent=OUTPUT_INTENT,
            attachments=[attachment],
            pdf_variant=PDF_VARIANT,
            pdf_tags=True,
            presentational_hints=False,  # never: HTML attributes must not turn into CSS (CVE-2026-49452)
        )
    return pdf


def render_pdf(report: ReportInput) -> bytes:
    """The report as PDF bytes, rendered in this process."""
    return write_report_pdf(build_report(report))
