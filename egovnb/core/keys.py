"""Every key an analyst may write in a params file or a framework, declared once.

Each :class:`Key` says what its value may be, its default, whether it is required, what it
means, and the egovnb version it appeared in; a mapping's keys are declared inside it. From
this one table come the checks of :mod:`egovnb.core.params` and
:mod:`egovnb.core.framework_yaml` (which keys exist, which are required, which are text, the
choices), the files a report depends on (:mod:`egovnb.publish.digest`), the JSON Schema that
editors use (:mod:`egovnb.core.keys_schema`, ``egovnb schema``) and the key reference of the
README and ``docs/keys.md`` (:mod:`egovnb.core.keys_reference`).

Adding a key is one :class:`Key` here plus the code that uses it;
``tests/unit/test_keys.py`` walks this table against the reader, the schema and the docs.
"""

from __future__ import annotations

from dataclasses import dataclass

# What a value may be. A key lists one or more of these kinds.
KINDS = {
    "text": "text",
    "name": "a name (text or a number)",
    "integer": "a whole number",
    "number": "a number (a decimal point or a Vietnamese decimal comma)",
    "boolean": "true or false",
    "path": "a file path, relative to the file it is written in",
    "texts": "a list of text",
    "names": "a mapping name → text (or a list of texts)",
    "numbers": "a mapping tier key → number",
    "mapping": "a mapping of the keys below",
    "table": "a mapping key → a mapping of the keys below",
    "list": "a list of mappings of the keys below",
    "framework": "a framework, written inline",
}


@dataclass(frozen=True)
class Key:
    """One key of a params file or framework.

    ``title`` is a few words, used in messages (``missing: …``) and as the schema's title;
    ``meaning`` one sentence for the docs and editors. ``minimum`` / ``maximum`` bound a
    number (``exclusive_*`` makes it a strict bound). ``file`` says what a path names:
    ``input`` (a file the report is made from: its bytes are hashed, in ``hash_order``) or
    ``params`` (another year's params file, followed in turn).
    """

    name: str
    kinds: tuple[str, ...]
    title: str
    meaning: str
    since: str = "0.1.0"
    default: object = None
    required: bool = False
    choices: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    exclusive_minimum: bool = False
    exclusive_maximum: bool = False
    suffixes: tuple[str, ...] = ()
    file: str = ""
    hash_order: int = 0
    keys: tuple[Key, ...] = ()

    def __post_init__(self) -> None:
        unknown = [kind for kind in self.kinds if kind not in KINDS]
        if unknown or not self.kinds:
            raise ValueError(f"{self.name}: unknown kind(s) {unknown}")
        if bool(self.keys) != any(kind in ("mapping", "table", "list") for kind in self.kinds):
            raise ValueError(f"{self.name}: nested keys go with a mapping, table or list")

    def __getitem__(self, name: str) -> Key:
        """The nested key ``name`` (``PARAMS['sensitivity']['draws']``)."""
        for key in self.keys:
            if key.name == name:
                return key
        raise KeyError(name)

    @property
    def names(self) -> tuple[str, ...]:
        """The nested keys' names, in declared order."""
        return tuple(key.name for key in self.keys)


def _level_rule(what: str) -> tuple[Key, ...]:
    """The keys a tier and a component share: how they are measured and their levels."""
    return (
        Key("label", ("text",), "label", f"The {what}'s name as the report prints it (tên), e.g. "
            "Sở, ban, ngành; default: its key."),
        Key("rank_by", ("text",), "rank by", "What is ranked and compared with the levels' thresholds (xếp hạng "
            "theo): rate (achieved ÷ applicable points, tỷ lệ), points (achieved points, tổng điểm) or index "
            "(a weighted mean of group rates, chỉ số).", default="rate", choices=("rate", "points", "index")),
        Key("levels", ("list",), "levels", "The levels (mức độ), highest first; a unit reaches the first whose "
            "min it attains; left out: ranked only, no level.", keys=(
                Key("name", ("name",), "level name", "The level's name as published, e.g. I, II, Tốt.",
                    required=True),
                Key("min", ("number",), "threshold", "The least value that reaches the level (ngưỡng): a "
                    "fraction 0..1 for rate and index, points for points; strictly decreasing down the list.",
                    required=True, minimum=0),
            )),
        Key("below", ("text",), "below", "The level (mức độ) of an evaluated unit under the lowest threshold, "
            "e.g. Chưa đạt or Không xếp hạng.", default="Chưa đạt"),
        Key("max_points", ("number",), "maximum", f"The {what}'s maximum (điểm tối đa), in points, checked "
            "against the data.", minimum=0, exclusive_minimum=True),
    )


