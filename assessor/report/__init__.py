"""The PDF assessment report: one renderer, its chart, the key that names a rendered PDF, and its stores.

Web-framework free: the CLI and the report jobs (assessor.jobs) call in here with plain data.
Importing this package does not import WeasyPrint; rendering does.
"""

from assessor.report.archive import ReportDataError, read_report_data
from assessor.report.cache import DirectoryPDFStore, PDFStore, report_cache_key
from assessor.report.charts import FactorChartRow, factor_chart_rows, factor_chart_svg
from assessor.report.filename import report_filename
from assessor.report.model import ATTACHMENT_NAME, REPORT_VERSION, ReportDocument, ReportInput
from assessor.report.render import build_report, render_pdf, write_report_pdf

__all__ = [
    "ATTACHMENT_NAME",
    "REPORT_VERSION",
    "DirectoryPDFStore",
    "FactorChartRow",
    "PDFStore",
    "ReportDataError",
    "ReportDocument",
    "ReportInput",
    "build_report",
    "factor_chart_rows",
    "factor_chart_svg",
    "read_report_data",
    "render_pdf",
    "report_cache_key",
    "report_filename",
    "write_report_pdf",
]
