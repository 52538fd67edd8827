"""Words of the report in Vietnamese and English, one entry per phrase.

Each entry is ``key: (vi, en)``; ``{name}`` fields are filled by :func:`label`
(the report's shared words, :data:`LABELS`) or :func:`phrase` (the words of one
part: the annex workbook, the closest-to-next-level list, the sensitivity
section, the scorecard). Column headers of the scores table are the schema's
(:mod:`egovnb.core.columns`), looked up with :func:`header`. Names that come
from the data (units, tiers, level names, decisions) are not translated here:
they are data and are shown as the analyst wrote them.
"""

from __future__ import annotations

from egovnb.core.columns import INDEX, SCORES

# --- The batch's index page (reports/index.html) -----------------------------------------------
# Looked up with :func:`phrase`; the page is written in Vietnamese (egovnb.batch.index).
INDEX_LABELS: dict[str, tuple[str, str]] = {
    "title": ("Báo cáo đánh giá, xếp hạng mức độ Chính quyền điện tử",
              "E-government assessment and ranking reports"),
    "provinces": ("{count} tỉnh, thành phố", "{count} provinces and cities"),
    "reports": ("{count} báo cáo", "{count} reports"),
    "years": ("năm {first}–{last}", "{first}–{last}"),
    "year": ("năm {year}", "{year}"),
    "illustrative": ("Dữ liệu minh họa:", "Illustrative data:"),
    "illustrative_text": (
        "{illustrative}/{reports} báo cáo dùng số liệu minh họa, không phải kết quả đánh giá đã được công bố "
        "chính thức. Các báo cáo này được đánh dấu",
        "{illustrative} of {reports} reports use illustrative figures, not officially published results. "
        "They are marked",
    ),
    "illustrative_mark": ("Minh họa", "Illustrative"),
    "province": ("Tỉnh, thành phố", "Province or city"),
    "report": ("Báo cáo {year}", "Report {year}"),
    "no_report": ("Chưa có báo cáo", "No report yet"),
    "pdf": ("PDF", "PDF"),
    "scorecards": ("{count} phiếu đơn vị", "{count} unit scorecards"),
    "last_run_failed": ("(lần chạy gần nhất lỗi)", "(the last run failed)"),
    "no_reports": ("Chưa có báo cáo nào.", "No reports yet."),
    "failed": ("Lần chạy gần nhất chưa tạo được", "Not made by the last run"),
    "failed_item": ("{province} năm {year}", "{province} {year}"),
    "kept": ("(đang hiển thị báo cáo của lần chạy trước)", "(showing the report of an earlier run)"),
    "unreadable": ("Tệp tham số không đọc được: {name}", "Params file that could not be read: {name}"),
    "made_by": ("Tạo bởi egovnb {version}.", "Made by egovnb {version}."),
}

