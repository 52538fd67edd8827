"""The per-unit scorecard (phiếu kết quả của đơn vị): one unit against its tier, where it lost
points, what it needs for the next level, and its history across the years that have params files.

The figures are computed in :mod:`egovnb.report.scorecard_figures` from an
assessment (and the assessments of the years before it); a :class:`Scorecard`
shows them as report blocks. The notebook ``notebooks/02-unit-scorecard.ipynb``
calls :func:`build` and the display methods, and :mod:`egovnb.publish.render_units`
renders it to ``reports/<province>/<year>/units/<unit>.html``.
"""

from __future__ import annotations

import difflib
import textwrap
from dataclasses import dataclass

import numpy as np
import pandas as pd

from egovnb.core.assessment import assess
from egovnb.core.errors import InputError, Problem
from egovnb.core.safety import unit_file_slugs
from egovnb.core.framework import KEPT_OUT, NOT_EVALUATED
from egovnb.core.text import clean_name
from egovnb.insight.gaps import gap_to_next_level
from egovnb.report import fmt
from egovnb.report.measure import index_text
from egovnb.report.reasons import holding_labels
from egovnb.report.charts import WIDTH, Chart, axis_formatter, render, text_width
from egovnb.report.labels import SCORECARD, label, phrase
from egovnb.report.labels import header as column_header
from egovnb.report.markup import Html, element, text_element
from egovnb.report.palette import level_style
from egovnb.report.scorecard_figures import (Key, assessment_chain, group_comparison, tier_position,
                                             unit_history)
from egovnb.report.tables import Table, ranked_rows, tier_rows


# The charts' margins in inches, where constrained layout put them (without its layout passes,
# nearly half a scorecard's chart time): 3 pt at the figure's edge, a one-line title above the
# axes, a tick and its label's pad (3.5 pt each), an axis label (9 pt) and its pad (4 pt).
EDGE = 3 / 72
TITLE_ROOM = 0.26
TICK_ROOM = 7 / 72
LABEL_ROOM = (9.5 + 4) / 72


def word(key: str, language: str = "vi", **fields) -> str:
    """A phrase of the scorecard (:data:`egovnb.report.labels.SCORECARD`) in ``language``,
    with ``{fields}`` filled."""
    return phrase(SCORECARD, key, language, **fields)


# --- finding units ----------------------------------------------------------------------------

def find_units(assessment, names: list[str] | None) -> list[Key]:
    """The ``(tier, unit)`` keys of the units named (NFC, whitespace folded), every unit when
    ``names`` is None, in the scores table's order. A name found in several tiers gives each.
    Unknown names raise InputError naming the params file, with the closest names."""
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



