"""``make bench``: speed and memory of egovnb on this machine, printed as ``name: value unit``.

Every figure is measured in a fresh process, as a user would meet it, so that
imports, start-up and peak memory are counted honestly. Lines starting with
``#`` say what a figure means and the target it is held to (README,
"Benchmarks"). Scratch files go to bench/out/ (git-ignored); synthetic inputs
there are illustrative and say so.

    python bench/bench.py                 # everything (about 30 minutes on 2 cores)
    python bench/bench.py scoring report  # some sections: scoring, report, batch, sensitivity, charts
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
PYTHON = sys.executable
EGOVNB = [PYTHON, "-m", "egovnb"]
CRITERIA = 60
SECTIONS = ("scoring", "report", "batch", "sensitivity", "charts", "preview")
CHART_TIERS = (20, 200, 300)  # units in the tier of the per-chart figures


def say(name: str, value: float, unit: str, digits: int = 2) -> None:
    print(f"{name}: {value:.{digits}f} {unit}", flush=True)


def note(text: str) -> None:
    print(f"# {text}", flush=True)


# --- Synthetic criterion-grain data (illustrative) --------------------------------------------------
def synthetic(units: int, criteria: int = CRITERIA, seed: int = 0, year: int = 2025) -> Path:
    """Params, framework and a criterion-grain CSV of ``units`` communes × ``criteria`` criteria
    (points tier, 5 % not applicable, 1 % not evaluated), written once and reused."""
    import numpy as np
    import pandas as pd

    folder = OUT / (f"synthetic-{units}x{criteria}" + (f"-seed{seed}-{year}" if seed or year != 2025 else ""))
    params = folder / "params.yaml"
    if params.is_file():
        return params
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    framework = ["# ILLUSTRATIVE benchmark framework (bench/bench.py)", "tiers:",
                 "  xa: {label: UBND cấp xã, rank_by: points, below: Không xếp hạng, levels: "
                 "[{name: I, min: 90}, {name: II, min: 80}, {name: III, min: 70}, {name: IV, min: 62}]}",
                 "criteria:"]
    maximum = 2.0  # points per criterion: 120 for a unit, so the thresholds above sit in the spread
    for j in range(criteria):
        framework.append(f"  - {{id: 'C{j + 1:02d}', group: 'Nhóm {j % 5 + 1}', title: 'Tiêu chí {j + 1}', "
                         f"max_points: {maximum:g}, tiers: [xa]}}")
    (folder / "framework.yaml").write_text("\n".join(framework) + "\n", encoding="utf-8")
    names = np.array([f"Xã Thử Nghiệm {i + 1}" for i in range(units)], dtype=object)
    points = np.round(np.clip(rng.normal(0.68, 0.15, (units, criteria)), 0, 1) * maximum * 4) / 4
    cells = np.array(["0", "0.25", "0.5", "0.75", "1", "1.25", "1.5", "1.75", "2"], dtype=object)[
        (points * 4).astype(int)]
    cells[rng.random((units, criteria)) < 0.05] = "N/A"
    evaluated = np.where(rng.random(units) < 0.01, "không", "")
    table = pd.DataFrame({
        "tier": "xa",
        "unit": np.repeat(names, criteria),
        "criterion": np.tile(np.array([f"C{j + 1:02d}" for j in range(criteria)], dtype=object), units),
        "points": cells.reshape(-1),
        "evaluated": np.repeat(evaluated, criteria),
    })
    with open(folder / "units.csv", "w", encoding="utf-8", newline="") as handle:
        handle.write("# ILLUSTRATIVE benchmark data (bench/bench.py): random points, not published results\n")
        table.to_csv(handle, index=False, lineterminator="\n")
    params.write_text(f"# ILLUSTRATIVE benchmark params\nprovince: Tỉnh Thử Nghiệm\nyear: {year}\n"
                      "data: units.csv\nframework: framework.yaml\nillustrative: true\n", encoding="utf-8")
    return params


def synthetic_charts(units: int) -> Path:
    """A folder of params for every kind of chart over one tier of ``units`` communes: the
    synthetic data with last year's (``params.yaml``, ``previous:``), the same data ranked by an
    index of the five groups (``index.yaml``) and with two components (``components.yaml``)."""
    folder = OUT / f"charts-{units}"
    if (folder / "components.yaml").is_file():
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    this_year, last_year = synthetic(units).parent, synthetic(units, seed=1, year=2024).parent
    criteria = [line for line in (this_year / "framework.yaml").read_text(encoding="utf-8").splitlines()
                if line.startswith("  - {id: 'C")]
    groups = "groups:\n" + "".join(f"  - {{id: '{g}', title: Nhóm {g}, weight: {10 * g}"
                                   f"{', component: ' + ('san-sang' if g <= 3 else 'ket-qua')}}}\n" for g in range(1, 6))
    index = ("# ILLUSTRATIVE benchmark framework (bench/bench.py)\ntiers:\n  xa: {label: UBND cấp xã, rank_by: index, "
             "index_scale: 1000, below: Yếu, levels: [{name: Tốt, min: 0.8}, {name: Khá, min: 0.65}, "
             "{name: Trung bình, min: 0.5}]}\n")
    components = ("# ILLUSTRATIVE benchmark framework (bench/bench.py)\ntiers:\n  xa:\n    label: UBND cấp xã\n"
                  "    rank_by: points\n    level_by: lowest\n    below: Chưa đạt\n    components:\n"
                  "      san-sang: {label: Điều kiện sẵn sàng, rank_by: points, below: Chưa đạt, levels: "
                  "[{name: I, min: 60}, {name: II, min: 52}, {name: III, min: 45}]}\n"
                  "      ket-qua: {label: Kết quả CQĐT, rank_by: points, below: Chưa đạt, levels: "
                  "[{name: I, min: 40}, {name: II, min: 35}, {name: III, min: 30}]}\n")
    header = "# ILLUSTRATIVE benchmark params\nprovince: Tỉnh Thử Nghiệm\nillustrative: true\n"
    files = {
        "framework-index.yaml": index + groups.replace(", component: san-sang", "").replace(", component: ket-qua", "")
        + "criteria:\n" + "\n".join(criteria) + "\n",
        "framework-components.yaml": components + groups + "criteria:\n" + "\n".join(criteria) + "\n",
        "previous.yaml": header + f"year: 2024\ndata: {last_year.name}/units.csv\n"
                         f"framework: {last_year.name}/framework.yaml\n",
        "params.yaml": header + f"year: 2025\ndata: {this_year.name}/units.csv\nframework: {this_year.name}/framework.yaml\n"
                       "previous: previous.yaml\n",
        "index.yaml": header + f"year: 2025\ndata: {this_year.name}/units.csv\nframework: framework-index.yaml\n",
        "components.yaml": header + f"year: 2025\ndata: {this_year.name}/units.csv\n"
                           "framework: framework-components.yaml\n",
    }
    for name, text in files.items():
        (folder / name).write_text(text.replace(f"{this_year.name}/", f"../{this_year.name}/")
                                   .replace(f"{last_year.name}/", f"../{last_year.name}/"), encoding="utf-8")
    return folder


# --- Children: each measurement runs in its own process ------------------------------------------------
def child_score(params: str) -> dict:
    """assess() from the files, then check_units + score on the table already in memory."""
    from egovnb.core.assessment import assess, score
    from egovnb.core.read_table import read_table
    from egovnb.core.params import load_params
    from egovnb.core.check_table import check_units

    started = time.perf_counter()
    assessment = assess(params)
    assess_seconds = time.perf_counter() - started
    assess_peak = _peak_mib()
    loaded = load_params(params)
    table = read_table(loaded.data, loaded.sheet)
    started = time.perf_counter()
    unit_data = check_units(table, loaded.framework)
    ranked = score(unit_data, loaded.framework)
    memory_seconds = time.perf_counter() - started
    return {"assess_s": assess_seconds, "assess_peak_mib": assess_peak, "in_memory_s": memory_seconds,
            "peak_mib": _peak_mib(), "units": len(assessment.scores), "ranked": int(ranked["rank"].notna().sum())}


def child_profile(params: str) -> dict:
    """Where assess() spends its time, by function (cumulative seconds, top entries)."""
    import cProfile
    import pstats

    from egovnb.core.assessment import assess

    profiler = cProfile.Profile()
    profiler.enable()
    assess(params)
    profiler.disable()
    stats = pstats.Stats(profiler)
    rows = []
    for (filename, line, function), (_, _, _, cumulative, _) in stats.stats.items():
        if "egovnb" in filename or "pandas/io" in filename:
            rows.append((cumulative, f"{Path(filename).name}:{line}:{function}"))
    return {"top": sorted(rows, reverse=True)[:8]}


def child_batch(params_dir: str, reports: str, jobs: str, force: str) -> dict:
    """One batch through the API (as the CLI runs it), timed from its imports to its summary (the
    pages are checked after); worker and kernel peak memory."""
    started = time.perf_counter()
    from egovnb.batch.run import run_batch

    result = run_batch(params_dir, jobs=int(jobs), force=force == "1", reports_root=reports, progress=False)
    wall = time.perf_counter() - started
    rendered = result.with_status("rendered")
    return {"rendered": len(rendered), "skipped": len(result.with_status("skipped")),
            "failed": len(result.with_status("failed")), "seconds": result.seconds, "wall": wall,
            "worker_mib": max((o.worker_mib for o in rendered), default=0.0),
            "kernel_mib": max((o.kernel_mib for o in rendered), default=0.0),
            "messages": [o.message for o in result.with_status("failed")][:3],
            "invalid": [str(o.report) for o in rendered if not _valid_page(o.report, o.job.province)]}


def _valid_page(page: Path, province: str) -> bool:
    """A rendered page is whole: it parses as HTML with every element closed, it names its
    province, has a chart per tier with the numbers behind it, and ends where the template ends."""
    from html.parser import HTMLParser

    class Balance(HTMLParser):
        VOID = {"meta", "img", "br", "hr", "link", "input", "col", "source", "wbr"}

        def __init__(self):
            super().__init__()
            self.open: list[str] = []
            self.broken = False

        def handle_starttag(self, tag, attrs):
            if tag not in self.VOID:
                self.open.append(tag)

        def handle_endtag(self, tag):
            if not self.open or self.open.pop() != tag:
                self.broken = True

    text = Path(page).read_text(encoding="utf-8")
    checker = Balance()
    checker.feed(text)
    checker.close()
    return (not checker.broken and not checker.open and province in text
            and "data:image/svg+xml;base64," in text and text.rstrip().endswith("</html>"))


def child_sensitivity(params: str) -> dict:
    from egovnb.insight import sensitivity
    from egovnb.core.assessment import assess

    assessment = assess(params)
    started = time.perf_counter()
    sensitivity.analyse(assessment, draws=1000, seed=0)
    return {"seconds": time.perf_counter() - started, "peak_mib": _peak_mib()}


def _chart_kinds(folder: Path) -> dict:
    """Each kind of chart over the one tier of :func:`synthetic_charts`, as a function drawing it
    (inputs computed first: only the chart is timed)."""
    from egovnb.core.assessment import assess
    from egovnb.insight import sensitivity
    from egovnb.report import blocks, charts_sensitivity, charts_tier, charts_years, methods, scorecard

    base, index, parts = (assess(folder / f"{name}.yaml") for name in ("params", "index", "components"))
    tier = base.framework.tiers["xa"]
    previous, comparison = blocks.year_on_year(base)
    result = sensitivity.analyse(base, draws=200, seed=0)
    card = scorecard.build(base.params, base.ranked["unit"].iloc[len(base.ranked) // 2], assessment=base)
    return {
        "ranking": lambda: charts_tier.ranking_chart(base.ranked, tier),
        "levels": lambda: charts_tier.level_distribution_chart(base.scores, tier),
        "heatmap": lambda: charts_tier.group_heatmap(base.criteria_points, base.scores, tier, base.framework.groups),
        "slope": lambda: charts_years.slope_chart(comparison, tier, previous.params.year, base.params.year),
        "intervals": lambda: charts_sensitivity.rank_interval_chart(result, tier),
        "components": lambda: methods.component_chart(parts, "xa"),
        "pillars": lambda: methods.pillar_chart(index, "xa"),
        "scorecard": lambda: [card.position_chart(), card.groups_chart(), card.history_chart()],
    }


def _chart_bytes(charts) -> int:
    charts = charts if isinstance(charts, list) else [charts]
    return sum(len(getattr(c, "svg", None) or getattr(c, "png", b"")) for c in charts if c is not None)


def child_charts(folder: str, rounds: str = "3") -> dict:
    """Seconds (median of ``rounds`` after one warm-up) and bytes of each kind of chart."""
    figures = {}
    for kind, draw in _chart_kinds(Path(folder)).items():
        size = _chart_bytes(draw())
        times = []
        for _ in range(int(rounds)):
            started = time.perf_counter()
            draw()
            times.append(time.perf_counter() - started)
        figures[kind] = {"seconds": statistics.median(times), "bytes": size}
    return figures


def child_report_charts(params: str, rounds: str = "3") -> dict:
    """Every chart of one report, as the report notebook draws them (each tier's charts, then
    the year-on-year slopes): the first time in this process, as a report's kernel meets them,
    then the median of ``rounds`` more, split into preparing (the numbers, labels and alt text
    of each chart), building the figure, and saving it (layout, ticks, the SVG written)."""
    from matplotlib.figure import Figure

    from egovnb.core.assessment import assess
    from egovnb.insight import yoy
    from egovnb.report import blocks, charts, charts_tier, charts_years, methods

    assessment = assess(params)
    previous, comparison = blocks.year_on_year(assessment)
    language = assessment.params.language
    spent = {"render": 0.0, "savefig": 0.0, "levels": []}

    def timing(function, key):  # measurement only: wraps what the charts call
        def timed_call(*args, **kwargs):
            started = time.perf_counter()
            result = function(*args, **kwargs)
            spent[key] += time.perf_counter() - started
            return result
        return timed_call

    for module in (charts_tier, charts_years, methods):
        module.render = timing(charts.render, "render")
    Figure.savefig = timing(Figure.savefig, "savefig")

    def draw_all() -> list:
        found = [c for key in assessment.framework.tiers for c in charts_tier.for_tier(assessment, key)]
        if previous is not None:
            for key, tier in yoy.comparison_tiers(assessment, previous).items():
                found += charts_years.for_year_on_year(comparison, tier, previous.params.year,
                                                       assessment.params.year, language)
        return found

    started = time.perf_counter()
    drawn = draw_all()
    first = time.perf_counter() - started
    rows = []
    for _ in range(int(rounds)):
        spent.update(render=0.0, savefig=0.0)
        started = time.perf_counter()
        draw_all()
        rows.append((time.perf_counter() - started, spent["render"], spent["savefig"]))
    total, render, save = rows[sorted(range(len(rows)), key=lambda i: rows[i][0])[len(rows) // 2]]
    tiers = assessment.framework.tiers
    smallest = min(tiers.values(), key=lambda t: len(assessment.scores[assessment.scores["tier"] == t.key]))
    started = time.perf_counter()
    charts_tier.level_distribution_chart(assessment.scores, smallest, language)
    units = assessment.scores.groupby("tier").size()
    return {"first": first, "median": total, "prepare": total - render, "build": render - save, "save": save,
            "one_small_chart": time.perf_counter() - started, "charts": len(drawn),
            "bytes": sum(_chart_bytes(c) for c in drawn), "units": {k: int(v) for k, v in units.items()}}


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


CHILDREN = {"score": child_score, "profile": child_profile, "batch": child_batch,
            "sensitivity": child_sensitivity, "charts": child_charts, "report_charts": child_report_charts}


def run_child(name: str, *args: str, env: dict[str, str] | None = None) -> dict:
    """Run one measurement in a fresh Python (with ``env`` added to the environment); its JSON
    answer is its last stdout line."""
    result = subprocess.run([PYTHON, __file__, "--child", name, *args], cwd=ROOT, capture_output=True, text=True,
                            env={**os.environ, **(env or {})})
    if result.returncode != 0:
        raise RuntimeError(f"{name} failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def timed(command: list[str]) -> float:
    """Wall time of a command, in seconds; it must succeed."""
    started = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{result.stderr[-3000:]}")
    return seconds


# --- Sections ---------------------------------------------------------------------------------------
def bench_scoring() -> None:
    note(f"scoring: read CSV + validate + score + rank (assess), criterion grain, {CRITERIA} criteria; "
         "targets: 10,000 units < 2 s; 100,000 units < 10 s with peak memory < 2 GiB")
    for units, label in ((10_000, "10k"), (100_000, "100k")):
        figures = run_child("score", str(synthetic(units)))
        say(f"score_{label}x{CRITERIA}_assess_time", figures["assess_s"], "s")
        say(f"score_{label}x{CRITERIA}_assess_peak_memory", figures["assess_peak_mib"], "MiB", 0)
        say(f"score_{label}x{CRITERIA}_in_memory_time", figures["in_memory_s"], "s")
        if units == 100_000 and figures["assess_s"] > 10:
            for seconds, where in run_child("profile", str(synthetic(units)))["top"]:
                note(f"  profile: {seconds:6.2f} s cumulative in {where}")


def bench_report(rounds: int = 5) -> None:
    """One report with `egovnb run` against the pipeline an analyst would write by hand on the
    same notebook and params: the papermill CLI, then `jupyter nbconvert --to html --no-input`.
    The two are run in turn, ``rounds`` times, so that other work on the machine slows both alike."""
    from egovnb.publish.notebooks import REPORT_NOTEBOOK

    out = OUT / "report"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    tools = Path(PYTHON).parent
    params = ROOT / "params" / "thua-thien-hue-2020.yaml"
    executed = out / "by-hand" / "thua-thien-hue-2020.ipynb"
    executed.parent.mkdir()
    egovnb = EGOVNB + ["run", str(params), "--reports", str(out / "reports")]
    papermill = [str(tools / "papermill"), str(REPORT_NOTEBOOK), str(executed), "-p", "params", params.name,
                 "--cwd", str(params.parent), "-k", "python3", "--no-progress-bar"]
    nbconvert = [str(tools / "jupyter"), "nbconvert", "--to", "html", "--no-input", str(executed)]
    note(f"one report: `egovnb run params/thua-thien-hue-2020.yaml` (20 units, HTML), wall time of the command; "
         f"by hand: `papermill` CLI then `jupyter nbconvert --to html --no-input` on the same notebook and "
         f"params; {rounds} rounds in turn, medians; target: ratio <= 0.5")
    runs, by_hand = [], []
    for _ in range(rounds):
        runs.append(timed(egovnb))
        by_hand.append(timed(papermill) + timed(nbconvert))
    report, hand = statistics.median(runs), statistics.median(by_hand)
    say("report_time", report, "s")
    say("handwritten_pipeline_time", hand, "s")
    say("report_to_handwritten_ratio", report / hand, "x")


def bench_batch() -> None:
    from egovnb.demo.generate import generate

    national = OUT / "national"
    demo = generate(national, provinces=34, years=range(2021, 2026), seed=0)
    params_dir = national / "params"
    note(f"batch: the illustrative national set (egovnb demo-data --provinces 34 --years 2021-2025): "
         f"{demo.province_years} province-years; wall time of `egovnb batch --force` (fresh reports folder "
         "each time), from its imports to its summary, with --jobs 1 and --jobs 2 (each page is then "
         "checked whole, untimed); targets: jobs 2 < 180 s (goal 120 s), unchanged rerun "
         "< 5 s, a worker with its kernel < 1 GiB")
    figures = {}
    for jobs in (1, 2):
        reports = OUT / f"reports-national-j{jobs}"
        shutil.rmtree(reports, ignore_errors=True)
        figures[jobs] = run_child("batch", str(params_dir), str(reports), str(jobs), "1")
        if figures[jobs]["failed"] or figures[jobs]["invalid"]:
            note(f"  {figures[jobs]['failed']} failed: {figures[jobs]['messages']}; "
                 f"pages not whole: {figures[jobs]['invalid'][:3]}")
        say(f"batch_{demo.province_years}_jobs{jobs}_time", figures[jobs]["wall"], "s")
        say(f"batch_{demo.province_years}_jobs{jobs}_valid_reports",
            figures[jobs]["rendered"] - len(figures[jobs]["invalid"]), "reports", 0)
    say(f"batch_{demo.province_years}_jobs1_to_jobs2_ratio", figures[1]["wall"] / figures[2]["wall"], "x")
    unchanged = timed(EGOVNB + ["batch", str(params_dir), "--jobs", "2",
                                "--reports", str(OUT / "reports-national-j2")])
    say(f"batch_{demo.province_years}_unchanged_rerun_time", unchanged, "s")
    worker = max(f["worker_mib"] for f in figures.values())
    kernel = max(f["kernel_mib"] for f in figures.values())
    say("batch_worker_peak_memory", worker, "MiB", 0)
    say("batch_kernel_peak_memory", kernel, "MiB", 0)
    say("batch_worker_plus_kernel_peak_memory", worker + kernel, "MiB", 0)
    bench_kernel_lever(params_dir)


def bench_kernel_lever(params_dir: Path, provinces: int = 4) -> None:
    """What forking kernels from a zygote gives: the same batch of the first ``provinces``
    provinces' province-years with kernels forked and with each started as a new Python."""
    subset = OUT / "national-subset"
    shutil.rmtree(subset, ignore_errors=True)
    (subset / "params").mkdir(parents=True)
    shutil.copytree(params_dir / "frameworks", subset / "params" / "frameworks")
    (subset / "data").symlink_to(params_dir.parent / "data")
    slugs = sorted({path.stem.rsplit("-", 1)[0] for path in params_dir.glob("*.yaml")})[:provinces]
    for path in params_dir.glob("*.yaml"):
        if path.stem.rsplit("-", 1)[0] in slugs:
            shutil.copy(path, subset / "params" / path.name)
    count = len(list((subset / "params").glob("*.yaml")))
    note(f"kernel lever: `egovnb batch --force --jobs 2` of {count} province-years ({provinces} provinces), "
         "kernels forked from a zygote (the default) and started as new Pythons (EGOVNB_FORK_KERNELS=0), in turn")
    for name, value in (("forked", "1"), ("started", "0")):
        reports = OUT / f"reports-lever-{name}"
        shutil.rmtree(reports, ignore_errors=True)
        started = time.perf_counter()
        run_child("batch", str(subset / "params"), str(reports), "2", "1", env={"EGOVNB_FORK_KERNELS": value})
        say(f"batch_{count}_kernels_{name}_time", time.perf_counter() - started, "s")


