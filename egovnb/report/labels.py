"""Words of the report in Vietnamese and English, one entry per phrase.

Each entry is ``key: (vi, en)``; ``{name}`` fields are filled by :func:`label`.
Names that come from the data (units, tiers, level names, decisions) are not
translated here: they are data and are shown as the analyst wrote them.
"""

from __future__ import annotations

LABELS: dict[str, tuple[str, str]] = {
    # Header and structure
    "year": ("Năm", "Year"),
    "contents": ("Nội dung", "Contents"),
    "illustrative": ("Dữ liệu minh họa", "Illustrative data"),
    "illustrative_text": (
        "Số liệu trong báo cáo này là số liệu minh họa, không phải kết quả đã được công bố chính thức.",
        "The figures in this report are illustrative; they are not officially published results.",
    ),
    "decision": ("Căn cứ", "Source"),
    "no_decision": ("Chưa ghi quyết định công bố kết quả.", "No publishing decision given."),
    # Per tier
    "tier_rule_rate": ("Xếp hạng theo tỷ lệ thực hiện; mức độ: {levels}.",
                       "Ranked by rate (achieved ÷ applicable points); levels: {levels}."),
    "tier_rule_points": ("Xếp hạng theo số điểm thực hiện; mức độ: {levels}.",
                         "Ranked by achieved points; levels: {levels}."),
    "below_rule": ("dưới ngưỡng thấp nhất: {below}", "under the lowest threshold: {below}"),
    "units_in_tier": ("{n} đơn vị", "{n} units"),
    "no_units": ("Dữ liệu không có đơn vị nào của khối này.", "The data have no unit of this tier."),
    "results_by_level": ("Kết quả theo mức độ", "Results by level"),
    "headline_level": ("{n}/{total} đơn vị ở mức độ {level}", "{n}/{total} units at level {level}"),
    "headline_other": ("{n}/{total} đơn vị {label}", "{n}/{total} units: {label}"),
    "top_and_last": ("Dẫn đầu và cuối bảng", "Top three and last"),
    "top": ("Dẫn đầu", "Top"),
    "last": ("Cuối bảng", "Last"),
    "position": ("Vị trí", "Position"),
    "top_sentence": ("Dẫn đầu: {units}.", "Top: {units}."),
    "last_sentence": ("Cuối bảng: {units}.", "Last: {units}."),
    "annex": ("Bảng tổng hợp kết quả đánh giá, xếp hạng", "Assessment and ranking table"),
    "stt": ("STT", "No."),
    "next_level": ("Mức độ kế tiếp", "Next level"),
    "points_to_next_level": ("Số điểm cần thêm", "Points to next level"),
    # Charts
    "chart_data": ("Số liệu của biểu đồ", "Numbers behind the chart"),
    "ranking_title_rate": ("{tier}: xếp hạng theo tỷ lệ thực hiện", "{tier}: ranking by rate"),
    "ranking_title_points": ("{tier}: xếp hạng theo số điểm thực hiện", "{tier}: ranking by achieved points"),
    "axis_rate": ("Tỷ lệ thực hiện (%)", "Rate (%)"),
    "axis_points": ("Số điểm thực hiện (điểm)", "Achieved points"),
    "threshold": ("Mức {level} ≥ {value}", "Level {level} ≥ {value}"),
    "ranking_alt": (
        "Biểu đồ thanh ngang xếp hạng {n} đơn vị khối {tier} theo {measure}, từ {first} ({first_value}) "
        "đến {last} ({last_value}), màu và nhãn chữ cho biết mức độ, đường đứt nét là ngưỡng các mức độ.",
        "Horizontal bar chart ranking {n} units of {tier} by {measure}, from {first} ({first_value}) "
        "to {last} ({last_value}); colour and a text label give the level, dashed lines mark the thresholds.",
    ),
    "measure_rate": ("tỷ lệ thực hiện", "rate"),
    "measure_points": ("số điểm thực hiện", "achieved points"),
    "not_shown": ("Không thể hiện trên biểu đồ (không đánh giá): {units}.",
                  "Not on the chart (not evaluated): {units}."),
    "distribution_title": ("{tier}: số đơn vị theo mức độ", "{tier}: units per level"),
    "axis_level": ("Mức độ", "Level"),
    "axis_units": ("Số đơn vị", "Units"),
    "distribution_alt": (
        "Biểu đồ cột số đơn vị khối {tier} theo mức độ: {parts}.",
        "Bar chart of the units of {tier} per level: {parts}.",
    ),
    "units_count": ("Số đơn vị", "Units"),
    "share": ("Tỷ lệ", "Share"),
    "heatmap_title": ("{tier}: tỷ lệ điểm đạt theo nhóm tiêu chí (%)",
                      "{tier}: share of applicable points earned, by criteria group (%)"),
    "heatmap_alt": (
        "Bản đồ nhiệt {n} đơn vị khối {tier} theo {groups} nhóm tiêu chí, ô càng đậm tỷ lệ điểm đạt càng cao; "
        "nhóm có tỷ lệ chung thấp nhất: {weakest} ({weakest_value}).",
        "Heat map of {n} units of {tier} by {groups} criteria groups, darker cells for a higher share of "
        "applicable points earned; the group with the lowest overall share: {weakest} ({weakest_value}).",
    ),
    "group": ("Nhóm tiêu chí", "Criteria group"),
    "not_applicable": ("không áp dụng", "not applicable"),
    # Year on year
    "yoy": ("So sánh với năm {previous}", "Compared with {previous}"),
    "yoy_intro": ("So với năm {previous}: {up} đơn vị lên mức độ, {down} đơn vị xuống mức độ, "
                  "{same} đơn vị giữ nguyên mức độ.",
                  "Against {previous}: {up} units moved up a level, {down} moved down, {same} kept their level."),
    "yoy_gone": ("Năm {year} không còn đánh giá khối này: {n} đơn vị năm {previous} không có đơn vị kế thừa.",
                 "This tier is no longer assessed in {year}: {n} units of {previous} have no successor."),
    "yoy_rules": ("Đơn vị thay đổi so với năm {previous}: {parts}.", "Units changed since {previous}: {parts}."),
    "slope_title": ("{tier}: thứ hạng năm {previous} và năm {year}", "{tier}: rank in {previous} and {year}"),
    "slope_alt": (
        "Biểu đồ đường nối thứ hạng năm {previous} với năm {year} của {n} đơn vị khối {tier}: "
        "{up} tăng hạng, {down} giảm hạng, {same} giữ nguyên hạng.",
        "Slope chart joining the {previous} rank to the {year} rank of {n} units of {tier}: "
        "{up} moved up, {down} moved down, {same} kept their rank.",
    ),
    "axis_rank": ("Xếp hạng", "Rank"),
    "rank_up": ("Tăng hạng", "Moved up"),
    "rank_down": ("Giảm hạng", "Moved down"),
    "rank_same": ("Giữ nguyên", "Same rank"),
    "previous_units": ("Đơn vị năm trước", "Previous unit(s)"),
    "rank_in": ("Xếp hạng {year}", "Rank {year}"),
    "level_in": ("Mức độ {year}", "Level {year}"),
    "rank_change": ("Thay đổi thứ hạng", "Rank change"),
    "level_change": ("Thay đổi mức độ", "Level change"),
    "change_up": ("lên mức", "up"),
    "change_down": ("xuống mức", "down"),
    "change_same": ("giữ nguyên", "same"),
    "rule": ("Ghi chú", "Note"),
    "rule_same": ("", ""),
    "rule_renamed": ("đổi tên", "renamed"),
    "rule_merged": ("hợp nhất", "merged"),
    "rule_new": ("đơn vị mới", "new unit"),
    "rule_dissolved": ("không còn", "dissolved"),
    "yoy_table": ("{tier}: thay đổi thứ hạng và mức độ", "{tier}: changes in rank and level"),
    # About
    "sensitivity": ("Độ vững của xếp hạng", "How firm the ranking is"),
    "about": ("Thông tin về báo cáo", "About this report"),
    "about_intro": (
        "Báo cáo được tạo tự động bởi egovnb từ tệp tham số và tệp dữ liệu dưới đây; chạy lại với cùng "
        "đầu vào sẽ cho cùng kết quả.",
        "This report was produced by egovnb from the params and data files below; running it again on the "
        "same inputs gives the same result.",
    ),
    "about_decision": ("Quyết định", "Decision"),
    "about_params": ("Tệp tham số", "Params file"),
    "about_data": ("Tệp dữ liệu", "Data file"),
    "about_sha256": ("SHA-256 của tệp dữ liệu", "SHA-256 of the data file"),
    "about_framework": ("Bộ tiêu chí", "Framework"),
    "about_previous": ("Năm trước", "Previous year"),
    "about_version": ("Phiên bản egovnb", "egovnb version"),
    "about_grain": ("Dạng dữ liệu", "Data grain"),
    "grain_summary": ("tổng hợp theo đơn vị", "one row per unit"),
    "grain_criterion": ("theo từng tiêu chí", "one row per unit and criterion"),
    "about_rules": (
        "Tỷ lệ thực hiện = số điểm thực hiện ÷ số điểm tối đa cần thực hiện (điểm tối đa trừ số điểm không "
        "đưa vào đánh giá); số điểm quy đổi = tỷ lệ thực hiện × điểm tối đa. Các đơn vị bằng nhau (đến 9 chữ "
        "số thập phân) cùng hạng và hạng kế tiếp được bỏ qua; đơn vị cùng hạng xếp theo thứ tự chữ cái tiếng Việt.",
        "Rate = achieved points ÷ applicable points (maximum minus excluded points); converted points = "
        "rate × maximum. Equal values (to 9 decimals) share a rank and the next rank is skipped; tied units "
        "are listed in Vietnamese alphabetical order.",
    ),
    "rates_rounded": ("Tỷ lệ thực hiện được làm tròn đến {decimals} chữ số thập phân; thứ hạng tính trên giá trị "
                      "chưa làm tròn.",
                      "Rates are rounded to {decimals} decimals; ranks use the unrounded values."),
    "rates_whole": ("Tỷ lệ thực hiện được làm tròn đến phần trăm, như bảng đã công bố; thứ hạng tính trên giá trị "
                    "chưa làm tròn.",
                    "Rates are rounded to whole percent, as published; ranks use the unrounded values."),
    "key": ("Mục", "Item"),
    "value": ("Nội dung", "Value"),
}