# --- The report ------------------------------------------------------------------------------------
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
    "tier_rule": ("Xếp hạng theo {measure}; {levels}.", "Ranked by {measure}; {levels}."),
    "rule_measure_rate": ("tỷ lệ thực hiện", "rate (achieved ÷ applicable points)"),
    "rule_measure_points": ("số điểm thực hiện", "achieved points"),
    "rule_measure_index": ("chỉ số (trung bình có trọng số của tỷ lệ điểm đạt các trụ cột)",
                           "index (the weighted mean of the pillars' shares of points earned)"),
    "index_scale": (", in trên thang {scale} điểm", ", printed on {scale} points"),
    "levels_rule": ("mức độ: {levels}", "levels: {levels}"),
    "ratings_rule": ("xếp loại: {levels}", "ratings: {levels}"),
    "lowest_rule": ("mức độ là mức thấp nhất trong các mức độ thành phần — {components}; dưới mức thấp nhất của "
                    "một thành phần: {below}",
                    "the level is the lowest of the components' levels — {components}; under any component's "
                    "lowest level: {below}"),
    "no_levels_rule": ("chỉ xếp hạng, không xếp mức độ", "ranked only, no levels"),
    "below_rule": ("dưới ngưỡng thấp nhất: {below}", "under the lowest threshold: {below}"),
    "rank_below_rule": ("Đơn vị dưới mức thấp nhất ({below}) không được xếp hạng.",
                        "Units under the lowest level ({below}) get no rank."),
    "rank_within_rule": ("Xếp hạng riêng trong từng giá trị của cột «{column}».",
                         "Ranked separately within each value of the column '{column}'."),
    "rating": ("Xếp loại", "Rating"),
    "headline_rating": ("{n}/{total} đơn vị xếp loại {level}", "{n}/{total} units rated {level}"),
    "headline_ranked": ("{n}/{total} đơn vị được xếp hạng (khối này không xếp mức độ)",
                        "{n}/{total} units ranked (this tier has no levels)"),
    "why_level": ("{level} vì {components} ở mức {component_level}", "{level} because {components} at {component_level}"),
    "note": ("Ghi chú", "Note"),
    "units_in_tier": ("{n} đơn vị", "{n} units"),
    "no_units": ("Dữ liệu không có đơn vị nào của khối này.", "The data have no unit of this tier."),
    "results_by_level": ("Kết quả theo mức độ", "Results by level"),
    "results_ranked": ("Kết quả xếp hạng", "Results"),
    "level_word": ("mức độ", "level"),
    "and": (" và ", " and "),
    "index_to_next_level": ("Chỉ số cần thêm", "Index to the next level"),
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
    "gap_table": ("{tier}: số điểm cần thêm để đạt mức độ kế tiếp", "{tier}: points needed for the next level"),
    # Charts
    "chart_data": ("Số liệu của biểu đồ", "Numbers behind the chart"),
    "ranking_title_rate": ("{tier}: xếp hạng theo tỷ lệ thực hiện", "{tier}: ranking by rate"),
    "ranking_title_points": ("{tier}: xếp hạng theo số điểm thực hiện", "{tier}: ranking by achieved points"),
    "ranking_title_index": ("{tier}: xếp hạng theo chỉ số", "{tier}: ranking by index"),
    "axis_rate": ("Tỷ lệ thực hiện (%)", "Rate (%)"),
    "axis_points": ("Số điểm thực hiện (điểm)", "Achieved points"),
    "axis_index": ("Chỉ số", "Index"),
    "axis_index_scaled": ("Chỉ số (thang {scale} điểm)", "Index ({scale} points)"),
    "ranking_alt": (
        "Biểu đồ thanh ngang xếp hạng {n} đơn vị khối {tier} theo {measure}, từ {first} ({first_value}) "
        "đến {last} ({last_value}), màu và nhãn chữ cho biết mức độ, đường đứt nét là ngưỡng các mức độ.",
        "Horizontal bar chart ranking {n} units of {tier} by {measure}, from {first} ({first_value}) "
        "to {last} ({last_value}); colour and a text label give the level, dashed lines mark the thresholds.",
    ),
    "measure_rate": ("tỷ lệ thực hiện", "rate"),
    "measure_points": ("số điểm thực hiện", "achieved points"),
    "measure_index": ("chỉ số", "index"),
    "not_shown": ("Không thể hiện trên biểu đồ (không đánh giá): {units}.",
                  "Not on the chart (not evaluated): {units}."),
    "not_ranked_shown": ("Không thể hiện trên biểu đồ (không xếp hạng): {units}.",
                         "Not on the chart (not ranked): {units}."),
    "distribution_title": ("{tier}: số đơn vị theo mức độ", "{tier}: units per level"),
    "distribution_title_rating": ("{tier}: số đơn vị theo xếp loại", "{tier}: units per rating"),
    "axis_level": ("Mức độ", "Level"),
    "axis_units": ("Số đơn vị", "Units"),
    "distribution_alt": (
        "Biểu đồ cột số đơn vị khối {tier} theo mức độ: {parts}.",
        "Bar chart of the units of {tier} per level: {parts}.",
    ),
    "units_count": ("Số đơn vị", "Units"),
    "share": ("Tỷ lệ", "Share"),
    "heatmap_bar": ("Tỷ lệ điểm đạt (%)", "Share of points earned (%)"),
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
    "rule_new": ("mới", "new"),
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
    "made_inputs": ("Các tệp đầu vào và mã SHA-256 (lấy trước khi đọc)",
                    "Input files and their SHA-256 (taken before they were read)"),
    "made_role": ("Vai trò", "Role"),
    "made_file": ("Tệp (tính từ thư mục của tệp tham số)", "File (from the params file's folder)"),
    "made_sha256": ("SHA-256", "SHA-256"),
    "made_environment": ("Môi trường tạo báo cáo", "Environment that made the report"),
    "grain_summary": ("tổng hợp theo đơn vị", "one row per unit"),
    "grain_criterion": ("theo từng tiêu chí", "one row per unit and criterion"),
    "grain_group": ("theo từng nhóm tiêu chí", "points per unit and criteria group"),
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
}

