"""The PDF assessment report: one renderer, its chart, its cache, its render gate and workers.

Web-framework free: the CLI and the web download endpoint both call in here with plain data.
Importing this package does not import WeasyPrint; rendering does.
"""

from assessor.report.archive import ReportDataError, read_report_data
from assessor.report.cache import DirectoryPDFStore, MemoryPDFStore, PDFStore, report_cache_key
from assessor.report.charts import FactorChartRow, factor_chart_rows, factor_chart_svg
from assessor.report.gate import RenderBusyError, RenderGate, ReportUnavailableError
from assessor.report.model import ATTACHMENT_NAME, REPORT_VERSION, ReportDocument, ReportInput
from assessor.report.render import build_report, render_pdf, write_report_pdf
from assessor.report.service import ReportService, report_filename
from assessor.report.worker import RenderFailedError, RenderTimeoutError, RenderWorkerPool

__all__ = [
    "ATTACHMENT_NAME",
    "REPORT_VERSION",
    "DirectoryPDFStore",
    "FactorChartRow",
    "MemoryPDFStore",
    "PDFStore",
    "RenderBusyError",
    "RenderFailedError",
    "RenderGate",
    "RenderTimeoutError",
    "RenderWorkerPool",
    "ReportDataError",
    "ReportDocument",
    "ReportInput",
    "ReportService",
    "ReportUnavailableError",
    "build_report",
    "factor_chart_rows",
    "factor_chart_svg",
    "read_report_data",
    "render_pdf",
    "report_cache_key",
    "report_filename",
    "write_report_pdf",
]