# --- the scorecard ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Scorecard:
    """Everything a unit's scorecard shows; the display methods return report blocks
    (:class:`egovnb.report.markup.Html`, :class:`egovnb.report.tables.Table`,
    :class:`egovnb.report.charts.Chart`)."""

    assessment: object
    tier: str
    unit: str
    row: dict                  # the unit's scores row with next_level and points_to_next_level
    position: pd.DataFrame     # :func:`egovnb.report.scorecard_figures.tier_position`
    groups: pd.DataFrame       # :func:`egovnb.report.scorecard_figures.group_comparison`
    history: pd.DataFrame      # :func:`egovnb.report.scorecard_figures.unit_history`

    @property
    def language(self) -> str:
        return self.assessment.params.language

    @property
    def tier_spec(self):
        return self.assessment.framework.tiers[self.tier]

    @property
    def rate_decimals(self) -> int:
        """Decimals of the tier's rates: the framework's ``rate_decimals``, as the report prints them."""
        return fmt.tier_rate_decimals(self.tier_spec, tier_rows(self.assessment.scores, self.tier)["rate"])

    @property
    def evaluated(self) -> bool:
        return self.row["level"] != NOT_EVALUATED

    @property
    def kept_out(self) -> str | None:
        """For a unit assessed but kept out of the ranking (``ranked: no``): that, with its note."""
        if self.row.get("ranked", True) or not self.evaluated:
            return None
        note = self.row.get("note")
        shown = fmt.level(KEPT_OUT, self.language)
        return f"{shown} ({note})" if isinstance(note, str) and note else shown

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
        if self.kept_out:
            standing = self.kept_out
        elif self.evaluated:
            n = len(ranked_rows(self.assessment.scores, self.tier))
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
            if params.note:  # where the figures come from, in the params' own words (as the report says)
                banner += text_element("p", params.note)
            parts.append(element("aside", banner, class_="illustrative", role="note"))
            text.append(f"[{label('illustrative', language)}] {label('illustrative_text', language)}")
            text += [params.note] if params.note else []
        return Html(element("header", "".join(parts), class_="report-header"), "\n".join(text))

    def gap(self) -> Html:
        """The next level and the points still needed, and the groups where most points were lost."""
        language, row = self.language, self.row
        if not self.evaluated:
            sentences = [word("not_evaluated", language, year=self.assessment.params.year)]
        elif self.kept_out:
            sentences = [self.kept_out + "."]
        elif not self.tier_spec.has_levels:
            sentences = [word("no_levels", language)]
        elif row["next_level"] is None:
            sentences = [word("top_level", language, level=fmt.level(row["level"], language))]
        elif self.tier_spec.level_by == "lowest":  # the points go to the component(s) holding the level
            held = holding_labels(self.assessment, self.tier).get(self.unit, fmt.MISSING)
            sentences = [word("gap_component", language, points=fmt.number(row["points_to_next_level"], language),
                              components=label("and", language).join(held.split("; ")),
                              level=fmt.level(row["next_level"], language))]
        else:
            tier = self.tier_spec
            target = next(lvl for lvl in tier.levels if lvl.name == row["next_level"])
            if tier.rank_by == "index":
                sentences = [word("gap_index", language, index=index_text(row["points_to_next_level"], tier,
                                                                                  language),
                                  level=fmt.level(row["next_level"], language),
                                  threshold=index_text(target.min, tier, language))]
            else:
                sentences = [word("gap", language, points=fmt.number(row["points_to_next_level"], language),
                                  level=fmt.level(row["next_level"], language),
                                  threshold=fmt.threshold(target.min, tier.rank_by, language))]
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
            # A row is one measure: its values with one number of decimals (82,50 beside 80,00).
            cells = ([fmt.percent(v, language, self.rate_decimals) for v in values] if measure == "rate"
                     else fmt.column(values, language, most=2))
            shown.append([column_header(measure, language), *cells])
        columns = [word("measure", language), word("this_unit", language), word("median", language),
                   word("top", language)]
        return Table(pd.DataFrame(shown, columns=columns), word("position", language), numeric=tuple(columns[1:]))

    def position_chart(self) -> Chart:
        """Every evaluated unit of the tier as a dot on the tier's measure (rate or points),
        this unit marked and named, with the median, the top and the level thresholds."""
        language, tier = self.language, self.tier_spec
        by_rate = tier.rank_by == "rate"
        rows = ranked_rows(self.assessment.scores, self.tier)
        values = (rows["rate"] * 100 if by_rate else rows["achieved_points"]).to_numpy(dtype=float)
        # The other units: this one is drawn once, as its own marker, not again among them.
        others = values[(rows["unit"] != self.unit).to_numpy()]
        mine = self.position.loc["rate" if by_rate else "achieved_points"]
        scale = 100 if by_rate else 1
        decimals = self.rate_decimals
        # The unit, the median and the top read alike, as in the table beside the chart (59,75 / 64,00).
        point_decimals = fmt.decimals_needed(mine.to_numpy(dtype=float), 2)
        show = ((lambda v: fmt.percent(v / 100, language, decimals)) if by_rate
                else (lambda v: fmt.number(v, language, decimals=point_decimals, fixed=True)))
        measure = label("measure_rate" if by_rate else "measure_points", language)
        title = word("position_title", language, unit=self.unit, tier=tier.label)

        def draw(figure):
            ax = figure.add_subplot()
            # Units with equal values are spread vertically so each dot shows.
            order = np.argsort(others, kind="stable")
            offsets = np.zeros(len(others))
            for index, position in enumerate(order):
                same = np.isclose(others[order[:index]], others[position]).sum()
                offsets[position] = (same % 5) * 0.12 - 0.24
            ax.scatter(others, offsets, s=22, color="#BBBBBB", edgecolors="#888888", linewidths=0.5,
                       label=word("others", language), zorder=2)
            for lvl in tier.levels:
                x = lvl.min * scale
                ax.axvline(x, color="#999999", linestyle=(0, (3, 3)), linewidth=0.8, zorder=1)
                ax.annotate(lvl.name, (x, 0.62), xytext=(2, 0), textcoords="offset points", fontsize=7.5,
                            color="#555555", zorder=5,
                            bbox={"boxstyle": "square,pad=0.1", "facecolor": "white", "edgecolor": "none"})
            # The median stops under the level names, so it never runs through one.
            ax.vlines(mine["median"] * scale, -0.5, 0.5, color="#222222", linewidth=1.2, zorder=3,
                      label=f"{word('median', language)}: {show(mine['median'] * scale)}")
            if not np.isnan(mine["unit"]):
                style = level_style(tier, self.row["level"])
                ax.scatter([mine["unit"] * scale], [0], s=140, color=style.colour, edgecolors="#111111",
                           linewidths=1.2, zorder=4, label=f"{self.unit}: {show(mine['unit'] * scale)}")
            ax.scatter([mine["top"] * scale], [0.42], marker="v", s=40, color="#111111", zorder=4,
                       label=f"{word('top', language)}: {show(mine['top'] * scale)}")
            low = min([*values, *(lvl.min * scale for lvl in tier.levels)]) if len(values) else 0
            high = 100.0 if by_rate else max([*values, *(lvl.min for lvl in tier.levels[:1])])
            span = max(high - low, 1.0)
            ax.set_xlim(low - span * 0.05, high + span * 0.05)
            ax.set_ylim(-0.5, 0.8)
            ax.set_yticks([])
            ax.xaxis.set_major_formatter(axis_formatter(language, decimals=1))
            ax.spines["left"].set_visible(False)
            ax.set_xlabel(measure[0].upper() + measure[1:] + (" (%)" if by_rate else ""))
            ax.set_title(title, y=1.0)
            ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.32), ncol=4, frameon=False, fontsize=8)

        alt = word("position_alt", language, n=fmt.count(len(values), language), tier=tier.label, measure=measure,
                   unit=self.unit, value=show(mine["unit"] * scale) if not np.isnan(mine["unit"]) else fmt.MISSING,
                   median=show(mine["median"] * scale), top=show(mine["top"] * scale))
        table = self.position_table()
        # Below the axes: tick labels, the axis label and the legend's row.
        return render(draw, 2.6, alt, title, _chart_data(table, title, language), margins=(EDGE, EDGE, TITLE_ROOM, 0.75))

    def groups_table(self) -> Table | Html:
        """Points by criteria group: applicable, achieved, lost, the unit's share and the tier median;
        at summary grain a sentence saying there are no groups."""
        language = self.language
        if not self.evaluated:
            text = word("not_evaluated_groups", language)
            return Html(text_element("p", text), text)
        if self.groups.empty:
            text = word("summary_grain", language)
            return Html(text_element("p", text), text)
        groups = self.groups
        frame = pd.DataFrame({
            label("group", language): list(groups["group"]),
            **{column_header(c, language): fmt.points_column(groups[c], language)
               for c in ("applicable_points", "achieved_points")},
            word("lost", language): fmt.points_column(groups["lost_points"], language),
            word("group_rate", language): [fmt.percent(v, language, 1) for v in groups["rate"]],
            word("median", language): [fmt.percent(v, language, 1) for v in groups["median_rate"]],
        })
        return Table(frame, word("groups", language), numeric=tuple(frame.columns[1:]))

    def groups_chart(self) -> Chart | None:
        """Bars of the unit's share of points earned per group, a tick at the tier median;
        None at summary grain."""
        if self.groups.empty or not self.evaluated:
            return None
        language = self.language
        groups = self.groups
        title = word("groups_title", language, unit=self.unit)
        rates = groups["rate"].to_numpy(dtype=float) * 100
        medians = groups["median_rate"].to_numpy(dtype=float) * 100
        names = ["\n".join(textwrap.wrap(g, 34)) for g in groups["group"]]
        height = 1.4 + 0.55 * len(groups)
        left = EDGE + text_width([line for name in names for line in name.split("\n")], 8) + TICK_ROOM
        # The legend hangs 0.12 of the axes' height below them, its row 0.27 in tall.
        bottom = (0.12 * (height - TITLE_ROOM) + 0.31) / 1.12

        def draw(figure):
            ax = figure.add_subplot()
            positions = np.arange(len(groups))
            ax.barh(positions, np.nan_to_num(rates), height=0.6, color="#0072B2", label=word("group_rate", language))
            ax.scatter(medians, positions, marker="|", s=260, color="#111111", linewidths=2, zorder=3,
                       label=word("median", language))
            for position, rate in zip(positions, rates):
                ax.text((0 if np.isnan(rate) else rate) + 1, position,
                        fmt.percent(rate / 100, language, 1) if not np.isnan(rate) else label("not_applicable",
                                                                                               language),
                        va="center", fontsize=7.5)
            ax.set_yticks(positions, names, fontsize=8)
            ax.set_ylim(len(groups) - 0.5, -0.5)
            ax.set_xlim(0, 112)
            ax.set_xticks([0, 20, 40, 60, 80, 100])
            ax.set_title(title, y=1.0)
            ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=2, frameon=False, fontsize=8)

        valid = groups[groups["rate"].notna()]
        weakest = valid.sort_values("rate", kind="stable").iloc[0] if len(valid) else None
        alt = word("groups_alt", language, unit=self.unit, n=len(groups),
                   weakest=weakest["group"] if weakest is not None else fmt.MISSING,
                   value=fmt.percent(weakest["rate"], language, 1) if weakest is not None else fmt.MISSING)
        table = self.groups_table()
        return render(draw, height, alt, title, _chart_data(table, title, language),
                      margins=(left, EDGE, TITLE_ROOM, bottom))

    def history_table(self) -> Table | Html:
        """The unit's rank, level and rate in each year; a sentence when there is one year only."""
        language = self.language
        history = self.history
        if len(history) <= 1:
            text = word("one_year", language, year=self.assessment.params.year)
            return Html(text_element("p", text), text)
        rank, rate, points = (column_header(c, language) for c in ("rank", "rate", "achieved_points"))
        frame = pd.DataFrame({
            label("year", language): [str(y) for y in history["year"]],
            word("units_then", language): list(history["units"]),
            rank: [fmt.MISSING if pd.isna(r) else f"{fmt.count(r, language)}/{fmt.count(n, language)}"
                   for r, n in zip(history["rank"], history["units_in_tier"])],
            column_header("level", language): [fmt.level(v, language) for v in history["level"]],
            rate: [fmt.percent(v, language, self.rate_decimals) for v in history["rate"]],
            points: fmt.column(history["points"], language, most=2),
            # The comparison rule, then why the unit changed in the crosswalk's own words.
            label("rule", language): ["; ".join(part for part in (word(f"rule_{r}", language),
                                                                  n if isinstance(n, str) else "") if part)
                                      for r, n in zip(history["rule"], history.get("note", [""] * len(history)))],
        })
        note = (word("merged_note", language) + (" " + word("merged_points", language) if
                                                 self.tier_spec.rank_by == "points" else "")
                if (history["rule"] == "merged").any() else None)
        return Table(frame, word("history", language), numeric=(rank, rate, points), note=note,
                     wide=(label("rule", language),))

    def history_chart(self) -> Chart | None:
        """A line of the unit's rate across the years, each point labelled with its rank and
        level; None with fewer than two years. One measure in every year: the rate, because
        points are on another scale when the framework changed (the 2025 reform), even for a
        tier ranked by points."""
        history = self.history[self.history["rate"].notna()]
        if len(history) < 2:
            return None
        language, decimals = self.language, self.rate_decimals
        values = (history["rate"] * 100).to_numpy(dtype=float)

        def show(value: float) -> str:
            return fmt.percent(value / 100, language, decimals)

        measure = label("measure_rate", language)
        title = word("history_title", language, unit=self.unit, measure=measure)
        years = history["year"].to_numpy()
        rank_word = column_header("rank", language)

        def draw(figure):
            ax = figure.add_subplot()
            ax.plot(years, values, color="#0072B2", marker="o", linewidth=1.6)
            for year, value, rank, level in zip(years, values, history["rank"], history["level"]):
                rank_text = fmt.MISSING if pd.isna(rank) else fmt.count(rank, language)
                ax.annotate(f"{show(value)}\n{rank_word} {rank_text} · {fmt.level(level, language)}",
                            (year, value), xytext=(0, 8), textcoords="offset points", ha="center", fontsize=7.5)
            ax.set_xticks(years, [str(y) for y in years])
            span = max(values.max() - values.min(), 5.0)
            ax.set_ylim(values.min() - span * 0.4, values.max() + span * 0.8)
            ax.set_xlim(years.min() - 0.5, years.max() + 0.5)
            ax.set_ylim(top=min(ax.get_ylim()[1], 112))
            ax.yaxis.set_major_formatter(axis_formatter(language, decimals=1))
            ax.set_ylabel(measure[0].upper() + measure[1:] + " (%)")
            ax.set_title(title, y=1.0)
            low, high = ax.get_ylim()
            shown = ax.yaxis.get_major_formatter().format_ticks([t for t in ax.get_yticks() if low <= t <= high])
            figure.subplots_adjust(left=(EDGE + LABEL_ROOM + text_width(shown, 9) + TICK_ROOM) / WIDTH)

        alt = word("history_alt", language, measure=measure, unit=self.unit, n=len(history), first=years[0],
                   first_value=show(values[0]), last=years[-1], last_value=show(values[-1]))
        table = self.history_table()
        return render(draw, 3.0, alt, title, _chart_data(table, title, language),
                      margins=(0.6, EDGE, TITLE_ROOM, 0.264))  # the left one fits the tick labels drawn


def _chart_data(table: Table, title: str, language: str) -> Table:
    """A table shown under its chart, collapsed, as the numbers behind it."""
    return Table(table.frame, title, numeric=table.numeric, collapsed=True, summary=label("chart_data", language))


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
