"""An illustrative national data set: many province-years of criterion-grain data, seeded.

Every score is random. Every file written says so: ``#`` lines at the top of
each CSV, a YAML comment and ``illustrative: true`` with a ``note`` in each
params file, and a README. Who the units are: :mod:`egovnb.demo.places`; the
framework and the points: :mod:`egovnb.demo.scores`.

The layout written under ``OUT_DIR``::

    README.md
    params/<slug>-<year>.yaml              one params file per province-year
    params/frameworks/<slug>-<year>.yaml   its framework (tiers, levels, 21 criteria per tier)
    data/<slug>/<year>/units.csv           criterion grain: tier, unit, criterion, points, evaluated, note

so that ``egovnb batch OUT_DIR/params`` renders every province-year.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from egovnb.core.errors import EgovnbError
from egovnb.core.export import atomic_path
from egovnb.core.outputs import check_outputs, mark_written, not_ours, same_bytes
from egovnb.core.text import slugify
from egovnb.demo.places import REFORM_YEAR, ProvinceUnits, province_names, province_units, provinces_after
from egovnb.demo.scores import CRITERIA, TIERS, criterion_points, tiers_of

FIRST_YEAR = 2018  # the national method (Quyết định 2392/QĐ-BTTTT) dates from the end of 2017
LAST_YEAR = 2100


@dataclass(frozen=True)
class DemoSet:
    """What :func:`generate` wrote: the params files, and how many units of each tier."""

    out_dir: Path
    params_files: tuple[Path, ...]
    province_years: int
    units: dict[str, int]
    rows: int


def parse_years(text: str) -> tuple[int, ...]:
    """``2022-2024`` → (2022, 2023, 2024); ``2025`` → (2025,); also ``2022,2024``."""
    years: list[int] = []
    for part in str(text).replace(" ", "").split(","):
        match = re.fullmatch(r"(\d{4})(?:[-–](\d{4}))?", part)
        if not match:
            raise EgovnbError(f"--years: '{text}' is not a year or a range such as 2022-2024")
        first, last = int(match[1]), int(match[2] or match[1])
        if first > last:
            raise EgovnbError(f"--years: {first}-{last} runs backwards; write {last}-{first}")
        years.extend(range(first, last + 1))
    bad = [y for y in years if not FIRST_YEAR <= y <= LAST_YEAR]
    if bad:
        raise EgovnbError(f"--years: {bad[0]} is outside {FIRST_YEAR}–{LAST_YEAR}")
    return tuple(sorted(set(years)))


def illustrative_note(seed: int) -> str:
    return (f"Dữ liệu minh họa do egovnb demo-data sinh ngẫu nhiên (seed {seed}); "
            "không phải kết quả đánh giá đã công bố. Tên tỉnh, tên cơ quan là thật; "
            "tên huyện, xã và mọi điểm số là giả định.")


def generate(out_dir: str | Path, *, provinces: int = 34, years=(2022, 2023, 2024), seed: int = 0,
             scale: float = 1.0) -> DemoSet:
    """Write the illustrative national data set under ``out_dir`` (see the module docstring).

    ``provinces``: how many provinces (1–63; years from 2025 have at most 34);
    ``years``: assessment years; ``seed``: the same seed gives byte-identical
    files; ``scale``: multiplies district and commune counts (1.0 = issue 5 sizes).
    """
    if not 1 <= provinces <= 63:
        raise EgovnbError(f"--provinces: {provinces} is not between 1 and 63")
    if not scale > 0:
        raise EgovnbError("scale must be more than 0")
    years = tuple(sorted(set(int(y) for y in years)))
    out_dir = Path(out_dir)
    params_dir = out_dir / "params"
    units_cache: dict[tuple[str, bool], ProvinceUnits] = {}

    def units_of(province: str, after: bool) -> ProvinceUnits:
        if (province, after) not in units_cache:
            units_cache[(province, after)] = province_units(province, after, seed, scale)
        return units_cache[(province, after)]

    jobs = []
    for year in years:
        after = year >= REFORM_YEAR
        for province in province_names(provinces, year):
            slug = slugify(province)
            previous = year - 1 if (year - 1 in years and (year - 1 >= REFORM_YEAR) == after) else None
            jobs.append((year, province, after, out_dir / "data" / slug / str(year) / "units.csv",
                         params_dir / "frameworks" / f"{slug}-{year}.yaml",
                         params_dir / f"{slug}-{year}.yaml", previous))
    _check_targets(out_dir, jobs, seed, units_of)
    written: list[Path] = []
    made: list[Path] = []
    counts = {tier: 0 for tier in TIERS}
    rows = 0
    for year, province, after, data_path, framework_path, params_path, previous in jobs:
        data = criterion_points(units_of(province, after), year, seed)
        _write_text(data_path, data_csv(data, province, year, seed))
        _write_text(framework_path, framework_yaml(province, year, seed))
        _write_text(params_path, params_yaml(province, year, seed, previous))
        made += [data_path, framework_path, params_path]
        written.append(params_path)
        rows += len(data)
        for tier, n in data.drop_duplicates(["tier", "unit"])["tier"].value_counts().items():
            counts[tier] += int(n)
    _write_text(out_dir / "README.md", readme(provinces, years, seed, counts, len(written)))
    mark_written(made + [out_dir / "README.md"], out_dir)  # one manifest for the whole set
    return DemoSet(out_dir=out_dir, params_files=tuple(written), province_years=len(written),
                   units=counts, rows=rows)


def data_csv(data: pd.DataFrame, province: str, year: int, seed: int) -> str:
    """The CSV text of a province-year, with ``#`` lines saying the data are illustrative."""
    header = (f"# DỮ LIỆU MINH HỌA (illustrative data), không phải số liệu công bố: {province}, năm {year}.\n"
              f"# {illustrative_note(seed)}\n")
    return header + data.to_csv(index=False, lineterminator="\n")


