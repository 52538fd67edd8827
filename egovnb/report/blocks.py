"""The report's text blocks: header, tier headings, year-on-year section, and "about this report".

Each function takes an assessment and returns an :class:`egovnb.report.markup.Html`
block (escaped HTML plus its plain-text twin). Paths shown in the report are
the ones written in the params file, never absolute paths of the machine
that rendered it, so two machines render the same bytes.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pandas as pd

from egovnb import __version__
from egovnb.core.text import slugify
from egovnb.insight import yoy
from egovnb.report import fmt, measure, news
from egovnb.report.labels import label
from egovnb.report.markup import Html, element, escape, text_element


def tier_anchor(tier_key: str) -> str:
    """The HTML id of a tier's section (``tier-so-nganh``)."""
    return f"tier-{slugify(tier_key)}"


def header(assessment, previous=None) -> Html:
    """The top of the report: province and year, title, decision, the illustrative banner
    (with the params' note) when the data are not published figures, and the contents
    (with the year-on-year section when ``previous``, last year's assessment, is given)."""
    params = assessment.params
    language = params.language
    kicker = f"{params.province} · {label('year', language)} {params.year}"
    decision = params.decision or label("no_decision", language)
    parts = [text_element("p", kicker, class_="kicker"), text_element("h1", params.title),
             element("p", text_element("span", label("decision", language) + ": ", class_="label")
                     + escape(decision), class_="decision")]
    text = [kicker, params.title, f"{label('decision', language)}: {decision}"]
    if params.illustrative:
        banner = [text_element("strong", label("illustrative", language)),
                  text_element("p", label("illustrative_text", language))]
        if params.note:
            banner.append(text_element("p", params.note))
        parts.append(element("aside", "".join(banner), class_="illustrative", role="note"))
        text += [f"[{label('illustrative', language)}] {label('illustrative_text', language)}",
                 *([params.note] if params.note else [])]
    entries = [(tier_anchor(key), tier.label) for key, tier in assessment.framework.tiers.items()]
    if previous is not None:
        entries.append(("yoy", label("yoy", language, previous=previous.params.year)))
    if params.sensitivity is not None:
        entries.append(("sensitivity", label("sensitivity", language)))
    entries.append(("news", news.heading(language)))
    entries.append(("about", label("about", language)))
    links = "".join(element("li", element("a", escape(name), href=f"#{anchor}")) for anchor, name in entries)
    parts.append(element("nav", text_element("h2", label("contents", language)) + element("ol", links),
                         class_="contents", aria_label=label("contents", language)))
    return Html(element("header", "".join(parts), class_="report-header"), "\n".join(text))


def tier_heading(assessment, tier_key: str) -> Html:
    """A tier's section heading, its number of units and its rule (rank by what, level thresholds)."""
    tier = assessment.framework.tiers[tier_key]
    language = assessment.params.language
    units = int((assessment.scores["tier"] == tier_key).sum())
    rule = measure.rule_text(tier, language)
    count = label("units_in_tier", language, n=fmt.count(units, language))
    if not units:
        count = label("no_units", language).rstrip(".")
    html = (text_element("h2", tier.label, id=tier_anchor(tier_key))
            + text_element("p", f"{count}. {rule}", class_="tier-rule"))
    return Html(html, f"{tier.label}\n{count}. {rule}")


def year_on_year(assessment):
    """The previous year's assessment and the comparison table (see
    :func:`egovnb.insight.yoy.compare_years`), or (None, None) without ``previous:``. Computed once
    per report and handed to every tier's year-on-year summary, chart and table."""
    previous = assessment.previous
    if previous is None:
        return None, None
    return previous, yoy.compare_years(assessment, previous, yoy.crosswalk_of(assessment.params))


def year_on_year_heading(assessment, previous) -> Html:
    """The year-on-year section heading."""
    title = label("yoy", assessment.params.language, previous=previous.params.year)
    return Html(text_element("h2", title, id="yoy"), title)


def year_on_year_summary(comparison: pd.DataFrame, tier_key: str, tier_label: str, previous_year: int,
                         year: int, language: str = "vi") -> Html:
    """How many units of a tier moved up a level, down a level, or kept their level; which
    units were renamed, merged, new or dissolved; or that the tier is no longer assessed."""
    rows = comparison[comparison["tier"] == tier_key]
    rules = rows["rule"].value_counts()
    if len(rows) and (rows["rule"] == "dissolved").all():
        sentences = [label("yoy_gone", language, year=year, n=len(rows),
                           previous=previous_year)]
    else:
        counts = rows["level_change"].value_counts()
        sentences = [label("yoy_intro", language, previous=previous_year, up=int(counts.get("up", 0)),
                           down=int(counts.get("down", 0)), same=int(counts.get("same", 0)))]
        parts = [f"{int(rules[rule])} {label(f'rule_{rule}', language)}"
                 for rule in ("renamed", "merged", "new", "dissolved") if rules.get(rule, 0)]
        if parts:
            sentences.append(label("yoy_rules", language, previous=previous_year, parts=", ".join(parts)))
    html = text_element("h3", tier_label) + "".join(text_element("p", s, class_="yoy-summary") for s in sentences)
    return Html(html, "\n".join([tier_label, *sentences]))


