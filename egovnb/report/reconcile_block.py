"""The report's "Đối chiếu với bảng công bố" section: the published table checked against the rules.

When the unit data print published figures (rate, converted points, rank, level), the
section says what was compared and lists every figure that does not follow from the
rules, with the calculation behind the rule's value; or says that every row agrees.
Without published figures there is no section.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from egovnb.insight import reconcile
from egovnb.report import fmt
from egovnb.report.labels import RECONCILE_LABELS, phrase
from egovnb.report.markup import Html, text_element
from egovnb.report.tables import Table


def reconciliation(assessment) -> list:
    """The section's blocks (heading and sentences, then the table of differences), or an empty
    list when the data print no published figure."""
    comparisons = reconcile.compare(assessment.ranked, assessment.tables, assessment.framework)
    if comparisons.empty:
        return []
    language = assessment.params.language
    say = _words(language)
    present = [f for f in reconcile.FIGURES if f in set(comparisons["field"])]
    figures = ", ".join(say(f) for f in present[:-1]) + (say("and") if len(present) > 1 else "") + say(present[-1])
    rows = fmt.count(reconcile.rows_compared(comparisons), language)
    intro = say("intro", tables=_tables(comparisons, say), figures=figures, n=rows)
    found = reconcile.differences(comparisons)
    if found.empty:
        result = say("all_agree", n=rows)
    else:
        result = say("differ", d=fmt.count(len(found), language), n=rows,
                     r=fmt.count(reconcile.rows_differing(comparisons), language))
    heading = say("heading")
    html = (text_element("h2", heading, id="reconcile") + text_element("p", intro)
            + text_element("p", result, class_="reconcile-result"))
    blocks: list = [Html(html, "\n".join([heading, intro, result]))]
    if not found.empty:
        blocks.append(Table(difference_frame(found, language), say("caption"),
                            numeric=(say("col_row"),), wide=(say("col_unit"),)))
    return blocks


def difference_frame(found: pd.DataFrame, language: str = "vi") -> pd.DataFrame:
    """The differences as shown in the report: sheet, row, unit, column, printed, rule, calculation."""
    say = _words(language)
    records = []
    for _, difference in found.iterrows():
        records.append({
            say("col_sheet"): difference["sheet"] or Path(difference["file"]).name,
            say("col_row"): fmt.count(int(difference["row"]), language),
            say("col_unit"): difference["unit"],
            say("col_column"): " ".join(str(difference["column"]).split()),
            say("col_printed"): difference["printed"] or say("nothing"),
            say("col_rule"): _localised(reconcile.rule_text(difference), language) if _present(difference["rule_value"])
            else fmt.MISSING,
            say("col_calculation"): _calculation(difference, say, language),
        })
    return pd.DataFrame(records)


def _words(language: str):
    """The section's phrase lookup in ``language``: ``say(key, **fields)``."""
    return lambda key, **values: phrase(RECONCILE_LABELS, key, language, **values)


def _tables(comparisons: pd.DataFrame, say) -> str:
    sheets = [s for s in dict.fromkeys(comparisons["sheet"]) if s]
    files = ", ".join(dict.fromkeys(Path(f).name for f in comparisons["file"]))
    if not sheets:
        return files
    return files + ": " + ", ".join(say("sheet", sheet=sheet) for sheet in sheets)


def _calculation(difference, say, language: str) -> str:
    if difference["field"] == "rank" and _present(difference["rule_value"]):
        rank = int(difference["rule_value"])
        text = say("rank_calc", basis=difference["basis"], above=rank - 1, rank=rank)
    else:
        text = difference["calculation"]
    reason = say(f"reason_{difference['reason']}") if difference["reason"] else ""
    return _localised("; ".join(part for part in (reason, text) if part), language)


def _present(value) -> bool:
    return value is not None and not (isinstance(value, float) and value != value) and value != ""


def _localised(text: str, language: str) -> str:
    """Rule values and calculations are written with a decimal comma; English reads a point."""
    return text.replace(",", ".") if language == "en" else text
