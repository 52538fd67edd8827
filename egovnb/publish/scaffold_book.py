"""The data workbook of a new province-year: one sheet a tier, in the layout of a decision's annex,
every cell to fill marked :data:`~egovnb.core.columns.TO_FILL` (``egovnb new``).

The headers are the published Vietnamese wording that egovnb reads as delivered (``STT``,
``Tên đơn vị``, ``Điểm tối đa``, ``Số điểm không đưa vào đánh giá``, ``Số điểm thực hiện``, a
criteria group's title, ``Tiêu chí``, ``Điểm``, ``Được đánh giá``, ``Ghi chú``). A cell left
marked is refused by ``egovnb validate`` as "still to fill", never read as empty: an empty points
cell means "does not apply" at group and criterion grain. Points cells get Excel's data
validation (a decimal number from 0 to the maximum; a warning only, so ``N/A`` can still be typed
where a group or criterion does not apply).
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from egovnb.core.columns import TO_FILL

NAME_ROWS = 3  # placeholder units a tier gets when there is no previous year to take them from
VALIDATED_ROWS = 1000  # rows under the header that data validation covers (room to add units)
SHEET_NAME_MAX = 31  # Excel's limit
EVALUATED_CHOICES = ("có", "không")


@dataclass(frozen=True)
class Column:
    """A column of a tier's sheet: its header, and for points the largest value (None: text)."""

    header: str
    maximum: float | None = None
    numeric: bool = False
    width: float = 14


@dataclass(frozen=True)
class SheetPlan:
    """One tier's sheet: name, title line, columns, and the rows under the header."""

    name: str
    title: str
    columns: tuple[Column, ...]
    rows: tuple[tuple, ...]


def sheet_name(label: str, taken: set[str]) -> str:
    """An Excel sheet name from a tier's label: without ``[]:*?/\\``, at most 31 characters,
    not one already ``taken``."""
    name = "".join(" " if ch in '[]:*?/\\' else ch for ch in label).strip()[:SHEET_NAME_MAX].strip() or "Sheet"
    base, number = name, 2
    while name in taken:
        suffix = f" ({number})"
        name, number = base[:SHEET_NAME_MAX - len(suffix)] + suffix, number + 1
    taken.add(name)
    return name


def tier_sheet(framework, key: str, sheet: str, title: str, units: list[tuple] | None) -> SheetPlan:
    """The sheet of tier ``key``: its layout from the framework (criteria: a row a unit and
    criterion; groups with maxima: a column a group; components: a row a unit and component;
    else a row a unit), its units (name, maximum and the value of the tier's ``rank_within``
    column; None: :data:`NAME_ROWS` to name). A tier ranked within a column has that column."""
    tier = framework.tiers[key]
    within = tier.rank_within
    names = ([(unit[0], unit[1]) for unit in units] if units else [(TO_FILL, None)] * NAME_ROWS)
    groups_of = [unit[2] if len(unit) > 2 and unit[2] else TO_FILL for unit in units] if units else [TO_FILL] * NAME_ROWS
    head = (Column("STT", width=6), Column("Tên đơn vị", width=36)) + ((Column(within, width=20),) if within else ())
    tail = (Column("Được đánh giá", width=14), Column("Ghi chú", width=40))
    criteria = framework.criteria_for(key) if framework.criteria else ()
    groups = [g for g in framework.tier_groups(key) if framework.group_max_points(key, g) is not None]
    rows: list[tuple] = []
    if criteria:
        columns = head + (Column("Tiêu chí", width=10), Column("Điểm", max(c.max_points for c in criteria), True)) + tail
        for number, (name, _) in enumerate(names, 1):
            rows += [(number, name, *_within(within, groups_of, number), c.id, TO_FILL, "có", "") for c in criteria]
        return SheetPlan(sheet, title, columns, tuple(rows))
    if groups and not tier.components:
        columns = head + tuple(Column(g.title, framework.group_max_points(key, g), True, 16) for g in groups) + tail
        rows = [(number, name, *_within(within, groups_of, number), *([TO_FILL] * len(groups)), "có", "")
                for number, (name, _) in enumerate(names, 1)]
        return SheetPlan(sheet, title, columns, tuple(rows))
    points = (Column("Điểm tối đa", numeric=True, width=11), Column("Số điểm không đưa vào đánh giá", None, True, 16),
              Column("Số điểm thực hiện", None, True, 14))
    if tier.components:
        columns = head + (Column("Thành phần", width=22),) + _bounded(points, max(
            framework.component_max_points(key, c.key) or 0 for c in tier.components) or None) + tail
        for number, (name, _) in enumerate(names, 1):
            rows += [(number, name, *_within(within, groups_of, number), c.label,
                      framework.component_max_points(key, c.key) or TO_FILL, TO_FILL, TO_FILL, "có", "")
                     for c in tier.components]
        return SheetPlan(sheet, title, columns, tuple(rows))
    tier_max = framework.tier_max_points(key)
    columns = head + _bounded(points, tier_max or max((m or 0 for _, m in names), default=0) or None) + tail
    rows = [(number, name, *_within(within, groups_of, number), maximum or tier_max or TO_FILL, TO_FILL, TO_FILL,
             "có", "") for number, (name, maximum) in enumerate(names, 1)]
    return SheetPlan(sheet, title, columns, tuple(rows))