# How level labels that are Vietnamese terms read in an English report.
LEVEL_GLOSS_EN = {
    "Chưa đạt": "below all levels",
    "Không xếp hạng": "not ranked",
    "Không đánh giá": "not evaluated",
}


# Reconciliation with the published table (egovnb.report.reconcile_block): each entry (vi, en).
RECONCILE_LABELS: dict[str, tuple[str, str]] = {
    "heading": ("Đối chiếu với bảng công bố", "Reconciliation with the published table"),
    "intro": (
        "Bảng công bố ({tables}) in {figures} của {n} đơn vị. Mỗi số liệu được so với giá trị tính theo quy tắc "
        "từ số điểm của chính đơn vị, làm tròn nửa lên đến số chữ số thập phân đã in.",
        "The published table ({tables}) prints the {figures} of {n} units. Each figure is compared with what the "
        "rules give from the unit's own points, rounded half up to the decimals it was printed with.",
    ),
    "sheet": ("trang tính «{sheet}»", "sheet '{sheet}'"),
    "all_agree": ("Tất cả {n} đơn vị khớp với quy tắc.", "All {n} units agree with the rules."),
    "differ": ("{d} số liệu của {r}/{n} đơn vị không khớp với quy tắc.",
               "{d} figures of {r} of {n} units do not follow from the rules."),
    "caption": ("Số liệu công bố khác với kết quả tính theo quy tắc", "Published figures that differ from the rules"),
    "col_sheet": ("Trang tính", "Sheet"),
    "col_row": ("Dòng", "Row"),
    "col_unit": ("Đơn vị", "Unit"),
    "col_column": ("Cột", "Column"),
    "col_printed": ("Công bố", "Printed"),
    "col_rule": ("Theo quy tắc", "Rules"),
    "col_calculation": ("Cách tính", "Calculation"),
    "rate": ("tỷ lệ thực hiện", "rate"),
    "converted_points": ("số điểm quy đổi", "converted points"),
    "rank": ("xếp hạng", "rank"),
    "level": ("mức độ", "level"),
    "and": (" và ", " and "),
    "rank_calc": ("{basis}: {above} đơn vị xếp trên → hạng {rank}", "{basis}: {above} units ranked above → {rank}"),
    "nothing": ("(trống)", "(empty)"),
    "reason_empty": ("không in số liệu", "nothing printed"),
    "reason_not_a_number": ("không phải là số", "not a number"),
    "reason_not_whole": ("không phải số nguyên", "not a whole number"),
    "reason_not_evaluated": ("đơn vị không được đánh giá", "the unit was not evaluated"),
    "reason_not_ranked": ("theo quy tắc đơn vị không được xếp hạng", "the rules give no rank"),
}


def label(key: str, language: str = "vi", **values: object) -> str:
    """The phrase ``key`` in ``language`` ('vi' or 'en'), with ``{fields}`` filled from ``values``."""
    return phrase(LABELS, key, language, **values)


def phrase(table: dict[str, tuple[str, str]], key: str, language: str = "vi", **values: object) -> str:
    """The phrase ``key`` of a ``{key: (vi, en)}`` table in ``language``, ``{fields}`` filled.

    :data:`LABELS` holds the report's shared words; a module with words of its own
    (the scorecard, the sensitivity section) keeps its table and looks it up here.
    """
    vi, en = table[key]
    template = en if language == "en" else vi
    return template.format(**values) if values else template
