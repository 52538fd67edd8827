"""Validation of the methods beyond one threshold on one total: components, groups and their
weights, group-grain data, ``rank_within``. Each problem names the file, the row (or line)
and the column (or key)."""

from __future__ import annotations

import copy

import pytest

from egovnb.core.assessment import assess
from egovnb.core.errors import InputError
from egovnb.insight.validation import validate

from ..conftest import POINTS_TIER

COMPONENTS = {
    "san-sang": {"label": "Điều kiện sẵn sàng", "rank_by": "points", "max_points": 40,
                 "levels": [{"name": "I", "min": 38}, {"name": "II", "min": 34}]},
    "ket-qua": {"label": "Kết quả CQĐT", "rank_by": "points", "max_points": 80,
                "levels": [{"name": "I", "min": 76}, {"name": "II", "min": 68}]},
}
GIA_LAI = {"tiers": {
    "huyen": {"label": "UBND cấp huyện", "rank_by": "points", "components": COMPONENTS, "level_by": "lowest",
              "below": "Chưa đạt"},
    "xa": {**POINTS_TIER, "rank_below": False},
}}
SUMMARY = "tier,unit,component,max_points,excluded_points,achieved_points\n"
GROUPS = [{"id": "1", "title": "Hạ tầng số", "weight": 100, "max_points": {"dti": 100}},
          {"id": "2", "title": "Chính quyền số", "weight": 200, "max_points": {"dti": 100}},
          {"id": "3", "title": "Đô thị thông minh", "weight": 0, "max_points": {"dti": 50}}]
DTI = {"tiers": {"dti": {"label": "Sở, ban, ngành — DTI", "rank_by": "index", "index_scale": 1000,
                         "levels": [{"name": "Tốt", "min": 0.8}, {"name": "Khá", "min": 0.65}], "below": "Yếu"}},
       "groups": GROUPS}


def problems_of(project, data_text, framework, name="units.csv"):
    project.write(name, data_text)
    return [str(p) for p in validate(project.params(name, framework))]


def only(problems):
    assert len(problems) == 1, problems
    return problems[0]


def test_valid_components_score(project):
    rows = SUMMARY + "huyen,TP. Pleiku,san-sang,40,0,38\nhuyen,TP. Pleiku,ket-qua,80,0,70\n"
    assert problems_of(project, rows, GIA_LAI) == []


def test_unknown_component(project):
    rows = SUMMARY + "huyen,TP. Pleiku,san-sang,40,0,38\nhuyen,TP. Pleiku,ket-qua-2,80,0,70\n"
    problems = problems_of(project, rows, GIA_LAI)
    assert any("units.csv, row 3, column 'component': unknown component 'ket-qua-2'; tier 'huyen' has components: "
               "san-sang (Điều kiện sẵn sàng), ket-qua (Kết quả CQĐT)" in p for p in problems), problems


def test_a_component_named_on_a_tier_without_components(project):
    rows = SUMMARY + "xa,Xã Ia Phìn,san-sang,100,0,70\n"
    assert "row 2, column 'component': tier 'xa' has no components; leave this empty" in only(
        problems_of(project, rows, GIA_LAI))


def test_unit_missing_a_component(project):
    rows = SUMMARY + "huyen,TP. Pleiku,san-sang,40,0,38\nhuyen,Đức Cơ,ket-qua,80,0,70\nhuyen,Đức Cơ,san-sang,40,0,30\n"
    assert ("row 2, column 'component': unit 'TP. Pleiku' has no row for component 'ket-qua' (Kết quả CQĐT)"
            in only(problems_of(project, rows, GIA_LAI)))


def test_missing_component_column(project):
    rows = "tier,unit,max_points,excluded_points,achieved_points\nhuyen,TP. Pleiku,120,0,100\n"
    problems = problems_of(project, rows, GIA_LAI)
    assert any("units.csv: missing column 'component': tier 'huyen' has components (san-sang, ket-qua)" in p
               for p in problems), problems