TIER = Key("tier", ("table",), "tier", "A tier of units ranked together (khối), e.g. provincial departments "
           "(sở, ban, ngành), district or commune People's Committees (UBND cấp huyện, cấp xã).", keys=(
               *_level_rule("tier"),
               Key("rate_decimals", ("integer",), "rate decimals", "How many decimals the report prints rates "
                   "with, as the province publishes them (ranks always use the unrounded rate).",
                   minimum=0, maximum=6),
               Key("components", ("table",), "components", "Parts of the score that each get a level (thành "
                   "phần), e.g. readiness (Điều kiện sẵn sàng) and results (Kết quả CQĐT).",
                   keys=_level_rule("component")),
               Key("level_by", ("text",), "level by", "How the tier's level is found: total (thresholds on the "
                   "ranked value) or lowest (the lowest of the components' levels).", default="total",
                   choices=("total", "lowest")),
               Key("rank_below", ("boolean",), "rank below", "Whether units under the lowest level still get a "
                   "rank; false: they get the below label and no rank (không xếp hạng).", default=True),
               Key("rank_within", ("text",), "rank within", "A column of the data to rank separately within, "
                   "e.g. district (communes ranked within each district)."),
               Key("index_scale", ("number",), "index scale", "Print the index (chỉ số) on this scale, e.g. 1000 "
                   "points, instead of 0..1.", minimum=0, exclusive_minimum=True),
           ))

FRAMEWORK = Key("framework", ("mapping",), "framework", "The assessment framework (bộ tiêu chí): the tiers, their "
                "level rules, and optionally the criteria groups and criteria.", keys=(
                    Key("tiers", ("table",), "tiers", "The tiers of units (khối), in published order: tier key "
                        "(as in the data's tier column) → its rules.", required=True, keys=TIER.keys),
                    Key("groups", ("list",), "groups", "The criteria groups (nhóm tiêu chí, pillars); needed for "
                        "group-grain data and index tiers.", keys=(
                            Key("id", ("name",), "group id", "The group's id, e.g. 1; the data and criteria may "
                                "name the group by it.", required=True),
                            Key("title", ("text",), "group title", "The group's title (tên nhóm), e.g. Hạ tầng số; "
                                "default: its id."),
                            Key("weight", ("number",), "weight", "The group's weight (trọng số) in an index; 0: "
                                "shown, not counted.", default=1, minimum=0),
                            Key("component", ("text",), "component", "The component (thành phần) of its tier the "
                                "group's points belong to."),
                            Key("max_points", ("number", "numbers"), "maximum", "The group's maximum (điểm tối "
                                "đa): a number of points, or a mapping tier key → points.", minimum=0,
                                exclusive_minimum=True),
                        )),
                    Key("criteria", ("list",), "criteria", "The criteria (tiêu chí); needed for criterion-grain "
                        "data only.", keys=(
                            Key("id", ("name",), "criterion id", "The criterion's id (mã tiêu chí), e.g. 1.1, as "
                                "in the data's criterion column.", required=True),
                            Key("group", ("name",), "group", "The criterion's group (nhóm tiêu chí), by id or "
                                "title."),
                            Key("title", ("text",), "criterion title", "The criterion's wording (nội dung tiêu "
                                "chí); default: its id."),
                            Key("max_points", ("number",), "maximum", "The criterion's maximum (điểm tối đa), in "
                                "points.", required=True, minimum=0, exclusive_minimum=True),
                            Key("tiers", ("name", "texts"), "tiers", "The tier(s) the criterion applies to; "
                                "default: every tier."),
                        )),
                ))

