"""``make bench``: speed and memory of egovnb on this machine, printed as ``name: value unit``.

Every figure is measured in a fresh process, as a user would meet it, so that
imports, start-up and peak memory are counted honestly. Lines starting with
``#`` say what a figure means and the target it is held to (README,
"Benchmarks"). Scratch files go to bench/out/ (git-ignored); synthetic inputs
there are illustrative and say so.

    python bench/bench.py                 # everything (about 30 minutes on 2 cores)
    python bench/bench.py scoring report  # some sections: scoring, report, batch, sensitivity
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
SECTIONS = ("scoring", "report", "batch", "sensitivity")


def say(name: str, value: float, unit: str, digits: int = 2) -> None:
    print(f"{name}: {value:.{digits}f} {unit}", flush=True)


def note(text: str) -> None:
    print(f"# {text}", flush=True)


# --- Synthetic criterion-grain data (illustrative) --------------------------------------------------
def synthetic(units: int, criteria: int = CRITERIA, seed: int = 0) -> Path:
    """Params, framework and a criterion-grain CSV of ``units`` communes × ``criteria`` criteria
    (points tier, 5 % not applicable, 1 % not evaluated), written once and reused."""
    import numpy as np
    import pandas as pd

    folder = OUT / f"synthetic-{units}x{criteria}"
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
    params.write_text("# ILLUSTRATIVE benchmark params\nprovince: Tỉnh Thử Nghiệm\nyear: 2025\n"
                      "data: units.csv\nframework: framework.yaml\nillustrative: true\n", encoding="utf-8")
    return params


# --- Children: each measurement runs in its own process ------------------------------------------------
def child_score(params: str) -> dict:
    """assess() from the files, then check_units + score on the table already in memory."""
    from egovnb.core.assessment import assess, score
    from egovnb.core.data import read_table
    from egovnb.core.params import load_params
    from egovnb.core.validate import check_units

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
    """One batch through the API (as the CLI runs it); worker and kernel peak memory."""
    from egovnb.batch.run import run_batch

    result = run_batch(params_dir, jobs=int(jobs), force=force == "1", reports_root=reports, progress=False)
    rendered = result.with_status("rendered")
    return {"rendered": len(rendered), "skipped": len(result.with_status("skipped")),
            "failed": len(result.with_status("failed")), "seconds": result.seconds,
            "worker_mib": max((o.worker_mib for o in rendered), default=0.0),
            "kernel_mib": max((o.kernel_mib for o in rendered), default=0.0),
            "messages": [o.message for o in result.with_status("failed")][:3]}


def child_sensitivity(params: str) -> dict:
    from egovnb.insight import sensitivity
    from egovnb.core.assessment import assess

    assessment = assess(params)
    started = time.perf_counter()
    sensitivity.analyse(assessment, draws=1000, seed=0)
    return {"seconds": time.perf_counter() - started, "peak_mib": _peak_mib()}


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


CHILDREN = {"score": child_score, "profile": child_profile, "batch": child_batch,
            "sensitivity": child_sensitivity}


def run_child(name: str, *args: str) -> dict:
    """Run one measurement in a fresh Python; its JSON answer is its last stdout line."""
    result = subprocess.run([PYTHON, __file__, "--child", name, *args], cwd=ROOT, capture_output=True, text=True)
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
         "each time) with --jobs 1 and --jobs 2; targets: jobs 2 < 180 s (goal 120 s), unchanged rerun "
         "< 5 s, a worker with its kernel < 1 GiB")
    figures = {}
    for jobs in (1, 2):
        reports = OUT / f"reports-national-j{jobs}"
        shutil.rmtree(reports, ignore_errors=True)
        started = time.perf_counter()
        figures[jobs] = run_child("batch", str(params_dir), str(reports), str(jobs), "1")
        figures[jobs]["wall"] = time.perf_counter() - started
        if figures[jobs]["failed"]:
            note(f"  {figures[jobs]['failed']} failed: {figures[jobs]['messages']}")
        say(f"batch_{demo.province_years}_jobs{jobs}_time", figures[jobs]["wall"], "s")
    say(f"batch_{demo.province_years}_jobs1_to_jobs2_ratio", figures[1]["wall"] / figures[2]["wall"], "x")
    unchanged = timed(EGOVNB + ["batch", str(params_dir), "--jobs", "2",
                                "--reports", str(OUT / "reports-national-j2")])
    say(f"batch_{demo.province_years}_unchanged_rerun_time", unchanged, "s")
    worker = max(f["worker_mib"] for f in figures.values())
    kernel = max(f["kernel_mib"] for f in figures.values())
    say("batch_worker_peak_memory", worker, "MiB", 0)
    say("batch_kernel_peak_memory", kernel, "MiB", 0)
    say("batch_worker_plus_kernel_peak_memory", worker + kernel, "MiB", 0)


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
