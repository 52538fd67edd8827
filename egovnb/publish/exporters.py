"""From an executed notebook to the files published: the scrubbed notebook, one HTML page, a PDF.

The page is nbconvert's HTML export with egovnb's template (no code, no
prompts, no parameter cells, charts written into the page as SVG
(:mod:`egovnb.publish.inline_svg`), other images inline: one self-contained file); the PDF
is that page printed by WeasyPrint. Both exporters are registered with
nbconvert (``--to egovnb_html``, ``--to egovnb_pdf``).
"""

from __future__ import annotations

import functools
import logging
import os
import threading

import nbformat
from nbconvert.exporters import HTMLExporter, TemplateExporter
from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter
from traitlets import default
from traitlets.config import Config

from egovnb import __version__
from egovnb.core.internals import internal
from egovnb.publish.inline_svg import NotInlined, inline_svg
from egovnb.publish.notebook_params import complete_page_metadata
from egovnb.publish.notebooks import TEMPLATE, TEMPLATES

# The page being written in this thread (the exporter is shared by the process): its charts so far.
_page = threading.local()

# Cells left out of the published page: Papermill's injected parameters (a random cell id),
# the default parameters, and notes meant for readers of the notebook only.
REMOVED_TAGS = ("injected-parameters", "parameters", "notebook-only")


class ReportHTMLExporter(HTMLExporter):
    """nbconvert exporter of the report page: egovnb's template, no code, no prompts, no
    parameter cells; one self-contained HTML file (``--to egovnb_html``)."""

    export_from_notebook = "egovnb report (HTML)"

    @default("template_name")
    def _template_name_default(self):
        return TEMPLATE

    @default("extra_template_basedirs")
    def _extra_template_basedirs_default(self):
        return [str(TEMPLATES)]

    @default("exclude_input")
    def _exclude_input_default(self):
        return True

    @default("exclude_input_prompt")
    def _exclude_input_prompt_default(self):
        return True

    @default("exclude_output_prompt")
    def _exclude_output_prompt_default(self):
        return True

    @default("optimistic_validation")
    def _optimistic_validation_default(self):
        # The notebook is checked once after the preprocessors, not after each of the eleven:
        # it was checked whole as it was written (notebook_bytes).
        return True

    @property
    def default_config(self):
        config = super().default_config
        config.merge(Config({"TagRemovePreprocessor": {"enabled": True, "remove_cell_tags": set(REMOVED_TAGS)}}))
        return config

    def from_notebook_node(self, nb, resources=None, **kw):
        """The page, straight from the template. nbconvert's HTML exporter parses the page it
        made again with BeautifulSoup to give images without one a placeholder alt text and
        JupyterLab's cells a tab stop; egovnb's template gives every image its own alt text and
        has no JupyterLab cells, and the parse costs more than a second on a large report."""
        # nbconvert's private _init_resources and _nb_metadata tell the filter which notebook this
        # is (for widget state, which reports have none); without them it is told nothing.
        init, notebooks = internal(self, "_init_resources"), internal(self, "_nb_metadata")
        if init is not None:
            resources = init(resources)
        _page.charts = 0  # charts of this page so far: each one's ids get its number
        if self.environment.filters.get("inline_svg") != self._inline_svg:
            self.register_filter("inline_svg", self._inline_svg)
        # nbconvert makes this filter anew for each page, reading the configuration each time;
        # it only needs to know which notebook's metadata to look at.
        if getattr(self, "_data_type_filter", None) is None:
            self._data_type_filter = WidgetsDataTypeFilter(
                notebook_metadata=notebooks if notebooks is not None else {}, parent=self)
        if self.environment.filters.get("filter_data_type") is not self._data_type_filter:
            self.register_filter("filter_data_type", self._data_type_filter)
        metadata = (resources or {}).get("metadata", {})
        # A notebook run by Papermill alone: the title and version egovnb run gives the page.
        complete_page_metadata(nb, metadata.get("path"))
        self._data_type_filter.notebook_path = os.path.join(metadata.get("path", ""), metadata.get("name", ""))
        return TemplateExporter.from_notebook_node(self, nb, resources, **kw)


    def _inline_svg(self, svg: str, alt: str, width=None, height=None) -> str:
        """The template's ``inline_svg`` filter: the chart's SVG written into the page, its ids
        numbered in page order (``chart1-``, ``chart2-`` …); ``""`` when the SVG is not one
        matplotlib wrote (the template then shows it as an ``<img>``)."""
        _page.charts = getattr(_page, "charts", 0) + 1
        try:
            return inline_svg(svg, alt, f"chart{_page.charts}-", width, height)
        except NotInlined:
            return ""


