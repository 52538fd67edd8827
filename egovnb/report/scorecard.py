"""The per-unit scorecard (phiếu kết quả của đơn vị): one unit against its tier, where it lost
points, what it needs for the next level, and its history across the years that have params files.

The figures are computed here from an assessment (and the assessments of the
years before it, followed through ``previous:`` and their crosswalks); the
notebook ``notebooks/02-unit-scorecard.ipynb`` only shows them, and
:mod:`egovnb.render_units` renders it to ``reports/<province>/<year>/units/<unit>.html``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from egovnb.report import fmt
from egovnb.core.errors import InputError, Problem
from egovnb.core.framework import NOT_EVALUATED
from egovnb.insight.gaps import gap_to_next_level, lost_points_by_group
from egovnb.report.labels import label, phrase
from egovnb.report.markup import Html, element, text_element
from egovnb.report.tables import Table
from egovnb.core.safety import unit_file_slugs
from egovnb.core.text import clean_name
from egovnb.core.assessment import assess
from egovnb.insight.yoy import combined_figures, crosswalk_of, predecessors, previous_assessment
from egovnb.report.charts_sensitivity import render_chart
from egovnb.report.palette import level_style

Key = tuple[str, str]  # (tier, unit)
MAX_YEARS = 20         # how far back ``previous:`` links are followed

_WORDS = {
    "title": ("Phiếu kết quả đánh giá mức độ Chính quyền điện tử năm {year}",
              "E-government assessment scorecard {year}"),
    "position": ("Vị trí trong khối", "Position in the tier"),
    "measure": ("Chỉ số", "Measure"),
    "this_unit": ("Đơn vị", "This unit"),
    "median": ("Trung vị của khối", "Tier median"),
    "top": ("Cao nhất trong khối", "Tier top"),
    "rank_of": ("Xếp hạng {rank}/{n} trong khối {tier}", "Rank {rank} of {n} in {tier}"),
    "level_now": ("Mức độ {level}", "Level {level}"),
    "rate": ("Tỷ lệ thực hiện", "Rate"),
    "achieved": ("Số điểm thực hiện", "Achieved points"),
    "applicable": ("Số điểm tối đa cần thực hiện", "Applicable points"),
    "converted": ("Số điểm quy đổi", "Converted points"),
    "rank": ("Xếp hạng", "Rank"),
    "level": ("Mức độ", "Level"),
    "next": ("Để lên mức độ kế tiếp", "To reach the next level"),
    "gap": ("Cần thêm {points} điểm để đạt mức độ {level} (ngưỡng {threshold}).",
            "{points} more points are needed to reach level {level} (threshold {threshold})."),
    "gap_unreachable": ("Số điểm còn có thể đạt ({available}) ít hơn số điểm cần thêm.",
                        "The points still available ({available}) are fewer than those needed."),
    "top_level": ("Đơn vị đã ở mức độ cao nhất ({level}).", "The unit is at the highest level ({level})."),
    "not_evaluated": ("Đơn vị không được đánh giá năm {year}.", "The unit was not evaluated in {year}."),
    "lost_most": ("Mất nhiều điểm nhất ở: {groups}.", "Most points lost in: {groups}."),
    "nothing_lost": ("Đơn vị không bị mất điểm ở nhóm tiêu chí nào.", "The unit lost no points in any group."),
    "groups": ("Điểm theo nhóm tiêu chí", "Points by criteria group"),
    "group": ("Nhóm tiêu chí", "Criteria group"),
    "lost": ("Số điểm bị mất", "Points lost"),
    "group_rate": ("Tỷ lệ đạt của đơn vị", "Unit's share earned"),
    "group_median": ("Trung vị của khối", "Tier median"),
    "summary_grain": ("Dữ liệu năm nay là số tổng hợp theo đơn vị, không có điểm theo nhóm tiêu chí.",
                      "This year's data are unit totals: there are no points by criteria group."),
    "groups_title": ("{unit}: tỷ lệ điểm đạt theo nhóm tiêu chí (%)", "{unit}: share of points earned by group (%)"),
    "groups_alt": ("Biểu đồ thanh tỷ lệ điểm đạt của {unit} ở {n} nhóm tiêu chí, vạch đen là trung vị của khối; "
                   "thấp nhất: {weakest} ({value}).",
                   "Bar chart of {unit}'s share of points earned in {n} criteria groups, black ticks for the tier "
                   "median; lowest: {weakest} ({value})."),
    "position_title": ("{unit} trong khối {tier}", "{unit} within {tier}"),
    "position_alt": ("Biểu đồ điểm của {n} đơn vị khối {tier} theo {measure}; {unit}: {value}, trung vị {median}, "
                     "cao nhất {top}.",
                     "Dot chart of the {n} units of {tier} by {measure}; {unit}: {value}, median {median}, "
                     "top {top}."),
    "others": ("Các đơn vị khác", "Other units"),
    "history": ("Qua các năm", "Across the years"),
    "year": ("Năm", "Year"),
    "units_then": ("Đơn vị năm đó", "Unit(s) that year"),
    "rule": ("Ghi chú", "Note"),
    "rule_same": ("", ""),
    "rule_renamed": ("tên cũ", "former name"),
    "rule_merged": ("các đơn vị trước hợp nhất, tính gộp", "predecessors merged, taken together"),
    "history_title": ("{unit}: {measure} qua các năm", "{unit}: {measure} across the years"),
    "history_alt": ("Biểu đồ đường {measure} của {unit} qua {n} năm, từ {first} ({first_value}) đến {last} "
                    "({last_value}).",
                    "Line chart of {unit}'s {measure} over {n} years, from {first} ({first_value}) to {last} "
                    "({last_value})."),
    "one_year": ("Chỉ có số liệu năm {year} (không có tệp tham số năm trước).",
                 "Only {year} has data (no previous year's params file)."),
    "merged_note": ("Năm có đơn vị hợp nhất: tỷ lệ tính gộp = tổng điểm thực hiện ÷ tổng điểm cần thực hiện; "
                    "không có xếp hạng.",
                    "Years with merged units: rate taken together = Σ achieved ÷ Σ applicable points; no rank."),
    "merged_points": ("Số điểm của năm đó = tỷ lệ tính gộp × điểm tối đa của khối.",
                      "Points that year = combined rate × the tier's maximum points."),
    "not_evaluated_groups": ("Đơn vị không được đánh giá nên không có điểm theo nhóm tiêu chí.",
                             "The unit was not evaluated, so there are no points by group."),
    "chart_data": ("Số liệu của biểu đồ", "Numbers behind the chart"),
    "measure_rate": ("tỷ lệ thực hiện", "rate"),
    "measure_points": ("số điểm thực hiện", "achieved points"),
}


def word(key: str, language: str = "vi", **fields) -> str:
    """A phrase of the scorecard in ``language``, with ``{fields}`` filled."""
    return phrase(_WORDS, key, language, **fields)


# --- finding units ----------------------------------------------------------------------------

def find_units(assessment, names: list[str] | None) -> list[Key]:
    """The ``(tier, unit)`` keys of the units named (NFC, whitespace folded), every unit when
    ``names`` is None, in the scores table's order. A name found in several tiers gives each.
    Unknown names raise InputError naming the params file, with the closest names."""
    import difflib

    scores = assessment.scores
    keys = list(zip(scores["tier"], scores["unit"]))
    if names is None:
        return keys
    wanted = [clean_name(n) for n in names]
    problems = []
    units = list(dict.fromkeys(scores["unit"]))
    folded = {u.casefold(): u for u in units}
    chosen: list[str] = []
    for name in wanted:
        if name in units:
            chosen.append(name)
        elif name.casefold() in folded:
            chosen.append(folded[name.casefold()])
        else:
            close = difflib.get_close_matches(name, units, n=3, cutoff=0.6)
            hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
            problems.append(Problem(str(assessment.params.path), None, "--unit",
                                    f"no unit named '{name}' in {assessment.params.year}{hint}"))
    if problems:
        raise InputError(problems)
    return [key for key in keys if key[1] in set(chosen)]


def unit_slugs(scores: pd.DataFrame) -> dict[Key, str]:
    """File-name slug of each unit: its name's slug, with the tier's when two units share it
    (``tp-son-ha`` and ``tp-son-ha-huyen``)."""
    # Names that still share a slug (Sở A, Sở Ă, Sở-A) get a hash as well: core.safety.
    return unit_file_slugs(list(zip(scores["tier"], scores["unit"])))


# --- figures ----------------------------------------------------------------------------------

def assessment_chain(assessment, limit: int = MAX_YEARS) -> list:
    """The assessment and those of the years before it, newest first, following ``previous:``
    (stops at a file already seen, so a loop of links cannot run forever)."""
    chain = [assessment]
    seen = {Path(assessment.params.path).resolve()}
    while len(chain) < limit:
        nxt = chain[-1].params.previous
        if nxt is None or Path(nxt).resolve() in seen:
            break
        seen.add(Path(nxt).resolve())
        chain.append(previous_assessment(chain[-1]))
    return chain


def tier_position(assessment, tier: str, unit: str) -> pd.DataFrame:
    """The unit's rate (fraction), achieved and converted points against the median and the top
    of the evaluated units of its tier. Index: ``rate, achieved_points, converted_points``;
    columns: ``unit, median, top``."""
    scores = assessment.scores
    rows = scores[(scores["tier"] == tier) & scores["rank"].notna()]
    own = scores[(scores["tier"] == tier) & (scores["unit"] == unit)].iloc[0]
    measures = ["rate", "achieved_points", "converted_points"]
    return pd.DataFrame({
        "unit": [float(own[m]) for m in measures],
        "median": [float(rows[m].median()) if len(rows) else np.nan for m in measures],
        "top": [float(rows[m].max()) if len(rows) else np.nan for m in measures],
    }, index=pd.Index(measures, name="measure"))


def group_comparison(assessment, tier: str, unit: str) -> pd.DataFrame:
    """Per criteria group (framework order): the unit's ``applicable_points``,
    ``achieved_points``, ``lost_points``, ``rate`` (achieved ÷ applicable, NaN where nothing
    applies) and the tier's ``median_rate`` over its evaluated units. Empty at summary grain."""
    lost = lost_points_by_group(assessment.criteria_points)
    columns = ["group", "applicable_points", "achieved_points", "lost_points", "rate", "median_rate"]
    lost = lost[lost["tier"] == tier]
    if lost.empty:
        return pd.DataFrame({c: pd.Series(dtype=object if c == "group" else float) for c in columns})
    with np.errstate(divide="ignore", invalid="ignore"):
        rate = lost["achieved_points"] / lost["applicable_points"].where(lost["applicable_points"] > 0)
    lost = lost.assign(rate=rate)
    median = lost.groupby("group", sort=False)["rate"].median()
    own = lost[lost["unit"] == unit].set_index("group")
    order = [g for g in assessment.framework.groups if g in own.index]
    own = own.loc[order].reset_index()
    own["median_rate"] = own["group"].map(median).astype(float)
    return own.loc[:, columns]


