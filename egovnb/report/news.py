"""The news item (tin bài) of a province-year: a paragraph per tier, in the words of the
provincial news items.

Per tier, as the portals write it (``domain.md``, "How the news reports it"): how many
units reached each level, the first level as "x/N" over all units of the tier and levels
no unit reached left out; the first three with their points, rate or index (ties as a
shared place); the last ("xếp cuối bảng"); units under a ``rank_below: false`` floor;
units kept out of the ranking (``ranked: no``); and units not evaluated, named and grouped
by their district. A tier without levels gives ranks and values only; under ``level_by:
lowest`` the first unit's level says which component holds it back; an index tier gives
its index as published. Numbers are those of the annex (:mod:`egovnb.report.measure`,
:mod:`egovnb.report.fmt`). The counts and leaders are the report's own
(:func:`egovnb.report.tables.level_counts`, :func:`~egovnb.report.tables.top_and_last`).
Pure functions over an assessment; no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from egovnb.core.collation import sort_key
from egovnb.core.framework import NOT_EVALUATED, Tier
from egovnb.core.ranking import kept_out_of_ranking
from egovnb.report import fmt, measure
from egovnb.report.labels import ANNEX, phrase
from egovnb.report.markup import Html, element, text_element
from egovnb.report.reasons import level_reasons
from egovnb.report.tables import level_counts, tier_rows, top_and_last

NEWS: dict[str, tuple[str, str]] = {
    "heading": ("Tin bài", "News item"),
    "intro": ("Đoạn tin dưới đây viết từ chính các số liệu của báo cáo, để biên tập viên sao chép lên cổng "
              "thông tin.",
              "The paragraphs below are written from the report's own figures, for an editor to copy to the "
              "portal."),
    "lead": ("{decision} của {committee} công bố {title}.",
             "{decision} of the {committee} publishes the results of the {year} e-government assessment ({title})."),
    "lead_no_decision": ("{committee} công bố {title} (chưa ghi số quyết định).",
                         "The {committee} publishes the results of the {year} e-government assessment ({title}; "
                         "no decision given)."),
    "committee": ("UBND {place}", "People's Committee of {place}"),
    "province": ("tỉnh {province}", "{province} province"),
    "tier": ("Khối {tier}", "{tier}"),
    "no_units": ("{tier}: không có đơn vị nào.", "{tier}: no unit."),
    "counts": ("{tier} có {parts}.", "{tier}: {parts}."),
    "first_level": ("{n}/{total} đơn vị xếp ở mức độ {level}", "{n} of {total} units at level {level}"),
    "level": ("{n} đơn vị ở mức độ {level}", "{n} at level {level}"),
    "first_rating": ("{n}/{total} đơn vị xếp loại {level}", "{n} of {total} units rated {level}"),
    "rating": ("{n} đơn vị xếp loại {level}", "{n} rated {level}"),
    "first_below": ("{n}/{total} đơn vị {label}", "{n} of {total} units {label}"),
    "below": ("{n} đơn vị {label}", "{n} {label}"),
    "kept_out": ("{n} đơn vị không xếp hạng", "{n} not ranked"),
    "first_kept_out": ("{n}/{total} đơn vị không xếp hạng", "{n} of {total} units not ranked"),
    "ranked_only": ("{tier} có {n}/{total} đơn vị được xếp hạng.", "{tier}: {n} of {total} units ranked."),
    "value_points": ("{value} điểm", "{value} points"),
    "value_rate": ("tỷ lệ thực hiện {value}", "a rate of {value}"),
    "value_index": ("chỉ số {value}", "an index of {value}"),
    "place_1": ("{unit} đứng thứ nhất với {value}", "{unit} is first with {value}"),
    "place_k": ("{unit} xếp thứ {rank} với {value}", "{unit} is {ordinal} with {value}"),
    "tie_1": ("{n} đơn vị cùng xếp thứ nhất với {value} ({units})",
              "{n} units share first place with {value} ({units})"),
    "tie_k": ("{n} đơn vị cùng xếp thứ {rank} với {value} ({units})",
              "{n} units share {ordinal} place with {value} ({units})"),
    "held_back": ("{text} (nhưng ở mức độ {reason})", "{text} (but at level {reason})"),
    "last": ("{unit} xếp cuối bảng với {value}", "{unit} is last with {value}"),
    "last_tie": ("{units} cùng xếp cuối bảng với {value}", "{units} share last place with {value}"),
    "leaders": ("{text}.", "{text}."),
    "within": ("Đứng đầu trong từng {column}: {units}.", "First within each {column}: {units}."),
    "district": ("huyện", "district"),
    "within_unit": ("{unit} ({group}, {value})", "{unit} ({group}, {value})"),
    "floor": ("{n} đơn vị đạt dưới {threshold} nên không được xếp hạng{below}.",
              "Units under {threshold}, not ranked{below}: {n}."),
    "floor_lowest": ("{n} đơn vị dưới mức thấp nhất nên không được xếp hạng{below}.",
                     "Units under the lowest level, not ranked{below}: {n}."),
    "floor_label": (" ({below})", " ({below})"),
    "none_ranked": ("{tier} không có đơn vị nào được xếp hạng.", "{tier}: no unit is ranked."),
    "kept_out_list": ("Được đánh giá nhưng không xếp hạng: {units}.", "Assessed but not ranked: {units}."),
    "not_evaluated": ("{n} đơn vị không có kết quả đánh giá: {units}.", "Not evaluated, no result ({n}): {units}."),
    "several": ("các {kind}: {names}", "{kind}: {names}"),
    "and": (" và ", " and "),
    "ordinal_2": ("2", "second"),
    "ordinal_3": ("3", "third"),
}

# A ``below`` label that already says "not ranked".
_NOT_RANKED_WORDS = ("không xếp hạng", "not ranked")
# How a commune-level unit's name starts: "Xã Tú An", "Phường Yên Đỗ", "Thị trấn Chư Sê".
_KINDS = ("thị trấn", "xã", "phường", "đặc khu")
# How a district is abbreviated in a data cell, and its words in a sentence.
_DISTRICT_WORDS = {"tx.": "thị xã", "tp.": "thành phố", "h.": "huyện", "q.": "quận"}
_DISTRICT_KINDS = ("thị xã", "thành phố", "huyện", "quận")
_UNIT_KINDS = tuple(kind + " " for kind in _KINDS + _DISTRICT_KINDS)
# Data columns that say which district a unit belongs to (as validation keeps them, lower-case).
DISTRICT_COLUMNS = ("district", "huyện", "huyen", "quận, huyện", "quận/huyện", "đơn vị cấp huyện", "cấp huyện")


@dataclass(frozen=True)
class NewsItem:
    """The news item: a lead sentence, then one paragraph per tier (plain text); ``warning``
    first when the data are illustrative, so an item made from them is never taken for news."""

    lead: str
    paragraphs: tuple[str, ...]
    warning: str = ""

    def text(self) -> str:
        head = (f"[{self.warning}]",) if self.warning else ()
        return "\n\n".join((*head, self.lead, *self.paragraphs)) + "\n"


def news_item(assessment, language: str | None = None) -> NewsItem:
    """The news item of an assessment in ``language`` (default: the params')."""
    language = language or assessment.params.language
    # A tier without units this year is not news.
    paragraphs = tuple(tier_paragraph(assessment, key, language) for key in assessment.framework.tiers
                       if (assessment.ranked["tier"] == key).any())
    warning = phrase(ANNEX, "illustrative", language) if assessment.params.illustrative else ""
    return NewsItem(lead_sentence(assessment, language), paragraphs, warning)


def heading(language: str = "vi") -> str:
    """The news section's heading (and its entry in the report's contents)."""
    return phrase(NEWS, "heading", language)


def news_block(assessment) -> Html:
    """The news item as a report section an editor can copy (one ``<p>`` a paragraph)."""
    language = assessment.params.language
    item = news_item(assessment, language)
    heading = phrase(NEWS, "heading", language)
    intro = phrase(NEWS, "intro", language)
    warning = (text_element("p", item.warning, class_="table-note"),) if item.warning else ()
    body = "".join((*warning, *(text_element("p", paragraph) for paragraph in (item.lead, *item.paragraphs))))
    html = (text_element("h2", heading, id="news") + text_element("p", intro, class_="table-note")
            + element("div", body, class_="news"))
    return Html(html, "\n".join([heading, item.text().rstrip("\n")]))


def lead_sentence(assessment, language: str = "vi") -> str:
    """Which decision publishes what, and whose it is."""
    params = assessment.params
    province = str(params.province)
    city = province.casefold().startswith(("tp.", "thành phố"))
    place = province if city else phrase(NEWS, "province", language, province=province)
    committee = phrase(NEWS, "committee", language, place=place)
    title = str(params.title or "")
    title = fmt.sentence_case(title) if title else title
    if params.decision:
        return phrase(NEWS, "lead", language, decision=params.decision, committee=committee, title=title,
                      year=params.year)
    text = phrase(NEWS, "lead_no_decision", language, committee=committee, title=title, year=params.year)
    return text[0].upper() + text[1:]


def tier_paragraph(assessment, tier_key: str, language: str = "vi") -> str:
    """One tier's paragraph: counts per level, the leaders and the last, the units under a
    floor, kept out of the ranking or not evaluated."""
    tier = assessment.framework.tiers[tier_key]
    ranked = assessment.ranked
    rows = tier_rows(ranked, tier_key)
    name = phrase(NEWS, "tier", language, tier=fmt.sentence_case(tier.label) if language == "vi" else tier.label)
    if rows.empty:
        return phrase(NEWS, "no_units", language, tier=tier.label)
    sentences = [counts_sentence(ranked, tier, name, language)]
    sentences.append(leaders_sentence(assessment, tier, rows, language))
    kept_out = rows[kept_out_of_ranking(rows)]
    evaluated = (rows["evaluated"].to_numpy(dtype=bool) if "evaluated" in rows.columns
                 else (rows["level"] != NOT_EVALUATED).to_numpy())
    floor = rows[rows["rank"].isna().to_numpy() & evaluated & ~kept_out_of_ranking(rows)]
    if tier.has_levels and not tier.rank_below and len(floor):
        sentences.append(floor_sentence(tier, len(floor), language))
    if len(kept_out):
        sentences.append(phrase(NEWS, "kept_out_list", language, units=_noted_names(kept_out, language)))
    missing = rows[~evaluated]
    if len(missing):
        column = district_column(assessment, tier)
        sentences.append(phrase(NEWS, "not_evaluated", language, n=fmt.count(len(missing), language),
                                units=grouped_names(missing, column, language)))
    return " ".join(s for s in sentences if s)


def counts_sentence(ranked: pd.DataFrame, tier: Tier, name: str, language: str = "vi") -> str:
    """"Khối sở, ban, ngành có 16/20 đơn vị xếp ở mức độ I, 2 đơn vị ở mức độ II và 2 đơn vị
    ở mức độ III": levels no unit reached left out, the first named over all units of the
    tier; the ``below`` label where units are ranked under it; units kept out of the ranking
    counted apart. A tier without levels: how many units are ranked."""
    rows = tier_rows(ranked, tier.key)
    total = fmt.count(len(rows), language)
    kept_out = int(kept_out_of_ranking(rows).sum())
    if not tier.has_levels:
        ranked_units = fmt.count(int(rows["rank"].notna().sum()), language)
        sentence = phrase(NEWS, "ranked_only", language, tier=name, n=ranked_units, total=total)
        if kept_out:
            sentence = sentence[:-1] + phrase(NEWS, "and", language) + phrase(
                NEWS, "kept_out", language, n=fmt.count(kept_out, language)) + "."
        return sentence
    rating = tier.rank_by == "index"
    parts = []
    for row in level_counts(ranked, tier).itertuples(index=False):
        if not row.units or row.kind in ("not_evaluated", "kept_out"):
            continue
        if row.kind == "below" and not tier.rank_below and not rating:
            continue  # units under the floor get a sentence of their own
        key = "rating" if rating else "level" if row.kind == "level" else "below"
        shown = fmt.level(row.level, language)
        shown = fmt.sentence_case(shown) if language == "vi" and key == "below" else shown
        parts.append((key, int(row.units), dict(level=row.level, label=shown)))
    if kept_out:
        parts.append(("kept_out", kept_out, {}))
    if not parts:
        return phrase(NEWS, "none_ranked", language, tier=name) if rows["rank"].isna().all() else ""
    texts = [phrase(NEWS, ("first_" + key) if i == 0 else key, language, n=fmt.count(n, language), total=total,
                    **values) for i, (key, n, values) in enumerate(parts)]
    return phrase(NEWS, "counts", language, tier=name, parts=join(texts, language))


def leaders_sentence(assessment, tier: Tier, rows: pd.DataFrame, language: str = "vi") -> str:
    """The first three with their values (ties as a shared place) and the last; under
    ``level_by: lowest``, what holds the first unit below the top level."""
    # Points as delivered, as the provincial news items print them (118,348 / 100,32); rates
    # with the tier's decimals; the index as published.
    decimals = None if tier.rank_by == "points" else fmt.tier_rate_decimals(tier, rows["rate"])
    if tier.rank_within:
        return within_sentence(tier, rows, language, decimals)
    leaders = top_and_last(rows, tier)
    if leaders.empty:
        return ""
    reasons = level_reasons(assessment, tier.key, language)
    texts = []
    for rank, places in leaders[leaders["position"] == "top"].groupby("rank", sort=True):
        value = value_phrase(places.iloc[0], tier, language, decimals)
        text = _place(int(rank), list(places["unit"]), value, language)
        if int(rank) == 1 and len(places) == 1 and places.iloc[0]["unit"] in reasons:
            text = phrase(NEWS, "held_back", language, text=text, reason=reasons[places.iloc[0]["unit"]])
        texts.append(text)
    sentence = ", ".join(texts)
    last = leaders[leaders["position"] == "last"]
    if len(last):
        value = value_phrase(last.iloc[0], tier, language, decimals)
        units = [in_sentence(u, language) for u in last["unit"]]
        tail = (phrase(NEWS, "last", language, unit=units[0], value=value) if len(units) == 1
                else phrase(NEWS, "last_tie", language, units=join(units, language), value=value))
        sentence += "; " + tail
    return phrase(NEWS, "leaders", language, text=sentence[0].upper() + sentence[1:])


def within_sentence(tier: Tier, rows: pd.DataFrame, language: str, decimals: int | None) -> str:
    """``rank_within``: the first unit(s) within each value of the column."""
    first = rows[rows["rank"] == 1]
    if first.empty:
        return ""
    units = [phrase(NEWS, "within_unit", language, unit=in_sentence(row["unit"], language),
                    group=district_words(str(row[tier.rank_within]), language),
                    value=value_phrase(row, tier, language, decimals)) for _, row in first.iterrows()]
    column = (phrase(NEWS, "district", language) if str(tier.rank_within).casefold() in DISTRICT_COLUMNS
              else f"«{tier.rank_within}»")
    return phrase(NEWS, "within", language, column=column, units="; ".join(units))


def in_sentence(unit: str, language: str = "vi") -> str:
    """A unit's name inside a Vietnamese sentence: its kind in lower case ("huyện Đak Pơ",
    "phường Hội Phú"), as the news items write it; other names as they are."""
    if language == "vi" and unit.casefold().startswith(_UNIT_KINDS):
        return unit[0].lower() + unit[1:]
    return unit


def _place(rank: int, units: list[str], value: str, language: str) -> str:
    units = [in_sentence(u, language) for u in units]
    ordinal = phrase(NEWS, f"ordinal_{rank}", language) if rank in (2, 3) else str(rank)
    if len(units) == 1:
        key = "place_1" if rank == 1 else "place_k"
        return phrase(NEWS, key, language, unit=units[0], rank=rank, ordinal=ordinal, value=value)
    key = "tie_1" if rank == 1 else "tie_k"
    return phrase(NEWS, key, language, n=fmt.count(len(units), language), rank=rank, ordinal=ordinal, value=value,
                  units=join(units, language))


def value_phrase(row, tier: Tier, language: str = "vi", decimals: int | None = 2) -> str:
    """A unit's ranked value as the annex prints it, with its unit: "118,348 điểm",
    "tỷ lệ thực hiện 100%", "chỉ số 0,8002"."""
    return phrase(NEWS, f"value_{tier.rank_by}", language, value=measure.value_text(row, tier, language, decimals))


def floor_sentence(tier: Tier, n: int, language: str = "vi") -> str:
    """How many units are under a ``rank_below: false`` floor, and so not ranked (with the
    tier's ``below`` label unless it says just that)."""
    below = "" if tier.below.casefold() in _NOT_RANKED_WORDS else phrase(NEWS, "floor_label", language,
                                                                            below=fmt.level(tier.below, language))
    if tier.levels and tier.level_by != "lowest":
        threshold = measure.threshold_text(tier.levels[-1].min, tier.rank_by, tier, language)
        if tier.rank_by == "points":
            threshold = phrase(NEWS, "value_points", language, value=threshold)
        return phrase(NEWS, "floor", language, n=fmt.count(n, language), threshold=threshold, below=below)
    return phrase(NEWS, "floor_lowest", language, n=fmt.count(n, language), below=below)


def district_column(assessment, tier: Tier) -> str | None:
    """The data column that names each unit's district: the tier's ``rank_within`` column, else a
    descriptive column called district (``district``, ``huyện`` …); None without one."""
    columns = assessment.ranked.columns
    if tier.rank_within and tier.rank_within in columns:
        return tier.rank_within
    descriptions = getattr(assessment.unit_data, "descriptions", ())
    return next((c for c in descriptions if str(c).casefold() in DISTRICT_COLUMNS and c in columns), None)


def grouped_names(rows: pd.DataFrame, column: str | None, language: str = "vi") -> str:
    """Units named and grouped by their district in brackets, districts in Vietnamese order:
    "xã Tú An (thị xã An Khê); các xã: Ia Phìn, Ia Ga (huyện Chư Prông) và xã Chư Don (huyện Chư
    Pưh)". Within a district, units keep the data's order."""
    if "_row" in rows.columns:
        rows = rows.sort_values("_row", kind="stable")
    if column is None or column not in rows.columns:
        return _names(list(rows["unit"]), language)
    groups: dict[str, list[str]] = {}
    for unit, district in zip(rows["unit"], rows[column]):
        groups.setdefault("" if pd.isna(district) else str(district), []).append(unit)
    order = sorted((d for d in groups if d), key=lambda d: sort_key(_district_name(d)))
    texts = [f"{_names(groups[d], language)} ({district_words(d, language)})" for d in order]
    if "" in groups:
        texts.append(_names(groups[""], language))
    return "; ".join(texts[:-1]) + phrase(NEWS, "and", language) + texts[-1] if len(texts) > 1 else texts[0]


def district_words(district: str, language: str = "vi") -> str:
    """A district as a sentence writes it: "TX. An Khê" → "thị xã An Khê", "Huyện Chư Prông" →
    "huyện Chư Prông" (in Vietnamese; as written in English)."""
    if language != "vi":
        return district
    first, _, rest = district.partition(" ")
    if first.casefold() in _DISTRICT_WORDS and rest:
        return f"{_DISTRICT_WORDS[first.casefold()]} {rest}"
    for kind in _DISTRICT_KINDS:
        if district.casefold().startswith(kind + " "):
            return kind + district[len(kind):]
    return district


def _district_name(district: str) -> str:
    """A district's proper name, without its kind (for ordering)."""
    words = district_words(district, "vi")
    for kind in _DISTRICT_KINDS:
        if words.startswith(kind + " "):
            return words[len(kind) + 1:]
    return words


def _names(units: list[str], language: str) -> str:
    """Commune-level names as a sentence lists them: "xã Tú An", "các xã: Ia Phìn, Ia Ga"."""
    if language != "vi":
        return ", ".join(units)
    kinds = [next((k for k in _KINDS if u.casefold().startswith(k + " ")), None) for u in units]
    if kinds[0] is not None and len(set(kinds)) == 1:
        kind = kinds[0]
        names = [u[len(kind) + 1:] for u in units]
        if len(units) == 1:
            return f"{kind} {names[0]}"
        return phrase(NEWS, "several", language, kind=kind, names=", ".join(names))
    return ", ".join(f"{k}{u[len(k):]}" if k else u for u, k in zip(units, kinds))


def _noted_names(rows: pd.DataFrame, language: str) -> str:
    """Units with their note ("Công an tỉnh, Bộ Chỉ huy Quân sự tỉnh (đặc thù)"), grouped by note."""
    groups: dict[str, list[str]] = {}
    for unit, note in zip(rows["unit"], rows["note"] if "note" in rows.columns else [None] * len(rows)):
        groups.setdefault("" if note is None or pd.isna(note) else str(note), []).append(unit)
    return "; ".join(join([in_sentence(u, language) for u in units], language) + (f" ({note})" if note else "")
                     for note, units in groups.items())


def join(items: list[str], language: str = "vi") -> str:
    """"A, B và C" / "A, B and C"."""
    if len(items) <= 1:
        return "".join(items)
    conjunction = phrase(NEWS, "and", language)
    if any(conjunction in item for item in items):  # "… Truyền thông và Văn phòng …" would read as one name
        return ", ".join(items)
    return ", ".join(items[:-1]) + conjunction + items[-1]