def bench_sensitivity() -> None:
    try:
        from egovnb.insight import sensitivity
    except ImportError:
        note("sensitivity: skipped, egovnb.sensitivity is not there yet")
        return
    if not hasattr(sensitivity, "analyse"):
        note("sensitivity: skipped, egovnb.sensitivity has no analyse() yet")
        return
    note(f"sensitivity: analyse(assessment, draws=1000) over 250 units x {CRITERIA} criteria; target < 5 s")
    figures = run_child("sensitivity", str(synthetic(250)))
    say("sensitivity_1000_draws_250x60_time", figures["seconds"], "s")


def bench_charts() -> None:
    from egovnb.demo.generate import generate

    note(f"charts: each kind of chart over one tier of {', '.join(map(str, CHART_TIERS))} communes (synthetic, "
         "criterion grain, 5 groups; slope against last year; 200 sensitivity draws; the scorecard's three "
         "charts of one unit), seconds to draw and save it (median of 3 after a warm-up), and its bytes")
    for units in CHART_TIERS:
        for kind, figures in run_child("charts", str(synthetic_charts(units))).items():
            say(f"charts_{kind}_{units}_time", figures["seconds"], "s", 3)
            say(f"charts_{kind}_{units}_size", figures["bytes"] / 1024, "KiB", 0)
    demo = generate(OUT / "charts-national", provinces=34, years=(2022, 2023), seed=0)
    reports = [p for p in demo.params_files if p.stem.endswith("2023")]
    largest = max(reports, key=lambda p: (p.parent.parent / "data" / p.stem[:-5] / "2023" / "units.csv").stat().st_size)
    figures = run_child("report_charts", str(largest))
    units = ", ".join(f"{n} {tier}" for tier, n in figures["units"].items())
    note(f"every chart of one report (the notebook's {figures['charts']} charts, year on year included) of the largest "
         f"province-year of the national demo set, {largest.stem} ({units}): first drawing in a fresh process (as "
         "a report's kernel meets it) and the median of 3 more; target: well under 1 s")
    say("charts_report_first_time", figures["first"], "s")
    say("charts_report_time", figures["median"], "s")
    say("charts_report_size", figures["bytes"] / 1024, "KiB", 0)
    say("charts_report_prepare_time", figures["prepare"], "s")
    say("charts_report_build_time", figures["build"], "s")
    say("charts_report_save_time", figures["save"], "s")
    note("prepare: each chart's numbers, labels, alt text and table; build: the figure and its artists; "
         "save: layout, ticks and the SVG written. A chart with few marks (a level distribution) costs "
         f"{figures['one_small_chart']:.3f} s: matplotlib's axes, ticks and writer, the floor of each of the "
         f"{figures['charts']} charts")