def _within(within: str | None, values: list, number: int) -> tuple:
    """The ``rank_within`` cell of unit ``number`` (1-based), or nothing when the tier has none."""
    return (values[number - 1],) if within else ()


def _bounded(points: tuple[Column, ...], maximum: float | None) -> tuple[Column, ...]:
    return tuple(Column(c.header, maximum if c.header != "Điểm tối đa" else None, True, c.width) for c in points)


def workbook_bytes(plans: list[SheetPlan], instructions: str) -> bytes:
    """The workbook of ``plans`` as .xlsx bytes: per sheet a title row, a row of
    ``instructions``, the header (bold, frozen), the rows, and data validation on points."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    book.remove(book.active)
    to_fill = PatternFill("solid", fgColor="FFF2CC")
    for plan in plans:
        sheet = book.create_sheet(plan.name)
        sheet.append([plan.title])
        sheet["A1"].font = Font(bold=True)
        sheet.append([instructions])
        sheet["A2"].font = Font(italic=True)
        sheet.append([c.header for c in plan.columns])
        header_row = 3
        sheet.row_dimensions[header_row].height = 45  # room for the wrapped headers
        for cell in sheet[header_row]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        for row in plan.rows:
            sheet.append(list(row))
        for row in sheet.iter_rows(min_row=header_row + 1):
            for cell in row:
                if cell.value == TO_FILL:
                    cell.fill = to_fill
        sheet.freeze_panes = sheet.cell(row=header_row + 1, column=3)
        last = header_row + VALIDATED_ROWS
        headers = [c.header for c in plan.columns]
        row_max = get_column_letter(headers.index("Điểm tối đa") + 1) if "Điểm tối đa" in headers else None
        for position, column in enumerate(plan.columns, 1):
            letter = get_column_letter(position)
            sheet.column_dimensions[letter].width = column.width
            cells = f"{letter}{header_row + 1}:{letter}{last}"
            if column.numeric:
                # Points of a summary row are bounded by the row's own maximum (a relative reference:
                # a component's maximum is its own); other points by the column's.
                top = (f"{row_max}{header_row + 1}" if row_max and column.header != "Điểm tối đa" else
                       f"{column.maximum if column.maximum is not None else 100000:g}")
                shown = "Điểm tối đa" if top[0].isalpha() else top
                check = DataValidation(type="decimal", operator="between", formula1="0", formula2=top,
                                       allow_blank=True, errorStyle="warning", showErrorMessage=True,
                                       errorTitle="Số điểm", error=f"Một số từ 0 đến {shown} (N/A: không áp dụng).",
                                       promptTitle=column.header, prompt=f"Số điểm, từ 0 đến {shown}",
                                       showInputMessage=True)
                check.add(cells)
                sheet.add_data_validation(check)
            elif column.header == "Được đánh giá":
                check = DataValidation(type="list", formula1='"' + ",".join(EVALUATED_CHOICES) + '"',
                                       allow_blank=True, showErrorMessage=True, errorTitle=column.header,
                                       error="có (được đánh giá) hoặc không (không đánh giá)")
                check.add(cells)
                sheet.add_data_validation(check)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