SENSITIVITY = Key("sensitivity", ("mapping", "boolean"), "settings of the sensitivity analysis",
                  "How firm the ranking is (độ vững của xếp hạng): thresholds and group weights perturbed at "
                  "random, and the report shows rank intervals and level probabilities; true: with the defaults below.",
                  keys=(
                      Key("draws", ("integer",), "draws", "How many times the units are rescored.", default=1000,
                          minimum=1),
                      Key("seed", ("integer",), "seed", "The random seed: the same seed gives the same result.",
                          default=0, minimum=0),
                      Key("threshold_shift", ("number",), "threshold shift", "How far each threshold moves at "
                          "most: percentage points for rate tiers, points for points tiers.", default=2.0,
                          minimum=0, maximum=1000),
                      Key("weight_spread", ("number",), "weight spread", "How far each group weight moves at "
                          "most, as a fraction (0.25: from 0.75 to 1.25 times).", default=0.25, minimum=0,
                          maximum=1, exclusive_maximum=True),
                  ))

DECISION_DRAFT = Key(
    "decision_draft", ("mapping",), "the draft decision",
    "What the draft decision (dự thảo quyết định) needs beyond the decision's name: its number, date, "
    "bases, signer and recipients.", since="0.2.0", keys=(
        Key("number", ("text",), "number", "The decision's number (số), e.g. 3402/QĐ-UBND; empty: a blank to "
            "fill.", since="0.2.0"),
        Key("date", ("text",), "date", "The decision's date (ngày … tháng … năm …); empty: a blank to fill.",
            since="0.2.0"),
        Key("place", ("text",), "place", "Where it is signed (địa danh), e.g. Huế.", since="0.2.0"),
        Key("summary", ("text",), "summary", "What the decision does (trích yếu), e.g. Phê duyệt kết quả đánh "
            "giá, xếp hạng mức độ Chính quyền điện tử năm 2020.", since="0.2.0"),
        Key("bases", ("texts",), "bases", "The legal bases (căn cứ), in order.", since="0.2.0"),
        Key("proposal", ("text",), "proposal", "The submission it answers (tờ trình), e.g. Tờ trình số …/TTr-STTTT "
            "of the Department of Information and Communications.", since="0.2.0"),
        Key("executors", ("texts",), "executors", "Who carries it out (tổ chức thực hiện), in order.",
            since="0.2.0"),
        Key("signer", ("mapping",), "signer", "Who signs (người ký), as the signature block prints it.",
            since="0.2.0", keys=(
                Key("on_behalf", ("text",), "on behalf", "e.g. TM. ỦY BAN NHÂN DÂN (thay mặt).", since="0.2.0"),
                Key("title", ("text",), "title", "e.g. KT. CHỦ TỊCH (ký thay).", since="0.2.0"),
                Key("subtitle", ("text",), "subtitle", "e.g. PHÓ CHỦ TỊCH.", since="0.2.0"),
                Key("name", ("text",), "name", "The signer's name; empty: a blank to fill.", since="0.2.0"),
            )),
        Key("recipients", ("texts",), "recipients", "Where it is sent (nơi nhận), in order.", since="0.2.0"),
        Key("template", ("path",), "template", "The province's own Word template of the decision (.docx).",
            since="0.2.0", suffixes=(".docx",), file="input", hash_order=4),
    ))