def framework_yaml(province: str, year: int, seed: int) -> str:
    """The framework file of a province-year: tiers, levels and criteria, marked illustrative."""
    q = _quote
    lines = [
        f"# KHUNG TIÊU CHÍ MINH HỌA (illustrative framework) — {province}, năm {year}; egovnb demo-data, seed {seed}.",
        "# Not a published framework: criteria groups follow published ones (Hưng Yên 2019), thresholds follow",
        "# Thừa Thiên Huế 2020 (rate) and Gia Lai 2022 (points, communes under 62 not ranked).",
        "tiers:",
    ]
    for key in tiers_of(year):
        tier = TIERS[key]
        lines += [f"  {key}:", f"    label: {q(tier['label'])}", f"    rank_by: {tier['rank_by']}", "    levels:"]
        lines += [f"      - {{name: {q(name)}, min: {minimum:g}}}" for name, minimum in tier["levels"]]
        lines.append(f"    below: {q(tier['below'])}")
    lines.append("criteria:")
    assessed = set(tiers_of(year))
    for c in CRITERIA:
        tiers = [t for t in c.tiers if t in assessed]
        if tiers:
            lines.append(f"  - {{id: {q(c.id)}, group: {q(c.group)}, title: {q(c.title)}, "
                         f"max_points: {c.max_points:g}, tiers: [{', '.join(tiers)}]}}")
    return "\n".join(lines) + "\n"


def params_yaml(province: str, year: int, seed: int, previous_year: int | None) -> str:
    """The params file of a province-year (paths relative to it), marked illustrative."""
    slug, q = slugify(province), _quote
    lines = [
        f"# DỮ LIỆU MINH HỌA (illustrative): {province}, năm {year}; egovnb demo-data, seed {seed}.",
        "# Not published results: every score was drawn at random.",
        f"province: {q(province)}",
        f"year: {year}",
        f"title: {q(f'Kết quả đánh giá, xếp hạng mức độ Chính quyền điện tử năm {year} (dữ liệu minh họa)')}",
        f"data: ../data/{slug}/{year}/units.csv",
        f"framework: frameworks/{slug}-{year}.yaml",
    ]
    if previous_year is not None:
        lines.append(f"previous: {slug}-{previous_year}.yaml")
    lines += ["language: vi", "illustrative: true", f"note: {q(illustrative_note(seed))}"]
    return "\n".join(lines) + "\n"


