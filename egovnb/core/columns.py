"""Every table's columns, defined once: names, meaning and Vietnamese labels.

Validation, the scores table, annex headers and the docs all read from here.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    name: str
    meaning: str
    label_vi: str
    label_en: str


SUMMARY_REQUIRED = ("tier", "unit", "max_points", "excluded_points", "achieved_points")
CRITERION_REQUIRED = ("tier", "unit", "criterion", "points")
# Optional input columns: the evaluated flag, the ranked flag (no: assessed but kept out of
# the ranking), the published applicable points (checked against max - excluded), and a
# free-text note.
OPTIONAL_INPUT = ("evaluated", "ranked", "applicable_points", "note")
# Figures a published table prints, kept to be checked against the rules (egovnb reconcile).
PUBLISHED_INPUT = ("published_rate", "published_converted_points", "published_rank", "published_level")

# Cells that mean "this criterion does not apply" at criterion and group grain (and an empty cell),
# case aside. Nothing a spreadsheet writes for another reason: not "#N/A" (a failed lookup, an
# error), not a lone "-" (Excel's accounting format writes a zero so).
NOT_APPLICABLE = frozenset({"n/a", "na", "không áp dụng", "kad"})
EVALUATED_YES = frozenset({"", "yes", "y", "có", "co", "true", "1", "x"})
EVALUATED_NO = frozenset({"no", "n", "không", "khong", "false", "0", "không đánh giá", "chưa đánh giá"})
# The ``ranked`` column: empty or yes ranks the unit; no keeps an assessed unit out of the ranking.
RANKED_YES = frozenset({"", "yes", "y", "có", "co", "true", "1", "x"})
RANKED_NO = frozenset({"no", "n", "không", "khong", "false", "0", "không xếp hạng", "khong xep hang"})
# What `egovnb new` writes in every cell an analyst must fill: a cell still saying it is refused
# ("still to fill"), never read as empty (an empty cell may mean "does not apply").
TO_FILL = "CẦN ĐIỀN"

SCORES = (
    Column("tier", "tier key", "Khối", "Tier"),
    Column("unit", "unit name, NFC", "Tên đơn vị", "Unit"),
    Column("max_points", "the framework's maximum for the unit (points)", "Điểm tối đa", "Maximum points"),
    Column("excluded_points", "points of criteria that do not apply", "Số điểm không đưa vào đánh giá",
           "Excluded points"),
    Column("applicable_points", "max_points - excluded_points", "Số điểm tối đa cần thực hiện",
           "Applicable points"),
    Column("achieved_points", "points earned", "Số điểm thực hiện", "Achieved points"),
    Column("rate", "achieved_points / applicable_points, a fraction 0..1", "Tỷ lệ thực hiện", "Rate"),
    Column("converted_points", "rate * max_points", "Số điểm quy đổi", "Converted points"),
    Column("rank", "competition rank within the tier, empty if not evaluated or not ranked", "Xếp hạng", "Rank"),
    Column("level", "level reached, the tier's 'below' label, or Không đánh giá; empty when not ranked (ranked: no)",
           "Mức độ", "Level"),
)
SCORES_COLUMNS = tuple(column.name for column in SCORES)

# After the contract's columns (docs/contract.md) and the gap columns, only where some tier uses them: the index of
# ``rank_by: index`` tiers, then four columns per component key K.
INDEX = Column("index", "weighted mean of group rates, 0..1 (rank_by: index)", "Chỉ số", "Index")
COMPONENT_SUFFIXES = ("achieved_points", "applicable_points", "rate", "level")
COMPONENT_COLUMN = "component"
GROUP_COLUMN = "group"


def method_columns(framework) -> list[str]:
    """The scores table's columns for the methods a framework uses: ``index`` when some tier
    ranks by index, then ``K_achieved_points, K_applicable_points, K_rate, K_level`` for each
    component key K (in the order components first appear)."""
    columns = [INDEX.name] if framework.uses_index() else []
    return columns + [f"{key}_{suffix}" for key in framework.component_keys() for suffix in COMPONENT_SUFFIXES]