PARAMS = Key("params", ("mapping",), "params", "The params file of one province-year (tệp tham số): which "
             "data, which framework, which labels.", keys=(
                 Key("province", ("text",), "province name, e.g. Thừa Thiên Huế", "The province (tỉnh, thành "
                     "phố) as the report names it.", required=True),
                 Key("year", ("integer",), "assessment year", "The year assessed (năm đánh giá).", required=True,
                     minimum=1990, maximum=2100),
                 Key("title", ("text",), "report title", "The report's title (tiêu đề).",
                     default="Kết quả đánh giá mức độ Chính quyền điện tử năm {year}"),
                 Key("decision", ("text",), "the decision that publishes the results", "The decision that "
                     "publishes the results (Quyết định …/QĐ-UBND), shown in the report."),
                 Key("data", ("path",), "unit data (.csv or .xlsx), relative to the params file", "The unit data "
                     "(số liệu đánh giá), a .csv or .xlsx file, relative to the params file.", required=True,
                     suffixes=(".csv", ".xlsx"), file="input", hash_order=2),
                 Key("sheet", ("name",), "sheet of an .xlsx data file (default: the first visible one)",
                     "The sheet of an .xlsx data file to read, by name or number; default: the first visible one."),
                 Key("sheets", ("names",), "for an .xlsx data file with one sheet per tier: sheet name → tier key",
                     "For an .xlsx data file with one sheet per tier (one annex table each): sheet name → tier "
                     "key; a sheet with several tables one under another: sheet name → the tier key of each "
                     "table, top to bottom."),
                 Key("tier", ("name",), "the tier of every row, for a table without a tier column", "The tier "
                     "(khối) of every row, for a data table without a tier column."),
                 Key("framework", ("path", "framework"), "framework file, relative to the params file, or the "
                     "mapping inline", "The framework (bộ tiêu chí): a file relative to the params file, or the "
                     "mapping written inline.", required=True, suffixes=(".yaml", ".yml"), file="input",
                     hash_order=1),
                 Key("previous", ("path",), "last year's params file, for year-on-year", "Last year's params file "
                     "(năm trước), relative to this one: the report compares the two years.",
                     suffixes=(".yaml", ".yml"), file="params"),
                 Key("language", ("text",), "vi (default) or en", "The language of the report's labels: vi "
                     "(tiếng Việt) or en.", default="vi", choices=("vi", "en")),
                 Key("illustrative", ("boolean",), "true when the data are not published figures", "True when the "
                     "data are not published figures (số liệu minh họa); the report says so.", default=False),
                 Key("note", ("text",), "a note shown at the top of the report", "A note (ghi chú) shown at the "
                     "top of the report."),
                 Key("sensitivity", SENSITIVITY.kinds, SENSITIVITY.title, SENSITIVITY.meaning,
                     keys=SENSITIVITY.keys),
                 Key("crosswalk", ("path",), "old-to-new unit mapping (.csv), relative to the params file", "Which "
                     "of last year's units became which of this year's (bảng đối chiếu đơn vị, after mergers), a "
                     ".csv relative to the params file.", suffixes=(".csv",), file="input", hash_order=3),
                 Key("public", ("boolean",), "the page leaves out the params file's text and local paths", "True "
                     "for a report to publish (công khai): the page leaves out the params file's text and local "
                     "paths.", since="0.2.0", default=False),
                 Key("decision_draft", DECISION_DRAFT.kinds, DECISION_DRAFT.title, DECISION_DRAFT.meaning,
                     since="0.2.0", keys=DECISION_DRAFT.keys),
             ))


def walk(key: Key, prefix: str = "") -> list[tuple[str, Key]]:
    """Every key nested in ``key``, depth first, with its dotted path (``sensitivity.draws``)."""
    found: list[tuple[str, Key]] = []
    for child in key.keys:
        path = f"{prefix}{child.name}"
        found.append((path, child))
        if "framework" in child.kinds:
            found.extend(walk(FRAMEWORK, f"{path}."))
        found.extend(walk(child, f"{path}."))
    return found


def input_keys(key: Key = PARAMS) -> list[tuple[str, Key]]:
    """The keys of a params file that name a file a report is made from, in the order the
    report's digest hashes them (a new input goes last, so earlier digests stay valid)."""
    return sorted(((path, k) for path, k in walk(key) if k.file == "input"), key=lambda item: item[1].hash_order)


def previous_key(key: Key = PARAMS) -> str:
    """The key of a params file that names the previous year's params file."""
    return next(path for path, k in walk(key) if k.file == "params")


def value_at(mapping: object, path: str) -> object:
    """The value at a dotted key path of a YAML mapping, or None when a step is not there."""
    for step in path.split("."):
        if not isinstance(mapping, dict):
            return None
        mapping = mapping.get(step)
    return mapping