def test_component_maxima_that_disagree_with_the_data(project):
    rows = SUMMARY + "huyen,TP. Pleiku,san-sang,50,0,38\nhuyen,TP. Pleiku,ket-qua,80,0,70\n"
    assert ("row 2, column 'max_points': 50 differs from the framework's maximum of 40 for component 'san-sang' "
            "of tier 'huyen'" in only(problems_of(project, rows, GIA_LAI)))


def test_component_maxima_that_disagree_with_the_tier_maximum(project):
    framework = copy.deepcopy(GIA_LAI)
    framework["tiers"]["huyen"]["max_points"] = 150
    problems = problems_of(project, SUMMARY + "huyen,A,san-sang,40,0,38\nhuyen,A,ket-qua,80,0,70\n", framework)
    assert "framework.yaml, line" in only(problems) and "column 'tiers.huyen.max_points': 150 is not the sum of " \
                                                          "the components' maxima (120)" in only(problems)


def test_level_by_lowest_needs_components(project):
    framework = {"tiers": {"huyen": {"rank_by": "points", "level_by": "lowest"}}}
    problem = only(problems_of(project, SUMMARY, framework))
    assert "framework.yaml, line 4, column 'tiers.huyen.level_by': level_by: lowest takes the lowest" in problem


def test_negative_weight_and_only_zero_weights(project):
    framework = copy.deepcopy(DTI)
    framework["groups"][1]["weight"] = -1
    problem = only(problems_of(project, "tier,unit,group,points\n", framework))
    assert "column 'groups[2].weight': must be a number ≥ 0" in problem and "framework.yaml, line" in problem
    for group in framework["groups"]:
        group["weight"] = 0
    problems = problems_of(project, "tier,unit,group,points\n", framework)
    assert any("column 'groups': every group has weight 0, so no index can be computed" in p for p in problems)


def test_a_group_the_framework_does_not_know(project):
    rows = "tier,unit,group,points\ndti,Sở Y tế,1,80\ndti,Sở Y tế,Chính quyền số,70\ndti,Sở Y tế,3,N/A\n" \
           "dti,Sở Y tế,Kinh tế số,40\n"
    assert ("row 5, column 'group': unknown group 'Kinh tế số'; the framework's groups: 1, 2, 3"
            in only(problems_of(project, rows, DTI)))


def test_unit_missing_a_group(project):
    rows = "tier,unit,group,points\ndti,Sở Y tế,1,80\ndti,Sở Y tế,3,10\n"
    assert ("row 2, column 'group': unit 'Sở Y tế' has no row for groups 2; add them (empty or N/A where a group "
            "does not apply)" in only(problems_of(project, rows, DTI)))


def test_wide_data_missing_a_group_column_and_a_column_matching_no_group(project):
    rows = "tier,unit,Hạ tầng số,đô thị  THÔNG MINH,Kinh tế số\ndti,Sở Y tế,80,10,5\n"
    problems = problems_of(project, rows, DTI)
    assert any("units.csv, row 1, column 'Kinh tế số': this column matches no group of the framework" in p
               for p in problems), problems
    assert any("units.csv: no column for group '2' (Chính quyền số), which tier(s) dti are scored on" in p
               for p in problems), problems


def test_wide_data_points_for_a_group_outside_the_tier(project):
    framework = copy.deepcopy(DTI)
    framework["tiers"]["so-nganh"] = {"rank_by": "points"}
    framework["groups"][0]["max_points"]["so-nganh"] = 60
    rows = "tier,unit,1,2,3\ndti,Sở Y tế,80,70,N/A\nso-nganh,Sở Tư pháp,50,,\nso-nganh,Sở Nội vụ,50,20,\n"
    assert ("row 4, column '2': points for group '2', which is not a group of tier 'so-nganh'"
            in only(problems_of(project, rows, framework)))


def test_index_tier_unit_with_no_weighted_group_that_applies(project):
    rows = "tier,unit,1,2,3\ndti,Sở Y tế,N/A,N/A,40\n"
    assert ("row 2: unit 'Sở Y tế': no group of weight above 0 applies to it, so it has no index"
            in only(problems_of(project, rows, DTI)))