def readme(provinces: int, years: tuple[int, ...], seed: int, counts: dict[str, int], province_years: int) -> str:
    span = f"{years[0]}–{years[-1]}" if len(years) > 1 else str(years[0])
    return f"""# DỮ LIỆU MINH HỌA — illustrative national data set

Written by `egovnb demo-data --provinces {provinces} --years {span} --seed {seed}`.
**Nothing here is a published result.** Province and department names are real; district and
commune names are made up from common place-name syllables; every score was drawn at random.

- {province_years} province-years; units counted over all years: {counts['so-nganh']} department-years,
  {counts['huyen']} district-years, {counts['xa']} commune-years.
- Before 2025: the 63 provinces, with district People's Committees (tier `huyen`); from 2025: the
  34 provinces and cities of Nghị quyết 202/2025/QH15, no district tier.
- Criterion-grain CSV (`data/<province>/<year>/units.csv`), `N/A` where a criterion does not apply;
  units not evaluated have `evaluated = không` and a note.

Render every report, then open `reports/index.html`:

    egovnb batch params --reports reports
"""


def _quote(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _check_targets(out_dir: Path, jobs, seed: int, units_of) -> None:
    """Before anything is written: every file the set would replace must have been written by
    egovnb (recorded in ``OUT_DIR/.egovnb-written``) or already hold exactly what would be
    written; otherwise an EgovnbError naming it (``egovnb demo-data .`` in a repository must
    not replace its README, params or data)."""
    readme_path = out_dir / "README.md"
    if not _demo_readme(readme_path):  # one from before manifests is recognised by its first lines
        check_outputs([readme_path], root=out_dir)
    for year, province, after, data_path, framework_path, params_path, previous in jobs:
        texts = {framework_path: lambda: framework_yaml(province, year, seed),
                 params_path: lambda: params_yaml(province, year, seed, previous),
                 data_path: lambda: data_csv(criterion_points(units_of(province, after), year, seed),
                                             province, year, seed)}
        for path, text in texts.items():
            if path.exists() and not_ours(path) and not_ours(path, text().encode("utf-8")):
                check_outputs([path], root=out_dir)  # raises, naming the file and why


def _demo_readme(path: Path) -> bool:
    """Whether ``path`` is the README of a demo set (its title and first line as :func:`readme`
    writes them)."""
    try:
        with open(path, encoding="utf-8") as handle:
            head = handle.read(200)
    except (OSError, UnicodeDecodeError):
        return False
    return head.startswith("# DỮ LIỆU MINH HỌA — illustrative national data set\n\nWritten by `egovnb demo-data ")


def _write_text(path: Path, text: str) -> None:
    """Write atomically, and leave a file alone when its bytes would not change (so that
    regenerating with the same seed does not make a batch re-render anything)."""
    data = text.encode("utf-8")
    if path.is_file() and same_bytes(path, data):
        return
    with atomic_path(path) as temporary:
        temporary.write_bytes(data)


def cli_demo_data(args) -> int:
    """``egovnb demo-data OUT_DIR [--provinces N] [--years 2022-2024] [--seed S]``."""
    years = parse_years(args.years)
    demo = generate(args.out_dir, provinces=args.provinces, years=years, seed=args.seed)
    after = [y for y in years if y >= REFORM_YEAR]
    if after and args.provinces > len(provinces_after()):
        print(f"note: {args.provinces} provinces asked, but from {REFORM_YEAR} there are "
              f"{len(provinces_after())}: years from {REFORM_YEAR} have {len(provinces_after())}")
    print(f"{demo.out_dir}: ILLUSTRATIVE data, {demo.province_years} province-years, "
          f"{demo.units['so-nganh']} department-, {demo.units['huyen']} district- and "
          f"{demo.units['xa']} commune-years, {demo.rows} rows")
    print(f"render them: egovnb batch {demo.out_dir / 'params'}")
    return 0
