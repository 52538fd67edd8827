"""What validate passes, run renders: a large framework is told apart from a hostile YAML file,
and a unit name of any length fits the charts."""

from __future__ import annotations

import time

import pytest

from egovnb.core import yamlio
from egovnb.core.errors import InputError
from egovnb.core.framework_yaml import load_framework
from egovnb.report.drawing import LABEL_INCHES, fit_labels, text_width

from .test_hostile import BILLION_LAUGHS

TIER = ("tiers:\n  so-nganh: {label: Sở, rank_by: rate, levels: [{name: I, min: 0.9}, {name: II, min: 0.8}], "
        "below: Chưa đạt}\n")


def _criteria(count: int) -> str:
    return TIER + "criteria:\n" + "".join(
        f'  - {{id: "{i // 1000 + 1}.{i % 1000 + 1}", group: Nhóm {i // 1000 + 1}, title: Tiêu chí {i}, '
        f"max_points: 1, tiers: [so-nganh]}}\n" for i in range(count))


def test_a_large_real_framework_is_read(tmp_path):
    """12,000 criteria hold about 130,000 values: more than the 100,000 aliases may add, so the
    old count of expanded values refused it as a 'billion laughs' file."""
    path = tmp_path / "framework.yaml"
    path.write_text(_criteria(12_000), encoding="utf-8")
    framework = load_framework("framework.yaml", tmp_path / "p.yaml", tmp_path)
    assert len(framework.criteria) == 12_000
    assert framework.tier_max_points("so-nganh") == 12_000


def test_a_large_framework_with_merge_keys_is_read(tmp_path):
    text = ("base: &base {label: Khối, rank_by: rate, levels: [{name: I, min: 0.9}, {name: II, min: 0.8}], "
            "below: Chưa đạt}\ntiers:\n" + "".join(f"  t{i}: {{<<: *base, label: Khối {i}}}\n" for i in range(1000)))
    path = tmp_path / "framework.yaml"
    path.write_text(text, encoding="utf-8")
    assert len(yamlio.load_yaml(path)["tiers"]) == 1000


def test_billion_laughs_padded_with_real_values_is_still_refused(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text(_criteria(2_000) + BILLION_LAUGHS + "province: *l9\n", encoding="utf-8")
    start = time.perf_counter()
    with pytest.raises(InputError, match=r"its aliases \(\*name\) expand to more than [\d,]+ values beyond the "
                                         r"[\d,]+ it holds"):
        yamlio.load_yaml(path)
    assert time.perf_counter() - start < 5


@pytest.mark.parametrize("name", ["Sở " + "Thông tin và Truyền thông " * 20, "Sở" + "X" * 500, "Sở Y tế"])
def test_a_name_of_any_length_fits_beside_a_chart(name):
    fitted = fit_labels([name], 9)[0]
    assert text_width([fitted], 9) <= LABEL_INCHES
    if text_width([name], 9) <= LABEL_INCHES:
        assert fitted == name
    else:
        assert fitted.endswith("…") and name.startswith(fitted[:-1])


def test_more_tiers_than_a_report_can_show_are_reported_by_validate_and_run(project, capsys, tmp_path):
    from egovnb.cli import main
    from egovnb.insight.validation import MAX_REPORT_TIERS

    count = MAX_REPORT_TIERS + 1
    project.write("framework.yaml", "tiers:\n" + "".join(
        f"  t{i}: {{label: Khối {i}, rank_by: rate, levels: [{{name: I, min: 0.9}}]}}\n" for i in range(count)))
    project.write("units.csv", "tier,unit,max_points,excluded_points,achieved_points\n"
                  + "".join(f"t{i},Đơn vị {i},100,0,90\n" for i in range(count)))
    params = project.write("p.yaml", "province: Tỉnh Thử\nyear: 2024\ndata: units.csv\nframework: framework.yaml\n")
    expected = (f"framework.yaml, column 'tiers': the framework has {count} tiers; a report shows at most "
                f"{MAX_REPORT_TIERS}")
    assert main(["validate", str(params)]) == 1
    assert expected in capsys.readouterr().err
    assert main(["run", str(params), "--reports", str(tmp_path / "reports")]) == 1
    assert expected in capsys.readouterr().err
    assert main(["score", str(params), "--out", str(tmp_path / "scores.csv")]) == 0  # scoring them is no report