def test_index_tier_at_summary_grain(project):
    rows = "tier,unit,max_points,excluded_points,achieved_points\ndti,Sở Y tế,250,0,200\n"
    assert "ranks by index, which weighs criteria groups: give its data at group grain" in only(
        problems_of(project, rows, DTI))


def test_rank_within_naming_a_column_the_data_lack(project):
    framework = {"tiers": {"xa": {**POINTS_TIER, "rank_within": "district"}}}
    rows = "tier,unit,max_points,excluded_points,achieved_points\nxa,Xã Ia Phìn,100,0,70\n"
    assert ("units.csv: tier 'xa' ranks within column 'district' (rank_within in the framework), but the data "
            "have no such column" in only(problems_of(project, rows, framework)))


def test_a_text_column_is_kept_and_its_values_must_agree_per_unit(project):
    framework = {"tiers": {"xa": POINTS_TIER}}
    rows = "tier,unit,max_points,excluded_points,achieved_points,District\nxa,Xã Ia Phìn,100,0,70,Chư Prông\n"
    params = project.params(project.write("units.csv", rows).name, framework)
    assert assess(params).ranked["district"].tolist() == ["Chư Prông"]
    framework["criteria"] = [{"id": "1", "group": "G", "max_points": 60}, {"id": "2", "group": "G", "max_points": 40}]
    rows = "tier,unit,criterion,points,district\nxa,Xã Ia Phìn,1,50,Chư Prông\nxa,Xã Ia Phìn,2,20,Chư Păh\n"
    assert "row 3, column 'district': unit 'Xã Ia Phìn' has 'Chư Păh' here but 'Chư Prông' on row 2" in only(
        problems_of(project, rows, framework))


def test_columns_that_look_like_mistakes_are_still_reported(project):
    framework = {"tiers": {"xa": POINTS_TIER}}
    rows = "tier,unit,max_points,excluded_points,achieved_points,evaluted,index\nxa,Xã Ia Phìn,100,0,70,no,1\n"
    problems = problems_of(project, rows, framework)
    assert any("column 'evaluted': unknown column; did you mean 'evaluated'?" in p for p in problems), problems
    assert any("column 'index': unknown column; egovnb computes 'index' itself" in p for p in problems), problems


@pytest.mark.parametrize("framework, message", [
    ({"tiers": {"t": {"components": {"a": {"levels": [{"name": "I", "min": 2}]}}}}}, "tiers.t.components.a.levels[1].min"),
    ({"tiers": {"t": {"level_by": "highest"}}}, "'highest' is not one of: total, lowest"),
    ({"tiers": {"t": {"rank_below": "sometimes"}}}, "tiers.t.rank_below': must be true or false"),
    ({"tiers": {"t": {"rank_by": "index"}}}, "rank_by: index weighs criteria groups"),
    ({"tiers": {"t": {"index_scale": -5}}}, "tiers.t.index_scale': must be a positive number"),
    ({"tiers": {"t": {}}, "groups": [{"id": "1", "component": "x", "max_points": 5}]}, "unknown component 'x'"),
    ({"tiers": {"t": {}}, "groups": [{"id": "1", "max_points": {"u": 5}}]}, "groups[1].max_points.u': unknown tier"),
    ({"tiers": {"t": {}}, "groups": [{"id": "1"}], "criteria": [{"id": "c", "group": "2", "max_points": 1}]},
     "'2' is not a group of the framework"),
    ({"tiers": {"t": {"components": {"a": {}, "b": {}}}},
      "groups": [{"id": "1", "component": "a", "max_points": 5}, {"id": "2", "max_points": 5}]},
     "group '2' (2) names no component of this tier"),
    ({"tiers": {"t": {"components": {"a": {"levels": [{"name": "I", "min": 0.9}]}}, "level_by": "lowest",
                      "levels": [{"name": "I", "min": 0.9}]}}}, "not used with level_by: lowest"),
])
def test_framework_mistakes_name_the_key(project, framework, message):
    with pytest.raises(InputError) as error:
        assess(project.params(project.write("units.csv", SUMMARY).name, framework))
    assert message in str(error.value) and "framework.yaml" in str(error.value)
