"""The report's tables: counts per level, top three and last, the annex in the published layout.

Pure functions take the scores table and a tier and return DataFrames; the
``*_table`` and ``*_summary`` functions take an assessment and return
displayable blocks (:class:`Table`, :class:`egovnb.report.markup.Html`) whose HTML is
escaped. Numbers are formatted for the report's language (decimal comma in
Vietnamese).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from egovnb.core.framework import KEPT_OUT, NOT_EVALUATED, Framework, Tier
from egovnb.core.ranking import kept_out_of_ranking
from egovnb.insight.gaps import closest_to_next_level, holding_components
from egovnb.report import fmt, measure
from egovnb.report.annex_model import annex_model, assessment_annex
from egovnb.report.labels import CLOSEST, header, label, phrase
from egovnb.report.markup import Html, element, escape, text_element
from egovnb.report.palette import level_key
from egovnb.report.reasons import level_reasons


@dataclass(frozen=True, eq=False)
class Table:
    """A table ready to show: cells are display strings, columns are the headers shown.

    ``numeric`` columns are right-aligned; cells of ``level_column`` get the
    level's colour badge (``level_keys`` maps a cell to its style key);
    ``collapsed`` tables (the numbers behind a chart) sit in a ``<details>``;
    ``wide`` columns (unit names) are kept wide enough to read in print.
    """

    frame: pd.DataFrame
    caption: str
    numeric: tuple[str, ...] = ()
    note: str | None = None
    collapsed: bool = False
    summary: str | None = None
    level_column: str | None = None
    level_keys: dict = field(default_factory=dict)
    wide: tuple[str, ...] = ()

    def to_html(self) -> str:
        if self.frame.empty:
            return ""  # nothing to show (a tier without units): the tier's heading says so
        head = "".join(text_element("th", column, scope="col",
                                    class_="num" if column in self.numeric else None)
                       for column in self.frame.columns)
        rows = []
        for values in self.frame.itertuples(index=False, name=None):
            cells = []
            for column, value in zip(self.frame.columns, values):
                content = escape(value)
                # No badge for an empty level (a unit kept out of the ranking): nothing to colour.
                if column == self.level_column and value in self.level_keys and value != fmt.MISSING:
                    content = element("span", content, class_=f"lv lv-{self.level_keys[value]}")
                css = "num" if column in self.numeric else "name" if column in self.wide else None
                cells.append(element("td", content, class_=css))
            rows.append(element("tr", "".join(cells)))
        table = element("table", text_element("caption", self.caption) + element("thead", element("tr", head))
                        + element("tbody", "".join(rows)), class_="data")
        body = element("div", table, class_="table-wrap")
        if self.note:
            body += text_element("p", self.note, class_="table-note")
        if self.collapsed:
            return element("details", text_element("summary", self.summary or self.caption) + body,
                           class_="chart-data")
        return body

    def _repr_html_(self) -> str:
        return self.to_html()

    def __repr__(self) -> str:
        """The table as plain text (what a notebook shows without HTML, and nbval compares):
        the caption, then the cells, already formatted, right-aligned in columns."""
        lines = [[str(c) for c in self.frame.columns]]
        lines += [["" if v is None else str(v) for v in row] for row in self.frame.itertuples(index=False)]
        widths = [max(len(cell) for cell in column) for column in zip(*lines)]
        body = "\n".join("  ".join(cell.rjust(width) for cell, width in zip(line, widths)).rstrip()
                         for line in lines)
        return self.caption + "\n" + body + (f"\n{self.note}" if self.note else "")


def tier_rows(scores: pd.DataFrame, tier_key: str) -> pd.DataFrame:
    """The rows of one tier, in published order (the scores table is already ordered)."""
    return scores[scores["tier"] == tier_key].reset_index(drop=True)


def ranked_rows(scores: pd.DataFrame, tier_key: str) -> pd.DataFrame:
    """The units of one tier that have a rank (evaluated, and not left unranked under the
    lowest level), in rank order."""
    rows = tier_rows(scores, tier_key)
    return rows[rows["rank"].notna()]


def level_counts(scores: pd.DataFrame, tier: Tier) -> pd.DataFrame:
    """Units per level of ``tier``: columns level, kind ('level' | 'below' | 'kept_out' |
    'not_evaluated'), units, total (units in the tier) and share (fraction of the tier's units).

    Every level of the framework is listed (the components' under ``level_by: lowest``),
    even with no unit; units kept out of the ranking (``ranked: no``, counted apart as
    :data:`KEPT_OUT`) and units not evaluated only when there are some.
    """
    rows = tier_rows(scores, tier.key)
    total = len(rows)
    counts = rows["level"].value_counts()
    kept_out = int(kept_out_of_ranking(rows).sum())
    entries = measure.level_entries(tier)  # none for a tier without levels
    if kept_out and tier.has_levels:
        entries.append((KEPT_OUT, "kept_out"))
    if counts.get(NOT_EVALUATED, 0):
        entries.append((NOT_EVALUATED, "not_evaluated"))
    table = pd.DataFrame(entries, columns=["level", "kind"])
    table["units"] = [kept_out if kind == "kept_out" else int(counts.get(name, 0)) for name, kind in entries]
    table["total"] = total
    table["share"] = table["units"] / total if total else 0.0
    return table


def headline_lines(counts: pd.DataFrame, language: str = "vi", rating: bool = False) -> list[str]:
    """One line a level: ``16/20 đơn vị ở mức độ I`` (``1/9 đơn vị chưa đạt`` for the others;
    ``3/15 đơn vị xếp loại Tốt`` for the ratings of an index tier)."""
    lines = []
    for row in counts.itertuples(index=False):
        n, total = fmt.count(row.units, language), fmt.count(row.total, language)
        if row.kind == "level" or (rating and row.kind == "below"):  # an index's lowest band is a rating too
            lines.append(label("headline_rating" if rating else "headline_level", language, n=n, total=total,
                               level=row.level))
        else:
            shown = fmt.level(row.level, language)
            lines.append(label("headline_other", language, n=n, total=total,
                               label=fmt.sentence_case(shown) if language == "vi" else shown))
    return lines


def top_and_last(scores: pd.DataFrame, tier: Tier, n: int = 3) -> pd.DataFrame:
    """Units ranked in the top ``n`` (ties included, so five units sharing rank 1 are all
    there) and the unit(s) ranked last; column ``position`` is 'top' or 'last'."""
    rows = tier_rows(scores, tier.key)
    ranked = rows[rows["rank"].notna()]
    top = ranked[ranked["rank"] <= n].assign(position="top")
    if ranked.empty:
        return top
    last = ranked[(ranked["rank"] == ranked["rank"].max()) & (ranked["rank"] > n)].assign(position="last")
    return pd.concat([top, last], ignore_index=True)


def _unit_list(rows: pd.DataFrame, tier: Tier, language: str, decimals: int | None,
               reasons: dict | None = None) -> str:
    """Units with their ranked value (and, where given, why they have their level)."""
    texts = []
    for _, row in rows.iterrows():
        value = measure.value_text(row, tier, language, decimals)
        reason = (reasons or {}).get(row["unit"])
        texts.append(f"{row['unit']} ({value}; {label('level_word', language)} {reason})" if reason
                     else f"{row['unit']} ({value})")
    return ", ".join(texts)


def level_summary(assessment, tier_key: str) -> Html:
    """The headline counts of a tier, then who leads and who is last, as sentences; under
    ``level_by: lowest`` each unit named says which component holds its level."""
    tier = assessment.framework.tiers[tier_key]
    reasons = level_reasons(assessment, tier_key)
    language = assessment.params.language
    ranked = assessment.ranked
    rows = tier_rows(ranked, tier_key)
    if rows.empty:
        return Html("", "")
    counts = level_counts(ranked, tier)
    lines = headline_lines(counts, language, rating=tier.rank_by == "index")
    if not tier.has_levels:
        ranked_units = fmt.count(int(rows["rank"].notna().sum()), language)
        lines.insert(0, label("headline_ranked", language, n=ranked_units, total=fmt.count(len(rows), language)))
    leaders = top_and_last(ranked, tier)
    # A sentence gives points as delivered ("Sở Tài chính (413)"); only a column evens its decimals.
    decimals = None if tier.rank_by == "points" else measure.value_decimals(tier, rows)
    sentences = []
    top = leaders[leaders["position"] == "top"]
    last = leaders[leaders["position"] == "last"]
    if not top.empty:
        sentences.append(label("top_sentence", language, units=_unit_list(top, tier, language, decimals, reasons)))
    if not last.empty:
        sentences.append(label("last_sentence", language, units=_unit_list(last, tier, language, decimals, reasons)))
    title = label("results_by_level" if tier.has_levels else "results_ranked", language)
    html = (text_element("h3", title)
            + element("ul", "".join(text_element("li", line) for line in lines), class_="headlines")
            + "".join(text_element("p", sentence, class_="leaders") for sentence in sentences))
    return Html(html, "\n".join([title, *lines, *sentences]))


def top_and_last_table(assessment, tier_key: str) -> Table:
    """The top three (ties included) and the last unit of a tier, as a small table."""
    tier = assessment.framework.tiers[tier_key]
    language = assessment.params.language
    rows = top_and_last(assessment.ranked, tier)
    decimals = measure.value_decimals(tier, tier_rows(assessment.ranked, tier_key))
    value_column = measure.value_header(tier, language)
    level_column = measure.level_header(tier, language)
    frame = pd.DataFrame({
        label("position", language): [label(p, language) for p in rows["position"]],
        header("rank", language): [fmt.count(r, language) for r in rows["rank"]],
        header("unit", language): list(rows["unit"]),
        value_column: [measure.value_text(row, tier, language, decimals) for _, row in rows.iterrows()],
        level_column: [fmt.level(v, language) for v in rows["level"]],
    })
    if not tier.has_levels:
        frame = frame.drop(columns=[level_column])
    keys = {fmt.level(v, language): level_key(tier, v) for v in rows["level"]}
    return Table(frame, f"{tier.label}: {label('top_and_last', language).lower()}",
                 numeric=(header("rank", language), value_column), level_column=level_column, level_keys=keys,
                 wide=(header("unit", language),))


def annex_frame(scores: pd.DataFrame, tier: Tier, language: str = "vi",
                descriptions: dict | None = None) -> pd.DataFrame:
    """The annex of a tier in the published layout, cells formatted for ``language``.

    Columns: STT, Tên đơn vị, Điểm tối đa, Số điểm không đưa vào đánh giá, Số điểm tối đa
    cần thực hiện, Số điểm thực hiện, Tỷ lệ thực hiện, Số điểm quy đổi, Xếp hạng, Mức độ.
    Rates are whole percentages when every rate is one, else two decimals; points
    are shown as delivered (up to five decimals), every value of a column with the same
    decimals (``96,5 / 91,0``); converted points to exactly two decimals.
    The decision's columns; the points each unit still needs are in :func:`gap_frame`, a
    table of their own. An index tier adds its index (as published) and calls its levels
    "Xếp loại"; a tier without levels has no level column. A ``note`` column of the data
    (why a unit was not evaluated) comes last, when some unit of the tier has one;
    ``descriptions`` (column → header) are text columns of the data shown after the unit's
    name (its district). ``scores`` may be the ranked table (with the index, notes and
    descriptions) or the scores table.
    """
    return annex_model(scores, tier, language, descriptions).frame()


def annex_table(assessment, tier_key: str) -> Table:
    """The annex table of a tier (see :func:`annex_frame`), with a caption and a note on rounding."""
    tier = assessment.framework.tiers[tier_key]
    language = assessment.params.language
    # With `previous:`, last year's measure beside this year's (annex_model).
    frame = assessment_annex(assessment, tier_key).frame()
    decimals = fmt.tier_rate_decimals(tier, tier_rows(assessment.scores, tier_key)["rate"])
    level_column = measure.level_header(tier, language)
    text_columns = {label("stt", language), header("unit", language), level_column, label("note", language),
                    *assessment.unit_data.description_headers.values()}
    keys = {fmt.level(v, language): level_key(tier, v)
            for v in tier_rows(assessment.scores, tier_key)["level"]}
    return Table(frame, f"{label('annex', language)}: {tier.label}",
                 numeric=tuple(c for c in frame.columns if c not in text_columns) + (label("stt", language),),
                 note=_rounding_note(tier_rows(assessment.scores, tier_key)["rate"], decimals, language),
                 level_column=level_column if tier.has_levels else None,
                 level_keys=keys, wide=(header("unit", language), label("note", language)))


_CHANGE_SIGNS = {"up": "↑", "down": "↓", "same": "="}


def year_on_year_frame(comparison: pd.DataFrame, tier: Tier, previous_year: int, year: int,
                       language: str = "vi") -> pd.DataFrame:
    """Rank and level moves of a tier's units, formatted: unit, (previous units and the
    comparison rule when any unit was renamed, merged, new or dissolved), rank in each
    year, signed rank change (+ = moved up), level in each year, level change in words."""
    rows = comparison[comparison["tier"] == tier.key].reset_index(drop=True)
    changed = bool((rows["rule"] != "same").any())
    columns: dict[str, list] = {header("unit", language): list(rows["unit"])}
    if changed:
        # Only where the comparison is not with the unit itself.
        columns[label("previous_units", language)] = [
            "" if rule == "same" else (previous or fmt.MISSING)
            for rule, previous in zip(rows["rule"], rows["previous_units"])]
    columns[label("rank_in", language, year=previous_year)] = [
        fmt.MISSING if pd.isna(v) else fmt.count(v, language) for v in rows["previous_rank"]]
    columns[label("rank_in", language, year=year)] = [
        fmt.MISSING if pd.isna(v) else fmt.count(v, language) for v in rows["rank"]]
    columns[label("rank_change", language)] = [fmt.signed(None if pd.isna(v) else v, language)
                                               for v in rows["rank_change"]]
    columns[label("level_in", language, year=previous_year)] = [fmt.level(v, language) for v in rows["previous_level"]]
    columns[label("level_in", language, year=year)] = [fmt.level(v, language) for v in rows["level"]]
    columns[label("level_change", language)] = [
        f"{_CHANGE_SIGNS[c]} {label('change_' + c, language)}" if isinstance(c, str) else fmt.MISSING
        for c in rows["level_change"]]
    if changed:
        columns[label("rule", language)] = [label(f"rule_{r}", language) for r in rows["rule"]]
    return pd.DataFrame(columns)


def year_on_year_table(comparison: pd.DataFrame, tier: Tier, previous_year: int, year: int,
                       language: str = "vi") -> Table:
    """The year-on-year moves of a tier as a displayable table (see :func:`year_on_year_frame`)."""
    frame = year_on_year_frame(comparison, tier, previous_year, year, language)
    numeric = (label("rank_in", language, year=previous_year), label("rank_in", language, year=year),
               label("rank_change", language))
    return Table(frame, label("yoy_table", language, tier=tier.label), numeric=numeric,
                 wide=(header("unit", language), label("previous_units", language)))


def _rounding_note(rates, decimals: int, language: str) -> str | None:
    """The note under an annex when the rates it prints are rounded."""
    if decimals:
        return label("rates_rounded", language, decimals=decimals)
    if fmt.rate_decimals(rates):  # whole percent chosen, but the rates are not whole
        return label("rates_whole", language)
    return None


# --- closest to the next level, and every unit's gap to it ------------------------------------

def gap_frame(scores: pd.DataFrame, tier: Tier, gaps: pd.DataFrame, language: str = "vi") -> pd.DataFrame:
    """What each unit of ``tier`` still needs for the next level, in the annex's order (the
    scores table's, ties included): STT, unit, rank, level, next level, points needed (two
    decimals at most, the same for the whole column: ``5,00 / 4,75 / 6,60``; ``–`` where there
    is no next level). An index tier gives the index it
    needs, as published, and calls its levels "Xếp loại"; under ``level_by: lowest`` a last
    column names the component(s) the points go to. ``gaps`` is
    :func:`egovnb.insight.gaps.gap_to_next_level` of the assessment."""
    rows = tier_rows(scores, tier.key)
    extra = rows[["unit"]].merge(gaps.loc[gaps["tier"] == tier.key, ["unit", "next_level", "points_to_next_level"]],
                                 on="unit", how="left")
    frame = pd.DataFrame({
        label("stt", language): [fmt.count(i, language) for i in range(1, len(rows) + 1)],
        header("unit", language): list(rows["unit"]),
        header("rank", language): [fmt.MISSING if pd.isna(v) else fmt.count(v, language) for v in rows["rank"]],
        measure.level_header(tier, language): [fmt.level(v, language) for v in rows["level"]],
        label("next_level", language): [fmt.MISSING if pd.isna(v) else fmt.level(v, language)
                                        for v in extra["next_level"]],
    })
    if tier.rank_by == "index":
        frame[label("index_to_next_level", language)] = [measure.index_text(v, tier, language)
                                                         for v in extra["points_to_next_level"]]
    else:
        frame[label("points_to_next_level", language)] = fmt.column(extra["points_to_next_level"], language,
                                                                    most=2)
    if tier.level_by == "lowest":
        names = {c.key: c.label for c in tier.components}
        held = holding_components(gaps[gaps["tier"] == tier.key], Framework(tiers={tier.key: tier}))
        by_unit = dict(zip(gaps.loc[gaps["tier"] == tier.key, "unit"], held))
        frame[phrase(CLOSEST, "holding", language)] = [
            "; ".join(names[k] for k in by_unit[u].split("; ")) if isinstance(by_unit.get(u), str) else fmt.MISSING
            for u in rows["unit"]]
    return frame


def gap_table(assessment, tier_key: str, gaps: pd.DataFrame) -> Table:
    """The units of a tier below its highest level with what each still needs (see
    :func:`gap_frame`), shown beside the closest-to-the-next-level list; empty (nothing
    shown) when every unit is at the highest level, or the tier has no levels."""
    tier = assessment.framework.tiers[tier_key]
    language = assessment.params.language
    frame = gap_frame(assessment.scores, tier, gaps, language)
    frame = frame[frame[label("next_level", language)] != fmt.MISSING].reset_index(drop=True)
    keys = {fmt.level(v, language): level_key(tier, v) for v in tier_rows(assessment.scores, tier_key)["level"]}
    needed = label("index_to_next_level" if tier.rank_by == "index" else "points_to_next_level", language)
    return Table(frame, label("gap_table", language, tier=tier.label),
                 numeric=(label("stt", language), header("rank", language), needed),
                 level_column=measure.level_header(tier, language), level_keys=keys, wide=(header("unit", language),))



def closest_table(assessment, tier_key: str, gaps: pd.DataFrame, n: int = 5) -> Table:
    """The report's "closest to the next level" list of a tier (see
    :func:`egovnb.insight.gaps.closest_to_next_level`), formatted for the report's language.
    ``gaps`` is :func:`egovnb.insight.gaps.gap_to_next_level` of the assessment, computed
    once per report."""
    language = assessment.params.language
    tier = assessment.framework.tiers[tier_key]

    def word(key: str, **fields) -> str:
        return phrase(CLOSEST, key, language, **fields)

    rows = closest_to_next_level(gaps, tier_key, n, assessment.framework)
    frame = pd.DataFrame({
        header("unit", language): list(rows["unit"]),
        measure.level_header(tier, language): [fmt.level(v, language) for v in rows["level"]],
        label("next_level", language): [fmt.level(v, language) for v in rows["next_level"]],
    })
    if tier.rank_by == "index":
        frame[word("index")] = [measure.index_text(v, tier, language) for v in rows["points_to_next_level"]]
        numeric = (word("index"),)
    else:
        frame[word("points")] = fmt.column(rows["points_to_next_level"], language, most=2)
        frame[word("available")] = fmt.column(rows["points_available"], language, most=2)
        numeric = (word("points"), word("available"))
    if tier.level_by == "lowest":
        names = {c.key: c.label for c in tier.components}
        frame[word("holding")] = ["; ".join(names[k] for k in v.split("; ")) if isinstance(v, str) else fmt.MISSING
                                  for v in rows["holding"]]
    if not tier.has_levels:
        return Table(frame.iloc[0:0], word("caption", tier=tier.label))
    return Table(frame, word("caption", tier=tier.label), numeric=numeric, note=None if len(rows) else word("none"))
