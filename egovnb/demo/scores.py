"""The illustrative framework (tiers, levels, 21 criteria per tier) and the random points
of one province-year: every score is drawn at random, seeded."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from egovnb.demo import seeds
from egovnb.demo.places import ABILITY, REFORM_YEAR, ProvinceUnits


# --- The framework ----------------------------------------------------------------------------
@dataclass(frozen=True)
class DemoCriterion:
    """A criterion of the illustrative framework: points (max) and the tiers it applies to."""

    id: str
    group: str
    title: str
    max_points: float
    tiers: tuple[str, ...]


_G1 = "Hạ tầng kỹ thuật công nghệ thông tin"
_G2 = "Nhân lực cho ứng dụng công nghệ thông tin"
_G3 = "Ứng dụng công nghệ thông tin trong hoạt động của cơ quan"
_G4 = "Cung cấp dịch vụ công trực tuyến"
_G5 = "Cơ chế chính sách và các quy định cho ứng dụng công nghệ thông tin"
_ALL, _SH, _HX = ("so-nganh", "huyen", "xa"), ("so-nganh", "huyen"), ("huyen", "xa")
# 21 criteria per tier, 100 points per tier (the test checks both).
CRITERIA = (
    DemoCriterion("1.1", _G1, "Tỷ lệ cán bộ, công chức được trang bị máy tính", 4, _ALL),
    DemoCriterion("1.2", _G1, "Kết nối mạng truyền số liệu chuyên dùng", 4, _ALL),
    DemoCriterion("1.3", _G1, "Đường truyền Internet và mạng nội bộ", 3, _ALL),
    DemoCriterion("1.4", _G1, "Phòng họp trực tuyến kết nối với tỉnh", 4, _SH),
    DemoCriterion("1.5", _G1, "Trang thiết bị tại Bộ phận tiếp nhận và trả kết quả", 4, ("xa",)),
    DemoCriterion("2.1", _G2, "Cán bộ phụ trách công nghệ thông tin", 4, _ALL),
    DemoCriterion("2.2", _G2, "Tỷ lệ cán bộ, công chức được bồi dưỡng kỹ năng số", 4, _ALL),
    DemoCriterion("2.3", _G2, "Tỷ lệ cán bộ, công chức sử dụng thư điện tử công vụ", 4, _ALL),
    DemoCriterion("3.1", _G3, "Sử dụng Hệ thống quản lý văn bản và điều hành", 8, _ALL),
    DemoCriterion("3.2", _G3, "Tỷ lệ văn bản đi được ký số và gửi điện tử", 8, _ALL),
    DemoCriterion("3.3", _G3, "Báo cáo qua Hệ thống thông tin báo cáo của tỉnh", 5, _ALL),
    DemoCriterion("3.4", _G3, "Cổng, trang thông tin điện tử của cơ quan", 6, _SH),
    DemoCriterion("3.5", _G3, "Cơ sở dữ liệu chuyên ngành được cập nhật", 6, ("so-nganh",)),
    DemoCriterion("3.6", _G3, "Hội nghị, cuộc họp trực tuyến đến cấp xã", 6, ("huyen",)),
    DemoCriterion("3.7", _G3, "Trang thông tin điện tử cấp xã", 6, ("xa",)),
    DemoCriterion("3.8", _G3, "Ứng dụng nền tảng số trong quản lý, điều hành cấp xã", 6, ("xa",)),
    DemoCriterion("4.1", _G4, "Tỷ lệ thủ tục hành chính cung cấp dịch vụ công trực tuyến toàn trình", 7, _ALL),
    DemoCriterion("4.2", _G4, "Tỷ lệ hồ sơ nộp trực tuyến", 7, _ALL),
    DemoCriterion("4.3", _G4, "Tỷ lệ hồ sơ giải quyết đúng hạn", 4, _ALL),
    DemoCriterion("4.4", _G4, "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính", 4, _ALL),
    DemoCriterion("4.5", _G4, "Thanh toán trực tuyến phí, lệ phí", 4, _ALL),
    DemoCriterion("5.1", _G5, "Kế hoạch ứng dụng công nghệ thông tin, chuyển đổi số hằng năm", 4, _ALL),
    DemoCriterion("5.2", _G5, "Quy chế bảo đảm an toàn thông tin mạng", 4, _ALL),
    DemoCriterion("5.3", _G5, "Kinh phí chi cho ứng dụng công nghệ thông tin", 3, _SH),
    DemoCriterion("5.4", _G5, "Kết quả thực hiện kế hoạch chuyển đổi số", 3, _HX),
    DemoCriterion("5.5", _G5, "Tổ công nghệ số cộng đồng", 3, ("xa",)),
    DemoCriterion("5.6", _G5, "Xác định cấp độ an toàn hệ thống thông tin", 3, ("so-nganh",)),
)
_PROCEDURE_CRITERIA = frozenset({"4.1", "4.2", "4.3", "4.4", "4.5"})

TIERS = {
    "so-nganh": {"label": "Sở, ban, ngành", "rank_by": "rate",
                 "levels": (("I", 0.90), ("II", 0.85), ("III", 0.80), ("IV", 0.70)), "below": "Chưa đạt"},
    "huyen": {"label": "UBND cấp huyện", "rank_by": "rate",
              "levels": (("I", 0.90), ("II", 0.85), ("III", 0.80), ("IV", 0.70)), "below": "Chưa đạt"},
    # Gia Lai's rule: communes under 62 points are not ranked.
    "xa": {"label": "UBND cấp xã", "rank_by": "points",
           "levels": (("I", 90), ("II", 80), ("III", 70), ("IV", 62)), "below": "Không xếp hạng"},
}
# A unit's rate starts near its tier's mean (egovnb.demo.places.ABILITY) and improves each year.
_YEARLY_GAIN = 0.015  # fraction of the maximum gained per year, on average
_BASE_YEAR = 2022


def tiers_of(year: int) -> tuple[str, ...]:
    """Tiers assessed in ``year``: no district tier from 2025."""
    return ("so-nganh", "xa") if year >= REFORM_YEAR else ("so-nganh", "huyen", "xa")


def criteria_of(tier: str) -> tuple[DemoCriterion, ...]:
    return tuple(c for c in CRITERIA if tier in c.tiers)


# --- Points of one province-year --------------------------------------------------------------
def criterion_points(units: ProvinceUnits, year: int, seed: int) -> pd.DataFrame:
    """Criterion-grain data of one province-year: one row a unit and criterion.

    Columns ``tier, unit, criterion, points, evaluated, note``; ``points`` is
    text as an analyst would deliver it (``3.25``, ``N/A`` where the criterion
    does not apply). A unit not evaluated has a single row with an empty
    criterion, ``evaluated`` = ``không`` and a note saying why.
    """
    rng = seeds.rng(seed, "points", units.province, year)
    frames = []
    for tier in tiers_of(year):
        table = units.units[units.units["tier"] == tier].reset_index(drop=True)
        criteria = criteria_of(tier)
        mean, _ = ABILITY[tier]
        ability = mean + table["effect"].to_numpy() + (year - _BASE_YEAR) * _YEARLY_GAIN
        ability = ability + rng.normal(0.0, 0.03, len(table))  # this year's luck
        maximum = np.array([c.max_points for c in criteria])
        share = np.clip(ability[:, None] + rng.normal(0.0, 0.10, (len(table), len(criteria))), 0.0, 1.0)
        points = np.round(share * maximum[None, :] * 4) / 4  # quarter points, as scoring sheets give them

        not_applicable = np.zeros(points.shape, dtype=bool)
        ids = [c.id for c in criteria]
        no_procedures = ~table["procedures"].to_numpy(dtype=bool)
        for j, criterion_id in enumerate(ids):
            if criterion_id in _PROCEDURE_CRITERIA:
                not_applicable[:, j] |= no_procedures
            if criterion_id == "3.5":
                not_applicable[:, j] |= ~table["sector_db"].to_numpy(dtype=bool)
            if tier == "xa" and criterion_id == "4.5":
                not_applicable[:, j] |= rng.random(len(table)) < 0.05  # no fee-bearing procedure

        evaluated = np.ones(len(table), dtype=bool)
        notes = np.full(len(table), "", dtype=object)
        if tier == "xa":
            missed = rng.random(len(table)) < 0.02
            evaluated &= ~missed
            for i in np.flatnonzero(missed):
                district = table["district"].iloc[i]
                notes[i] = (f"{district} chưa đánh giá" if district
                            else "Không gửi hồ sơ tự đánh giá đúng hạn")
        elif tier == "so-nganh" and rng.random() < 0.15:
            i = int(rng.integers(len(table)))
            evaluated[i] = False
            notes[i] = "Đơn vị đang kiện toàn tổ chức, chưa đánh giá"

        cells = np.vectorize(_points_text, otypes=[object])(points)
        cells[not_applicable] = "N/A"
        n_units, n_criteria = cells.shape
        position = np.arange(n_units)
        frame = pd.DataFrame({
            "tier": tier,
            "unit": np.repeat(table["unit"].to_numpy(), n_criteria),
            "criterion": np.tile(np.array(ids, dtype=object), n_units),
            "points": cells.reshape(-1),
            "evaluated": "",
            "note": "",
            "_order": np.repeat(position, n_criteria),
        })
        frame = frame[np.repeat(evaluated, n_criteria)]
        skipped = pd.DataFrame({"tier": tier, "unit": table["unit"].to_numpy()[~evaluated], "criterion": "",
                                "points": "", "evaluated": "không", "note": notes[~evaluated],
                                "_order": position[~evaluated]})
        # Units stay in the order they were listed (departments first by rank in the
        # organisation, communes as drawn); a unit not evaluated keeps its place.
        frames.append(pd.concat([frame, skipped]).sort_values("_order", kind="stable"))
    return pd.concat(frames, ignore_index=True).drop(columns="_order")


def _points_text(value: float) -> str:
    return f"{value:g}"