# How level labels that are Vietnamese terms read in an English report.
LEVEL_GLOSS_EN = {
    "Chưa đạt": "below all levels",
    "Không xếp hạng": "not ranked",
    "Không đánh giá": "not evaluated",
    "Không tham gia xếp hạng": "assessed, kept out of the ranking",
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

    :data:`LABELS` holds the report's shared words; the parts with words of their own
    (:data:`ANNEX`, :data:`CLOSEST`, :data:`SENSITIVITY`, :data:`SCORECARD`) are looked up here.
    """
    vi, en = table[key]
    template = en if language == "en" else vi
    return template.format(**values) if values else template


# --- Column headers of the scores table: the schema's labels -----------------------------------

HEADERS: dict[str, tuple[str, str]] = {column.name: (column.label_vi, column.label_en)
                                       for column in (*SCORES, INDEX)}


def header(column: str, language: str = "vi") -> str:
    """The published header of a scores column (``rate`` → ``Tỷ lệ thực hiện``)."""
    return phrase(HEADERS, column, language)


# --- The annex workbook (:mod:`egovnb.report.annex`) ---------------------------------------------

ANNEX: dict[str, tuple[str, str]] = {
    "title": ("{province} — Kết quả đánh giá, xếp hạng mức độ Chính quyền điện tử năm {year}: {tier}",
              "{province} — E-government assessment and ranking {year}: {tier}"),
    "book_title": ("{province} — Kết quả đánh giá, xếp hạng mức độ Chính quyền điện tử năm {year}",
                   "{province} — E-government assessment and ranking {year}"),
    "illustrative": ("Số liệu minh họa, không phải kết quả đã công bố.", "Illustrative data, not published results."),
    "rate": ("Tỷ lệ thực hiện (%)", "Rate (%)"),
    "points_to_next_level": ("Số điểm cần thêm để đạt mức độ kế tiếp", "Points to the next level"),
}


# --- Closest to the next level (:func:`egovnb.report.tables.closest_table`) ---------------------

CLOSEST: dict[str, tuple[str, str]] = {
    "caption": ("{tier}: gần mức độ kế tiếp nhất", "{tier}: closest to the next level"),
    "points": ("Số điểm cần thêm", "Points needed"),
    "index": ("Chỉ số cần thêm", "Index needed"),
    "available": ("Số điểm còn có thể đạt", "Points still available"),
    "holding": ("Thành phần giữ mức độ", "Component holding the level"),
    "none": ("Không có đơn vị nào dưới mức độ cao nhất.", "No unit is below the highest level."),
}


# --- Components and pillars (:mod:`egovnb.report.methods`) ---------------------------------------

METHODS: dict[str, tuple[str, str]] = {
    "components_caption": ("{tier}: điểm, tỷ lệ và mức độ theo thành phần", "{tier}: points, rates and levels by "
                                                                           "component"),
    "points": ("{component}: số điểm", "{component}: points"),
    "rate": ("{component}: tỷ lệ", "{component}: rate"),
    "level": ("{component}: mức độ", "{component}: level"),
    "holding": ("Thành phần giữ mức độ", "Component holding the level"),
    "components_note": ("Mức độ của đơn vị là mức thấp nhất trong các mức độ thành phần; «thành phần giữ mức độ» "
                        "là thành phần cần cải thiện để đơn vị lên mức độ kế tiếp.",
                        "A unit's level is the lowest of its components' levels; the component holding the level "
                        "is the one to improve for the next level."),
    "grid_title": ("{tier}: mức độ từng thành phần và thành phần giữ mức độ",
                   "{tier}: each component's level, and the one holding the unit's level"),
    "grid_alt": ("Biểu đồ lưới mức độ {k} thành phần của {n} đơn vị khối {tier}, theo thứ tự xếp hạng; viền đậm "
                 "đánh dấu thành phần giữ mức độ của từng đơn vị: {counts}.",
                 "Grid of the levels of {k} components of {n} units of {tier}, in rank order; a bold outline "
                 "marks the component holding each unit's level: {counts}."),
    "grid_count": ("{component} giữ mức độ của {n} đơn vị", "{component} holds {n} units"),
    "overall": ("Mức độ chung", "Overall level"),
    "holding_legend": ("Viền đậm: thành phần giữ mức độ", "Bold outline: the component holding the level"),
    "pillars_title": ("{tier}: phần đóng góp của từng trụ cột vào chỉ số", "{tier}: each pillar's part of the index"),
    "pillars_alt": ("Biểu đồ thanh chồng chỉ số của {n} đơn vị khối {tier}, mỗi đoạn là phần đóng góp của một trụ "
                    "cột (trọng số × tỷ lệ điểm đạt ÷ tổng trọng số); trụ cột đóng góp nhiều nhất trong khối: "
                    "{top}.",
                    "Stacked bar chart of the index of {n} units of {tier}, each segment one pillar's part "
                    "(weight × share of points earned ÷ total weight); the pillar adding most in the tier: {top}."),
    "weight": ("trọng số {weight}", "weight {weight}"),
    "not_counted": ("Trụ cột có trọng số 0 được thể hiện ở bảng tỷ lệ điểm đạt, không tính vào chỉ số: {groups}.",
                    "Pillars of weight 0 are shown in the table of shares earned, not counted in the index: "
                    "{groups}."),
}


# --- How firm the ranking is (:mod:`egovnb.report.charts_sensitivity`) ---------------------------

SENSITIVITY: dict[str, tuple[str, str]] = {
    "title": ("{tier}: khoảng xếp hạng 5–95% qua {draws} lần mô phỏng",
              "{tier}: 5–95% rank interval over {draws} draws"),
    "axis": ("Thứ hạng (1 = cao nhất)", "Rank (1 = best)"),
    "median": ("Trung vị", "Median"),
    "assessed": ("Thứ hạng đánh giá", "Assessed rank"),
    "alt": ("Biểu đồ khoảng xếp hạng 5–95% của {n} đơn vị khối {tier} qua {draws} lần mô phỏng, "
            "sắp theo thứ hạng; {weak} đơn vị giữ mức độ trong dưới {firm} số lần mô phỏng.",
            "Chart of the 5–95% rank interval of {n} units of {tier} over {draws} draws, in rank order; "
            "{weak} units keep their level in under {firm} of the draws."),
    "median_rank": ("Thứ hạng trung vị", "Median rank"),
    "range": ("Khoảng 5–95%", "5–95% interval"),
    "probability": ("Xác suất giữ mức độ", "Probability of keeping the level"),
    "other": ("Mức độ có thể khác", "Likeliest other level"),
    "other_probability": ("Xác suất", "Probability"),
    "not_firm": ("{tier}: đơn vị có mức độ chưa chắc chắn (dưới {firm})",
                 "{tier}: units whose level is not firm (under {firm})"),
    "method": ("Mỗi lần mô phỏng: ngưỡng các mức độ dịch chuyển ngẫu nhiên trong ±{shift}; {weights}. "
               "Giá trị khởi tạo (seed) {seed}, {draws} lần mô phỏng: cùng giá trị khởi tạo cho cùng kết quả.",
               "Each draw moves every level threshold at random within ±{shift}; {weights}. "
               "Seed {seed}, {draws} draws: the same seed gives the same figures."),
    "shift_rate": ("{shift} điểm phần trăm", "{shift} percentage points"),
    "shift_points": ("{shift} điểm", "{shift} points"),
    "shift_both": ("{shift} điểm phần trăm (khối xếp theo tỷ lệ) hoặc {shift} điểm (khối xếp theo số điểm)",
                   "{shift} percentage points (tiers ranked by rate) or {shift} points (tiers ranked by points)"),
    "weights": ("trọng số mỗi nhóm tiêu chí lấy ngẫu nhiên trong khoảng {low}–{high}",
                "each criteria group's weight is drawn in {low}–{high}"),
    "no_weights": ("số liệu tổng hợp (không có nhóm tiêu chí) nên chỉ thay đổi ngưỡng",
                   "the data are totals (no criteria groups), so only thresholds move"),
}


# --- The per-unit scorecard (:mod:`egovnb.report.scorecard`) -------------------------------------

SCORECARD: dict[str, tuple[str, str]] = {
    "title": ("Phiếu kết quả đánh giá mức độ Chính quyền điện tử năm {year}",
              "E-government assessment scorecard {year}"),
    "position": ("Vị trí trong khối", "Position in the tier"),
    "measure": ("Chỉ số", "Measure"),
    "this_unit": ("Đơn vị", "This unit"),
    "median": ("Trung vị của khối", "Tier median"),
    "top": ("Cao nhất trong khối", "Tier top"),
    "rank_of": ("Xếp hạng {rank}/{n} trong khối {tier}", "Rank {rank} of {n} in {tier}"),
    "level_now": ("Mức độ {level}", "Level {level}"),
    "next": ("Để lên mức độ kế tiếp", "To reach the next level"),
    "gap": ("Cần thêm {points} điểm để đạt mức độ {level} (ngưỡng {threshold}).",
            "{points} more points are needed to reach level {level} (threshold {threshold})."),
    "no_levels": ("Khối này chỉ xếp hạng, không xếp mức độ.", "This tier is ranked only; it has no levels."),
    "gap_component": ("Cần thêm {points} điểm ở {components} để đạt mức độ {level}.",
                      "{points} more points in {components} are needed to reach level {level}."),
    "gap_index": ("Chỉ số cần tăng thêm {index} để đạt xếp loại {level} (ngưỡng {threshold}).",
                  "The index needs {index} more to reach the rating {level} (threshold {threshold})."),
    "gap_unreachable": ("Số điểm còn có thể đạt ({available}) ít hơn số điểm cần thêm.",
                        "The points still available ({available}) are fewer than those needed."),
    "top_level": ("Đơn vị đã ở mức độ cao nhất ({level}).", "The unit is at the highest level ({level})."),
    "not_evaluated": ("Đơn vị không được đánh giá năm {year}.", "The unit was not evaluated in {year}."),
    "lost_most": ("Mất nhiều điểm nhất ở: {groups}.", "Most points lost in: {groups}."),
    "nothing_lost": ("Đơn vị không bị mất điểm ở nhóm tiêu chí nào.", "The unit lost no points in any group."),
    "groups": ("Điểm theo nhóm tiêu chí", "Points by criteria group"),
    "lost": ("Số điểm bị mất", "Points lost"),
    "group_rate": ("Tỷ lệ đạt của đơn vị", "Unit's share earned"),
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
    "units_then": ("Đơn vị năm đó", "Unit(s) that year"),
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
}
