"""The batch's index page, ``reports/index.html``: every province-year's report, one row a
province, one column a year, from the template ``egovnb-index/index.html.j2`` beside the
report's (:data:`egovnb.publish.render.TEMPLATES`) and the words of
:data:`egovnb.report.labels.INDEX_LABELS`.
"""

from __future__ import annotations

import html
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

import jinja2
from markupsafe import Markup

from egovnb import __version__
from egovnb.batch.plan import INDEX_TEMPLATE, Outcome, recorded, write_file
from egovnb.core.outputs import mark_written
from egovnb.core.collation import sort_key
from egovnb.publish.render import TEMPLATES
from egovnb.publish.scorecard_pages import UNITS_FOLDER
from egovnb.report.fmt import count
from egovnb.report.labels import INDEX_LABELS, phrase

INDEX_FILE = "index.html"
LANGUAGE = "vi"  # the page's language; INDEX_LABELS has English words too


@dataclass(frozen=True)
class IndexEntry:
    """One province-year on the index page; ``href`` is None when it has no report,
    ``pdf_href`` when it has no PDF, ``units_href`` (the scorecards' folder, with
    ``scorecards`` pages in it) when it has no scorecard."""

    province: str
    year: int
    title: str
    illustrative: bool
    href: str | None
    failed: bool
    pdf_href: str | None = None
    units_href: str | None = None
    scorecards: int = 0


def index_entries(outcomes: tuple[Outcome, ...], reports_root: Path) -> tuple[list[IndexEntry], list[str]]:
    """Entries of the index (one per province-year with a readable params file) and the
    names of params files that could not be read."""
    entries, unreadable = [], []
    for outcome in outcomes:
        job = outcome.job
        if job is None:
            unreadable.append(outcome.params_path.name)
            continue
        if outcome.duplicate_of is not None:
            continue  # the first params file of that province-year has the entry
        page = outcome.report
        if page is None:  # failed now: show the page of an earlier successful run, if any
            record = recorded(job.report_dir)
            page = record[1] if record else None
        href = pdf_href = units_href = None
        scorecards = 0
        if page is not None and page.is_file():
            href = _href(page, reports_root)
            if page.with_suffix(".pdf").is_file():
                pdf_href = _href(page.with_suffix(".pdf"), reports_root)
            units = page.parent / UNITS_FOLDER
            scorecards = len(list(units.glob("*.html"))) if units.is_dir() else 0
            if scorecards:
                units_href = _href(units, reports_root) + "/"
        entries.append(IndexEntry(job.province, job.year, job.title, job.illustrative, href,
                                  outcome.status in ("failed", "interrupted"), pdf_href, units_href, scorecards))
    return entries, sorted(unreadable)


def _href(path: Path, reports_root: Path) -> str:
    """``path`` as a link relative to the index page, each part URL-quoted."""
    relative = Path(os.path.relpath(path, Path(reports_root).resolve()))
    return "/".join(quote(part) for part in relative.parts)


def write_index(outcomes: tuple[Outcome, ...], reports_root: Path) -> Path:
    """Write ``reports_root/index.html`` (atomically; untouched when its bytes would not change)."""
    entries, unreadable = index_entries(outcomes, Path(reports_root))
    page = index_html(entries, unreadable)
    target = Path(reports_root) / INDEX_FILE
    data = page.encode("utf-8")
    if not (target.is_file() and target.read_bytes() == data):
        write_file(target, data)
    mark_written([target])  # egovnb's own: the next batch may replace it (core.outputs)
    return target


def index_html(entries: list[IndexEntry], unreadable: list[str] | None = None) -> str:
    """The index page: every province-year's report, one row a province (Vietnamese
    alphabetical order), one column a year; illustrative reports are marked.

    Self-contained (no scripts, no fonts or styles from elsewhere), escaped, and
    the same bytes for the same entries.
    """
    years = sorted({e.year for e in entries})
    provinces = sorted({e.province for e in entries}, key=sort_key)
    cell = {(e.province, e.year): e for e in entries}
    return _template().render(
        language=LANGUAGE,
        words={key: phrase(INDEX_LABELS, key, LANGUAGE) for key in INDEX_LABELS},  # {fields} left to fill
        years=years,
        rows=[(province, [cell.get((province, year)) for year in years]) for province in provinces],
        provinces=len(provinces),
        reports=sum(1 for e in entries if e.href),
        illustrative=sum(1 for e in entries if e.illustrative and e.href),
        failed=[e for e in sorted(entries, key=lambda e: (sort_key(e.province), e.year)) if e.failed],
        unreadable=unreadable or [],
        version=__version__,
    )


@lru_cache(maxsize=1)
def _template() -> jinja2.Template:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES / INDEX_TEMPLATE),
        autoescape=True, finalize=_escape, undefined=jinja2.StrictUndefined,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    environment.filters["fill"] = _fill
    environment.filters["count"] = lambda n: count(n, LANGUAGE)
    return environment.get_template("index.html.j2")


def _escape(value: object) -> Markup:
    # Every value is escaped as html.escape does (quotes as &quot; and &#x27;), as the page
    # always was, not as Jinja's own escape would (&#34;, &#39;): same entries, same bytes.
    return value if isinstance(value, Markup) else Markup(html.escape(str(value)))


def _fill(phrase: str, **values: object) -> str:
    """A phrase of INDEX_LABELS with its ``{fields}`` filled (escaped afterwards, as a whole)."""
    return phrase.format(**values)