def unit_history(chain: list, tier: str, unit: str) -> pd.DataFrame:
    """The unit in each year of ``chain`` (newest first, as from :func:`assessment_chain`),
    followed back through crosswalks: ``year, tier, units`` ("; "-joined names that year),
    ``rule`` ('same', 'renamed' or 'merged' against the next year), ``rank, level, rate``,
    ``achieved_points, applicable_points`` (sums over merged units), ``points`` (achieved points
    of one unit; for merged units the combined rate × the tier's maximum, so years compare on
    one scale), ``units_in_tier``. Oldest year first; stops at the first year the unit had no
    predecessor."""
    keys: list[Key] = [(tier, unit)]
    records = []

    def record(assessment, keys, rule):
        figures = combined_figures(assessment, keys)
        tiers = {t for t, _ in keys}
        in_tier = assessment.scores[assessment.scores["tier"].isin(tiers) & assessment.scores["rank"].notna()]
        points = figures["achieved_points"]
        if len(keys) > 1:
            # Summed points of several units are not on the tier's scale: show what one unit
            # with the combined rate would score (the value compare_years levels them by).
            maximum = assessment.framework.tier_max_points(keys[0][0]) if len(tiers) == 1 else None
            points = figures["rate"] * maximum if maximum else np.nan
        records.append({"year": assessment.params.year, "tier": "; ".join(sorted(tiers)),
                        "units": "; ".join(u for _, u in keys), "rule": rule, **figures, "points": points,
                        "units_in_tier": len(in_tier)})

    record(chain[0], keys, "same")
    for current, previous in zip(chain, chain[1:]):
        links = predecessors(current, previous, crosswalk_of(current.params))
        earlier = list(dict.fromkeys(k for key in keys for k in links.get(key, [])))
        if not earlier:
            break
        rule = "same" if earlier == keys else "merged" if len(earlier) > 1 else "renamed"
        record(previous, earlier, rule)
        keys = earlier
    history = pd.DataFrame.from_records(records[::-1])
    history["rank"] = history["rank"].astype("Int64")
    return history