def bench_preview(rounds: int = 5) -> None:
    """`egovnb preview` of Thừa Thiên Huế 2020 (a copy of its params, framework and workbook):
    a cell of the workbook saved, then the time until the served page is the new one (the
    watcher's delay, the render on the kernel started ahead, the page published), ``rounds``
    saves, median; and the CPU of the kernel that rendered, which no load on the machine changes."""
    import threading
    import urllib.request

    from openpyxl import load_workbook

    from egovnb.publish import kernel
    from egovnb.publish.preview_server import serve

    out = OUT / "preview"
    shutil.rmtree(out, ignore_errors=True)
    (out / "frameworks").mkdir(parents=True)
    shutil.copy(ROOT / "params" / "frameworks" / "thua-thien-hue-2020.yaml", out / "frameworks")
    book_path = out / "ket-qua-2020.xlsx"
    shutil.copy(ROOT / "data" / "thua-thien-hue" / "2020" / book_path.name, book_path)
    params = out / "thua-thien-hue-2020.yaml"
    params.write_text((ROOT / "params" / params.name).read_text(encoding="utf-8")
                      .replace("../data/thua-thien-hue/2020/", ""), encoding="utf-8")
    kernel_cpu: list[float] = []
    execute = kernel.KernelSession.execute

    def measured(self, nb, **kwargs):  # measurement only: the kernel's CPU over one notebook
        pid = self.kernel.manager.provisioner.process.pid
        before = _process_cpu(pid)
        result = execute(self, nb, **kwargs)
        kernel_cpu.append(_process_cpu(pid) - before)
        return result

    kernel.KernelSession.execute = measured
    stop, ready = threading.Event(), threading.Event()
    port: list[int] = []
    server = threading.Thread(target=serve, args=(params, 0), daemon=True,
                              kwargs={"stop": stop, "ready": lambda p: (port.append(p), ready.set())})
    started = time.perf_counter()
    server.start()
    ready.wait(300)

    def version(since: int) -> int:
        url = f"http://127.0.0.1:{port[0]}/version?since={since}"
        return int(urllib.request.urlopen(url, timeout=60).read())

    current = 0
    while current == 0:
        current = version(0)
    first = time.perf_counter() - started
    note(f"preview: `egovnb preview` of Thừa Thiên Huế 2020, a workbook cell saved {rounds} times; time from "
         "the save to the new page served, median; target: under 1 s")
    times = []
    for round_ in range(rounds):
        time.sleep(2)  # the next kernel is started ahead meanwhile, as between an analyst's saves
        book = load_workbook(book_path)
        book["Sở, ban, ngành"]["F24"] = 80 + round_
        current = version(-1)  # the page served now (answered at once)
        book.save(book_path)
        saved = time.perf_counter()
        while version(current) == current:
            pass
        times.append(time.perf_counter() - saved)
    stop.set()
    server.join(timeout=60)
    kernel.KernelSession.execute = execute
    say("preview_first_render", first, "s")
    say("preview_rerender", statistics.median(times), "s")
    say("preview_rerender_kernel_cpu", statistics.median(kernel_cpu[1:] or kernel_cpu), "s")


def _process_cpu(pid: int) -> float:
    """User and system CPU seconds of process ``pid`` so far (Linux)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main(argv: list[str]) -> int:
    if argv[:1] == ["--child"]:
        print(json.dumps(CHILDREN[argv[1]](*argv[2:])))
        return 0
    wanted = argv or list(SECTIONS)
    unknown = [s for s in wanted if s not in SECTIONS]
    if unknown:
        print(f"unknown section(s) {unknown}; choose from {SECTIONS}", file=sys.stderr)
        return 2
    OUT.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    note(f"egovnb bench on {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    for section in SECTIONS:
        if section in wanted:
            # Other work on the machine slows every figure (and parallel ones most): say how busy it was.
            note("load average (1, 5, 15 min): " + ", ".join(f"{x:.2f}" for x in os.getloadavg()))
            globals()[f"bench_{section}"]()
    note("load average (1, 5, 15 min): " + ", ".join(f"{x:.2f}" for x in os.getloadavg()))
    say("bench_total_time", time.perf_counter() - started, "s", 0)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