class ReportPDFExporter(ReportHTMLExporter):
    """nbconvert exporter of the report as an A4 PDF: the report page printed by WeasyPrint
    (``--to egovnb_pdf``). Needs no browser; WeasyPrint uses the system's Pango."""

    export_from_notebook = "egovnb report (PDF)"
    output_mimetype = "application/pdf"

    @default("file_extension")
    def _file_extension_default(self):
        return ".pdf"

    @default("template_extension")
    def _template_extension_default(self):
        return ".html.j2"  # the page is the HTML report's, printed

    def from_notebook_node(self, nb, resources=None, **kw):
        html, resources = super().from_notebook_node(nb, resources, **kw)
        resources["output_extension"] = ".pdf"
        return html_to_pdf(html), resources


def html_to_pdf(html: str) -> bytes:
    """An A4 PDF of a report page. Only ``data:`` URLs are loaded: the page is self-contained,
    and a PDF must never depend on (or call) another host."""
    import weasyprint

    try:
        from weasyprint.urls import URLFetcher

        fetcher = URLFetcher(allowed_protocols={"data"})
    except ImportError:  # WeasyPrint < 66 takes a plain function
        def fetcher(url, *args, **kwargs):
            if not url.startswith("data:"):
                raise ValueError(f"not loading {url}: the report is self-contained")
            return weasyprint.default_url_fetcher(url, *args, **kwargs)

    # WeasyPrint logs every CSS property it does not support; they are not errors.
    logger = logging.getLogger("weasyprint")
    level = logger.level
    logger.setLevel(logging.ERROR)
    # Without HarfBuzz's subsetter WeasyPrint subsets fonts with fontTools, which stamps each
    # embedded font with the time of writing unless SOURCE_DATE_EPOCH is set: fix that time
    # (the user's SOURCE_DATE_EPOCH when given) so the same page gives the same PDF bytes.
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = epoch if epoch and epoch.isdigit() else "315532800"  # 1980-01-01
    try:
        # custom_metadata: the page's <meta name="egovnb-provenance"> goes into the PDF's
        # document information, beside its title and generator.
        return weasyprint.HTML(string=html, base_url=None, url_fetcher=fetcher).write_pdf(custom_metadata=True)
    finally:
        logger.setLevel(level)
        if epoch is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = epoch


def scrub(nb, title: str, language: str, provenance=None):
    """Remove what differs from run to run (timings, Papermill's paths, execution metadata)
    and set the page title, so the same inputs give the same notebook and HTML bytes. With
    ``provenance`` (a :class:`~egovnb.publish.provenance.Provenance`), the notebook's metadata
    and the page's ``<meta name="egovnb-provenance">`` say what made the report."""
    papermill_meta = nb.metadata.get("papermill", {})
    nb.metadata["papermill"] = {key: papermill_meta[key] for key in ("parameters", "default_parameters", "version")
                                if key in papermill_meta}
    nb.metadata["title"] = title
    nb.metadata["egovnb"] = {"version": __version__, "language": language}
    if provenance is not None:
        nb.metadata["egovnb"]["provenance"] = provenance.as_dict()
        nb.metadata["papermill"].get("parameters", {}).pop("provenance", None)  # said once, above
    for cell in nb.cells:
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell.id = "injected-parameters"  # Papermill gives it a random id
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
    return nb


def notebook_bytes(nb) -> bytes:
    """The executed notebook as written beside its page (nbformat's JSON, newline-ended).
    Raises nbformat's ValidationError when it does not follow the notebook schema (nbformat
    itself would only log it)."""
    invalid: dict = {}
    text = nbformat.writes(nb, capture_validation_error=invalid)
    if invalid:
        raise invalid["ValidationError"]
    return text.encode("utf-8") + b"\n"


@functools.cache
def html_exporter() -> ReportHTMLExporter:
    """The page exporter of this process: built, and its templates read and compiled, once."""
    return ReportHTMLExporter()


def page_files(nb, *, pdf: bool) -> dict[str, bytes]:
    """The page of a scrubbed, executed notebook by suffix: ``.html`` and, with ``pdf``,
    ``.pdf``. Raises whatever nbconvert or WeasyPrint raise; callers say what failed."""
    html, _ = html_exporter().from_notebook_node(nb)
    files = {".html": html.encode("utf-8")}
    if pdf:
        files[".pdf"] = html_to_pdf(html)
    return files