# --- the scorecard ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Scorecard:
    """Everything a unit's scorecard shows; the display methods return report blocks
    (:class:`egovnb.markup.Html`, :class:`egovnb.tables.Table`, :class:`egovnb.charts.Chart`)."""

    assessment: object
    tier: str
    unit: str
    row: dict                  # the unit's scores row with next_level and points_to_next_level
    position: pd.DataFrame     # :func:`tier_position`
    groups: pd.DataFrame       # :func:`group_comparison`
    history: pd.DataFrame      # :func:`unit_history`

    @property
    def language(self) -> str:
        return self.assessment.params.language

    @property
    def tier_spec(self):
        return self.assessment.framework.tiers[self.tier]

    @property
    def evaluated(self) -> bool:
        return self.row["level"] != NOT_EVALUATED

    def heading(self, key: str) -> Html:
        """A section heading: 'position', 'groups' or 'history'."""
        text = word(key, self.language)
        return Html(text_element("h2", text, id=key), text)

    def header(self) -> Html:
        """Province and year, the unit and its tier, rank and level; the illustrative banner."""
        params, language = self.assessment.params, self.language
        kicker = f"{params.province} · {label('year', language)} {params.year}"
        title = word("title", language, year=params.year)
        parts = [text_element("p", kicker, class_="kicker"), text_element("h1", self.unit),
                 text_element("p", f"{title} · {self.tier_spec.label}", class_="decision")]
        text = [kicker, self.unit, f"{title} · {self.tier_spec.label}"]
        if self.evaluated:
            n = int((self.assessment.scores["tier"] == self.tier).sum() -
                    (self.assessment.scores.loc[self.assessment.scores["tier"] == self.tier, "rank"].isna()).sum())
            standing = (word("rank_of", language, rank=fmt.count(self.row["rank"], language),
                             n=fmt.count(n, language), tier=self.tier_spec.label) + " · "
                        + word("level_now", language, level=fmt.level(self.row["level"], language)))
        else:
            standing = word("not_evaluated", language, year=params.year)
        parts.append(text_element("p", standing, class_="decision"))
        text.append(standing)
        if params.illustrative:
            banner = text_element("strong", label("illustrative", language)) + text_element(
                "p", label("illustrative_text", language))
            parts.append(element("aside", banner, class_="illustrative", role="note"))
            text.append(f"[{label('illustrative', language)}] {label('illustrative_text', language)}")
        return Html(element("header", "".join(parts), class_="report-header"), "\n".join(text))

    def gap(self) -> Html:
        """The next level and the points still needed, and the groups where most points were lost."""
        language, row = self.language, self.row
        if not self.evaluated:
            sentences = [word("not_evaluated", language, year=self.assessment.params.year)]
        elif row["next_level"] is None:
            sentences = [word("top_level", language, level=fmt.level(row["level"], language))]
        else:
            target = next(lvl for lvl in self.tier_spec.levels if lvl.name == row["next_level"])
            sentences = [word("gap", language, points=fmt.number(row["points_to_next_level"], language),
                              level=fmt.level(row["next_level"], language),
                              threshold=fmt.threshold(target.min, self.tier_spec.rank_by, language))]
            available = row["applicable_points"] - row["achieved_points"]
            if row["points_to_next_level"] > available + 1e-9:
                sentences.append(word("gap_unreachable", language, available=fmt.number(available, language)))
        if self.evaluated and not self.groups.empty:
            losing = self.groups[self.groups["lost_points"] > 0].sort_values("lost_points", ascending=False,
                                                                              kind="stable").head(3)
            if losing.empty:
                sentences.append(word("nothing_lost", language))
            else:
                shown = ", ".join(f"{g} ({fmt.number(v, language)})" for g, v in
                                  zip(losing["group"], losing["lost_points"]))
                sentences.append(word("lost_most", language, groups=shown))
        heading = word("next", language)
        html = text_element("h2", heading, id="gap") + "".join(text_element("p", s) for s in sentences)
        return Html(html, "\n".join([heading, *sentences]))

    def position_table(self) -> Table:
        """The unit against its tier's median and top (rate in percent, points)."""
        language = self.language
        shown = []
        for measure, values in self.position.iterrows():
            cells = [fmt.percent(v, language) if measure == "rate" else fmt.number(v, language)
                     for v in values]
            shown.append([word({"rate": "rate", "achieved_points": "achieved",
                                "converted_points": "converted"}[measure], language), *cells])
        columns = [word("measure", language), word("this_unit", language), word("median", language),
                   word("top", language)]
        return Table(pd.DataFrame(shown, columns=columns), word("position", language), numeric=tuple(columns[1:]))

    def position_chart(self):
        """Every evaluated unit of the tier as a dot on the tier's measure (rate or points),
        this unit marked and named, with the median, the top and the level thresholds."""
        language, tier = self.language, self.tier_spec
        by_rate = tier.rank_by == "rate"
        scores = self.assessment.scores
        rows = scores[(scores["tier"] == self.tier) & scores["rank"].notna()]
        values = (rows["rate"] * 100 if by_rate else rows["achieved_points"]).to_numpy(dtype=float)
        mine = self.position.loc["rate" if by_rate else "achieved_points"]
        scale = 100 if by_rate else 1
        show = (lambda v: fmt.percent(v / 100, language)) if by_rate else (lambda v: fmt.points(v, language))
        measure = word("measure_rate" if by_rate else "measure_points", language)
        title = word("position_title", language, unit=self.unit, tier=tier.label)

        def draw(figure):
            ax = figure.add_subplot()
            # Units with equal values are spread vertically so each dot shows.
            order = np.argsort(values, kind="stable")
            offsets = np.zeros(len(values))
            for index, position in enumerate(order):
                same = np.isclose(values[order[:index]], values[position]).sum()
                offsets[position] = (same % 5) * 0.12 - 0.24
            ax.scatter(values, offsets, s=22, color="#BBBBBB", edgecolors="#888888", linewidths=0.5,
                       label=word("others", language), zorder=2)
            for lvl in tier.levels:
                x = lvl.min * scale
                ax.axvline(x, color="#999999", linestyle=(0, (3, 3)), linewidth=0.8, zorder=1)
                ax.annotate(lvl.name, (x, 0.62), xytext=(2, 0), textcoords="offset points", fontsize=7.5,
                            color="#555555")
            ax.axvline(mine["median"] * scale, color="#222222", linewidth=1.2, zorder=3,
                       label=f"{word('median', language)}: {show(mine['median'] * scale)}")
            if not np.isnan(mine["unit"]):
                style = level_style(tier, self.row["level"])
                ax.scatter([mine["unit"] * scale], [0], s=140, color=style.colour, edgecolors="#111111",
                           linewidths=1.2, zorder=4, label=f"{self.unit}: {show(mine['unit'] * scale)}")
            ax.scatter([mine["top"] * scale], [0.42], marker="v", s=40, color="#111111", zorder=4,
                       label=f"{word('top', language)}: {show(mine['top'] * scale)}")
            low = min([*values, *(lvl.min * scale for lvl in tier.levels)]) if len(values) else 0
            high = 100.0 if by_rate else max([*values, tier.levels[0].min])
            span = max(high - low, 1.0)
            ax.set_xlim(low - span * 0.05, high + span * 0.05)
            ax.set_ylim(-0.5, 0.8)
            ax.set_yticks([])
            ax.xaxis.set_major_formatter(_number_axis(language))
            ax.spines["left"].set_visible(False)
            ax.set_xlabel(measure[0].upper() + measure[1:] + (" (%)" if by_rate else ""))
            ax.set_title(title)
            ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.32), ncol=4, frameon=False, fontsize=8)

        alt = word("position_alt", language, n=fmt.count(len(values), language), tier=tier.label, measure=measure,
                   unit=self.unit, value=show(mine["unit"] * scale) if not np.isnan(mine["unit"]) else fmt.MISSING,
                   median=show(mine["median"] * scale), top=show(mine["top"] * scale))
        table = self.position_table()
        table = Table(table.frame, title, numeric=table.numeric, collapsed=True, summary=word("chart_data", language))
        return render_chart(draw, 2.6, alt, title, table)

    def groups_table(self):
        """Points by criteria group: applicable, achieved, lost, the unit's share and the tier median;
        at summary grain a sentence saying there are no groups."""
        language = self.language
        if not self.evaluated:
            text = word("not_evaluated_groups", language)
            return Html(text_element("p", text), text)
        if self.groups.empty:
            text = word("summary_grain", language)
            return Html(text_element("p", text), text)
        frame = pd.DataFrame({
            word("group", language): list(self.groups["group"]),
            word("applicable", language): [fmt.points(v, language) for v in self.groups["applicable_points"]],
            word("achieved", language): [fmt.points(v, language) for v in self.groups["achieved_points"]],
            word("lost", language): [fmt.points(v, language) for v in self.groups["lost_points"]],
            word("group_rate", language): [fmt.percent(v, language, 1) for v in self.groups["rate"]],
            word("group_median", language): [fmt.percent(v, language, 1) for v in self.groups["median_rate"]],
        })
        return Table(frame, word("groups", language), numeric=tuple(frame.columns[1:]))

    def groups_chart(self):
        """Bars of the unit's share of points earned per group, a tick at the tier median;
        None at summary grain."""
        if self.groups.empty or not self.evaluated:
            return None
        language = self.language
        groups = self.groups
        title = word("groups_title", language, unit=self.unit)
        rates = groups["rate"].to_numpy(dtype=float) * 100
        medians = groups["median_rate"].to_numpy(dtype=float) * 100

        def draw(figure):
            import textwrap

            ax = figure.add_subplot()
            positions = np.arange(len(groups))
            ax.barh(positions, np.nan_to_num(rates), height=0.6, color="#0072B2", label=word("group_rate", language))
            ax.scatter(medians, positions, marker="|", s=260, color="#111111", linewidths=2, zorder=3,
                       label=word("group_median", language))
            for position, rate in zip(positions, rates):
                ax.text((0 if np.isnan(rate) else rate) + 1, position,
                        fmt.percent(rate / 100, language, 1) if not np.isnan(rate) else label("not_applicable",
                                                                                               language),
                        va="center", fontsize=7.5)
            ax.set_yticks(positions, ["\n".join(textwrap.wrap(g, 34)) for g in groups["group"]], fontsize=8)
            ax.set_ylim(len(groups) - 0.5, -0.5)
            ax.set_xlim(0, 112)
            ax.set_xticks([0, 20, 40, 60, 80, 100])
            ax.set_title(title)
            ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=2, frameon=False, fontsize=8)

        valid = groups[groups["rate"].notna()]
        weakest = valid.sort_values("rate", kind="stable").iloc[0] if len(valid) else None
        alt = word("groups_alt", language, unit=self.unit, n=len(groups),
                   weakest=weakest["group"] if weakest is not None else fmt.MISSING,
                   value=fmt.percent(weakest["rate"], language, 1) if weakest is not None else fmt.MISSING)
        table = self.groups_table()
        table = Table(table.frame, title, numeric=table.numeric, collapsed=True, summary=word("chart_data", language))
        return render_chart(draw, 1.4 + 0.55 * len(groups), alt, title, table)

    def history_table(self):
        """The unit's rank, level and rate in each year; a sentence when there is one year only."""
        language = self.language
        history = self.history
        if len(history) <= 1:
            text = word("one_year", language, year=self.assessment.params.year)
            return Html(text_element("p", text), text)
        frame = pd.DataFrame({
            word("year", language): [str(y) for y in history["year"]],
            word("units_then", language): list(history["units"]),
            word("rank", language): [fmt.MISSING if pd.isna(r) else f"{fmt.count(r, language)}/"
                                     f"{fmt.count(n, language)}" for r, n in zip(history["rank"],
                                                                                 history["units_in_tier"])],
            word("level", language): [fmt.level(v, language) for v in history["level"]],
            word("rate", language): [fmt.percent(v, language) for v in history["rate"]],
            word("achieved", language): [fmt.number(v, language) for v in history["points"]],
            word("rule", language): [word(f"rule_{r}", language) for r in history["rule"]],
        })
        note = (word("merged_note", language) + (" " + word("merged_points", language) if
                                                 self.tier_spec.rank_by == "points" else "")
                if (history["rule"] == "merged").any() else None)
        return Table(frame, word("history", language), numeric=(word("rank", language), word("rate", language),
                                                                word("achieved", language)), note=note)

    def history_chart(self):
        """A line of the unit's rate (rate tiers) or achieved points (points tiers) across the
        years, each point labelled with its rank and level; None with fewer than two years."""
        history = self.history[self.history["rate"].notna()]
        if len(history) < 2:
            return None
        language = self.language
        by_rate = self.tier_spec.rank_by == "rate"
        values = (history["rate"] * 100 if by_rate else history["points"]).to_numpy(dtype=float)
        show = (lambda v: fmt.percent(v / 100, language)) if by_rate else (lambda v: fmt.number(v, language))
        measure = word("measure_rate" if by_rate else "measure_points", language)
        title = word("history_title", language, unit=self.unit, measure=measure)
        years = history["year"].to_numpy()

        def draw(figure):
            ax = figure.add_subplot()
            ax.plot(years, values, color="#0072B2", marker="o", linewidth=1.6)
            for year, value, rank, level in zip(years, values, history["rank"], history["level"]):
                rank_text = fmt.MISSING if pd.isna(rank) else fmt.count(rank, language)
                ax.annotate(f"{show(value)}\n{word('rank', language)} {rank_text} · {fmt.level(level, language)}",
                            (year, value), xytext=(0, 8), textcoords="offset points", ha="center", fontsize=7.5)
            ax.set_xticks(years, [str(y) for y in years])
            span = max(values.max() - values.min(), 5.0)
            ax.set_ylim(values.min() - span * 0.4, values.max() + span * 0.8)
            ax.set_xlim(years.min() - 0.5, years.max() + 0.5)
            if by_rate:
                ax.set_ylim(top=min(ax.get_ylim()[1], 112))
            ax.yaxis.set_major_formatter(_number_axis(language))
            ax.set_ylabel(measure[0].upper() + measure[1:] + (" (%)" if by_rate else ""))
            ax.set_title(title)

        alt = word("history_alt", language, measure=measure, unit=self.unit, n=len(history), first=years[0],
                   first_value=show(values[0]), last=years[-1], last_value=show(values[-1]))
        table = self.history_table()
        table = Table(table.frame, title, numeric=table.numeric, collapsed=True, summary=word("chart_data", language))
        return render_chart(draw, 3.0, alt, title, table)


