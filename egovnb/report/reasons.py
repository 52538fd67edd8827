"""Why a unit of a ``level_by: lowest`` tier has its level: the component that holds it back.

Gia Lai ranks by total points but levels by the lowest of two components, so the first
unit can be at level II; the report says which component holds each unit there.
"""

from __future__ import annotations

from egovnb.core.framework import NOT_EVALUATED
from egovnb.insight.gaps import holding_components
from egovnb.report import fmt
from egovnb.report.labels import label


def holding_labels(assessment, tier_key: str) -> dict[str, str]:
    """Unit → the label(s) of the component(s) holding its level (``level_by: lowest`` tiers;
    units at the top level and units not evaluated have none)."""
    tier = assessment.framework.tiers[tier_key]
    if tier.level_by != "lowest":
        return {}
    ranked = assessment.ranked
    rows = ranked[ranked["tier"] == tier_key]
    holding = holding_components(rows, assessment.framework)
    names = {c.key: c.label for c in tier.components}
    return {unit: "; ".join(names[k] for k in keys.split("; ")) for unit, keys in zip(rows["unit"], holding)
            if isinstance(keys, str)}


def level_reasons(assessment, tier_key: str, language: str | None = None) -> dict[str, str]:
    """Unit → why it has its level: "II vì Điều kiện sẵn sàng ở mức II", for the evaluated
    units of a ``level_by: lowest`` tier that a component holds below the top level; empty
    for other tiers."""
    tier = assessment.framework.tiers[tier_key]
    holding = holding_labels(assessment, tier_key)
    if not holding:
        return {}
    language = language or assessment.params.language
    first = {c.label: c.key for c in tier.components}
    rows = assessment.ranked[assessment.ranked["tier"] == tier_key]
    reasons = {}
    for _, row in rows.iterrows():
        held = holding.get(row["unit"])
        if held is None or row["level"] == NOT_EVALUATED or row["level"] is None:
            continue
        component_level = row[f"{first[held.split('; ')[0]]}_level"]
        reasons[row["unit"]] = label("why_level", language, level=fmt.level(row["level"], language),
                                     components=label("and", language).join(held.split("; ")),
                                     component_level=fmt.level(component_level, language))
    return reasons