def about(assessment, record=None) -> Html:
    """Where the report comes from: decision, params, data file and its SHA-256, framework,
    previous year, egovnb version, and the rules in one paragraph. A public page (params
    ``public: true``) shows no params text and no folders (:func:`public_view`).
    With ``record`` (a :class:`egovnb.publish.provenance.Provenance`, taken before the inputs
    were read), every input with its SHA-256, the Python and package versions and the lock's
    digest too (on a public page, each input by its file name only)."""
    params = assessment.params
    language = params.language
    raw = params.raw
    framework = raw.get("framework")
    data_sha256 = next((i.sha256 for i in record.inputs if i.role == "data"), None) if record else None
    items = [
        ("about_decision", params.decision or label("no_decision", language)),
        ("about_params", Path(params.path).name),
        ("about_data", str(raw.get("data", params.data.name))),
        ("about_sha256", data_sha256 or assessment.data_sha256),
        ("about_grain", label(f"grain_{assessment.unit_data.grain}", language)),
        ("about_framework", framework if isinstance(framework, str) else Path(params.path).name),
    ]
    if params.previous is not None:
        items.append(("about_previous", str(raw.get("previous"))))
    items.append(("about_version", __version__))
    if params.public:
        items = public_view(items)
    rows = "".join(element("tr", text_element("th", label(key, language), scope="row")
                           + element("td", text_element("code", value) if key in ("about_sha256", "about_params",
                                                                                   "about_data", "about_framework",
                                                                                   "about_previous")
                                     else escape(value)))
                   for key, value in items)
    table = element("table", element("tbody", rows), class_="about")
    # A public page (``public: true``) leaves out the params file's text: its comments are the analyst's.
    params_text = "" if params.public else (text_element("h3", label("about_params", language))
                                            + text_element("pre", _params_text(params), class_="params"))
    made_html, made_text = _made_from(record, language, params.public) if record is not None else ("", [])
    html = (text_element("h2", label("about", language), id="about")
            + text_element("p", label("about_intro", language))
            + table
            + made_html
            + params_text
            + text_element("p", label("about_rules", language), class_="rules"))
    text = "\n".join([label("about", language), *(f"{label(k, language)}: {v}" for k, v in items), *made_text])
    return Html(html, text)


# Provenance entries that hold a path as the params file writes it (relative, possibly local).
PATH_ITEMS = ("about_params", "about_data", "about_framework", "about_previous")


def public_view(items: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The provenance entries of a public page (params ``public: true``, issue 18): every
    entry kept (the decision, each input's SHA-256, the egovnb version), but a path cut to
    the file's name, so no folder of the analyst's machine is published."""
    return [(key, Path(value.replace("\\", "/")).name if key in PATH_ITEMS and value else value)
            for key, value in items]


def _made_from(record, language: str, public: bool = False) -> tuple[str, list[str]]:
    """The provenance block: each input (role, path from the params file's folder, SHA-256),
    then the environment (Python, the packages that shape the report, the lock). ``public``:
    each input by its file name only."""
    if public:
        record = replace(record, inputs=tuple(replace(i, path=Path(i.path).name) for i in record.inputs))
    head = element("tr", "".join(text_element("th", label(key, language), scope="col")
                                 for key in ("made_role", "made_file", "made_sha256")))
    rows = "".join(element("tr", text_element("td", i.role) + element("td", text_element("code", i.path))
                           + element("td", text_element("code", i.sha256)))
                   for i in record.inputs)
    inputs = element("table", element("thead", head) + element("tbody", rows), class_="about provenance-inputs")
    environment = [("Python", record.python), *record.packages, ("requirements.lock", record.lock)]
    env_rows = "".join(element("tr", text_element("th", name, scope="row") + element("td", text_element("code", value)))
                       for name, value in environment)
    html = (text_element("h3", label("made_inputs", language))
            + inputs
            + text_element("h3", label("made_environment", language))
            + element("table", element("tbody", env_rows), class_="about provenance-environment"))
    text = [label("made_inputs", language), *(f"{i.role}: {i.path} {i.sha256}" for i in record.inputs),
            label("made_environment", language), *(f"{name}: {value}" for name, value in environment)]
    return html, text


def _params_text(params) -> str:
    """The params file as the analyst wrote it (comments included), with its name."""
    # As read with the params (once, in the kernel); read here only for params made without a file.
    text = params.text if params.source else Path(params.path).read_text(encoding="utf-8-sig")
    return text.rstrip("\n")