def _number_axis(language: str):
    """Axis tick labels in the report's number format (decimal comma in Vietnamese)."""
    from matplotlib.ticker import FuncFormatter

    return FuncFormatter(lambda value, _: fmt.number(value, language, decimals=1))


def build(params, unit: str, tier: str | None = None, assessment=None) -> Scorecard:
    """The scorecard of ``unit`` (of ``tier`` when the name is in several tiers) in the
    province-year of ``params`` (a params path or Params); ``assessment`` skips re-assessing."""
    assessment = assessment if assessment is not None else assess(params)
    keys = [k for k in find_units(assessment, [unit]) if tier is None or k[0] == tier]
    if not keys:
        raise InputError([Problem(str(assessment.params.path), None, "--unit",
                                  f"no unit named '{unit}' in tier '{tier}' in {assessment.params.year}")])
    tier_key, name = keys[0]
    gaps = gap_to_next_level(assessment.ranked, assessment.framework)
    row = gaps[(gaps["tier"] == tier_key) & (gaps["unit"] == name)].iloc[0].to_dict()
    return Scorecard(assessment=assessment, tier=tier_key, unit=name, row=row,
                     position=tier_position(assessment, tier_key, name),
                     groups=group_comparison(assessment, tier_key, name),
                     history=unit_history(assessment_chain(assessment), tier_key, name))
