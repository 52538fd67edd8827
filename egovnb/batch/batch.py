"""``egovnb batch``: every province-year of a folder, in parallel processes, re-rendering only what changed.

Stages: find the params files → plan (read each params file's province and year, hash its inputs,
skip a province-year whose hash matches the one recorded beside its report) →
render the rest in worker processes → record each success's hash → write
``reports/index.html``.

Why it is safe to interrupt: a report is written by :func:`egovnb.render.run_report`
into a temporary folder that is moved into place only when complete, and the
hash of its inputs is written (atomically) only after that move. Workers ignore
SIGINT and SIGTERM; the first Ctrl-C or SIGTERM tells the batch to start nothing
new and wait for the reports already running, so that every report is either
complete and recorded or untouched, and the next batch resumes where this one
stopped. A second signal kills the running workers at once (their reports stay
untouched and are rendered next time).
"""

from __future__ import annotations

import hashlib
import html
import multiprocessing
import os
import resource
import signal
import sys
import textwrap
import time
from collections import deque
from dataclasses import dataclass
from multiprocessing.connection import wait
from pathlib import Path
from typing import Callable
from urllib.parse import quote

from egovnb import __version__
from egovnb.core.collation import sort_key
from egovnb.core.errors import EgovnbError, InputError, RunError
from egovnb.core.export import atomic_path
from egovnb.core.files import file_problem, resolved
from egovnb.core.yamlio import MAX_BYTES
from egovnb.core.params import load_params
from egovnb.core.text import clean_name, slugify

# Beside each report: the hash of the inputs of its last successful run, then the name of
# the page that run wrote.
HASH_FILE = ".inputs.sha256"
INDEX_FILE = "index.html"
PARAMS_SUFFIXES = (".yaml", ".yml")
# A worker whose peak memory passed this after a report is replaced by a fresh process, so
# that a slow leak over many reports cannot grow a worker past it (MiB; a report's worker
# measured about 200 MiB and its kernel about 500 MiB).
WORKER_MEMORY_MIB = 1024

RenderFunction = Callable[..., Path]  # run_report(params_path, *, reports_root, pdf) -> Path


# --- What to do --------------------------------------------------------------------------------
@dataclass(frozen=True)
class Job:
    """One province-year to render (or skip): where it comes from and where it goes."""

    params_path: Path
    province: str
    province_slug: str
    year: int
    title: str
    illustrative: bool
    digest: str
    report_dir: Path  # reports/<province-slug>/<year>/


@dataclass(frozen=True)
class Outcome:
    """What happened to one params file.

    ``status`` is ``rendered``, ``skipped`` (inputs unchanged), ``failed`` or
    ``interrupted``; ``job`` is None when the params file could not be read;
    ``report`` is the report page (written now, or by an earlier run);
    ``duplicate_of`` names the params file that already claimed its province-year.
    ``seconds`` is the render's wall time; ``worker_mib`` and ``kernel_mib``
    the peak resident memory (MiB) of the worker process and of the largest
    kernel it had started so far.
    """

    params_path: Path
    status: str
    job: Job | None = None
    message: str = ""
    report: Path | None = None
    seconds: float = 0.0
    worker_mib: float = 0.0
    kernel_mib: float = 0.0
    duplicate_of: Path | None = None


@dataclass(frozen=True)
class BatchResult:
    """Every params file's outcome, in params-file order, and the index written."""

    outcomes: tuple[Outcome, ...]
    index: Path | None
    interrupted: bool
    seconds: float

    def with_status(self, status: str) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == status]


def find_params(params_dir: str | Path) -> list[Path]:
    """The params files directly in ``params_dir`` (``*.yaml``, ``*.yml``), sorted by name.

    Sub-folders (such as ``frameworks/``) are not searched.
    """
    folder = Path(params_dir)
    if not folder.is_dir():
        raise EgovnbError(f"{folder}: not a folder of params files")
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in PARAMS_SUFFIXES
                  and not p.name.startswith("."))


def report_notebooks() -> tuple[Path, ...]:
    """The notebook(s) a report is rendered from, and the templates shipped with them:
    a change to any of them changes every report."""
    from egovnb.publish import render

    notebooks = tuple(Path(p) for p in render.REPORT_NOTEBOOKS)
    templates = render.TEMPLATES
    extra = tuple(sorted(p for p in templates.rglob("*") if p.is_file())) if templates.is_dir() else ()
    return notebooks + extra


def input_files(params_path: Path) -> list[tuple[str, Path]]:
    """Every file a report of ``params_path`` is made from, each with its role:
    the params file, its framework file, data and crosswalk, then the same for the
    ``previous`` params file, and its previous, and so on (year-on-year reads them)."""
    files: list[tuple[str, Path]] = []
    seen: set[Path] = set()
    current: Path | None = resolved(Path(params_path))  # resolved(): a symlink loop does not raise
    depth = 0
    while current is not None and current not in seen:
        seen.add(current)
        prefix = f"previous{depth}." if depth else ""
        files.append((f"{prefix}params", current))
        raw = read_mapping(current)
        if raw is None:
            break  # its bytes are hashed; the render will report the problem
        base = current.parent
        for key in ("framework", "data", "crosswalk"):
            value = raw.get(key)
            if isinstance(value, str) and value:
                files.append((f"{prefix}{key}", resolved(base / value)))
        previous = raw.get("previous")
        current = resolved(base / previous) if isinstance(previous, str) and previous else None
        depth += 1
    return files


def inputs_digest(params_path: Path, notebooks: tuple[Path, ...], options: str = "") -> str:
    """SHA-256 (hex) over the bytes of every input file of a report, the report notebook(s),
    the render options and ``egovnb.__version__``.

    Paths are not hashed, only roles and bytes: moving a folder does not re-render it.
    """
    digest = hashlib.sha256()

    def add(role: str, data: bytes) -> None:
        digest.update(role.encode("utf-8") + b"\0" + len(data).to_bytes(8, "big") + data)

    add("egovnb", __version__.encode("utf-8"))
    add("options", options.encode("utf-8"))
    for notebook in notebooks:
        add(f"notebook {notebook.name}", _bytes_or_marker(notebook))
    for role, path in input_files(params_path):
        add(role, _bytes_or_marker(path))
    return digest.hexdigest()


def _bytes_or_marker(path: Path) -> bytes:
    if file_problem(path):  # a FIFO or a device is never opened (it would block)
        return b"\0missing\0"
    try:
        return path.read_bytes()
    except OSError:
        return b"\0missing\0"


def read_mapping(path: Path) -> dict | None:
    """A YAML file's top-level mapping, read fast (LibYAML when present, no line numbers);
    None when it cannot be read. Only for planning: the render checks every file properly."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    if file_problem(path, MAX_BYTES):  # a FIFO would block, a huge file would stall the plan
        return None
    try:
        mapping = yaml.load(path.read_bytes().decode("utf-8-sig"), Loader=loader)  # noqa: S506
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    return mapping if isinstance(mapping, dict) else None


def recorded(report_dir: Path) -> tuple[str, Path] | None:
    """The inputs hash and the report page recorded beside a report by its last successful
    run, if there is such a record and the page is still there."""
    try:
        lines = (report_dir / HASH_FILE).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    if len(lines) < 2 or not lines[1].strip():
        return None
    page = report_dir / lines[1].strip()
    return (lines[0].strip(), page) if page.is_file() else None


def plan(params_files: list[Path], reports_root: Path, *, force: bool = False, pdf: bool = False,
         notebooks: tuple[Path, ...] | None = None) -> tuple[list[Job], list[Outcome]]:
    """Which province-years to render, and the outcome of the others (skipped or failed).

    Only what placing a report needs is read here (province and year); the
    render checks everything else. A params file without a usable province or
    year fails here with every problem of it; two params files of the same
    province-year fail after the first (they would write the same report).
    """
    notebooks = report_notebooks() if notebooks is None else notebooks
    options = f"pdf={bool(pdf)}"
    to_render: list[Job] = []
    decided: list[Outcome] = []
    claimed: dict[tuple[str, int], Path] = {}
    for path in params_files:
        try:
            job = _job(path, Path(reports_root), inputs_digest(path, notebooks, options))
        except InputError as error:
            decided.append(Outcome(path, "failed", message=_problems_text(error)))
            continue
        key = (job.province_slug, job.year)
        if key in claimed:
            decided.append(Outcome(path, "failed", job, duplicate_of=claimed[key], message=(
                f"{path}: same province and year as {claimed[key]} "
                f"({job.province} {job.year}); only the first is rendered")))
            continue
        claimed[key] = path
        record = recorded(job.report_dir)
        if not force and record is not None and record[0] == job.digest:
            decided.append(Outcome(path, "skipped", job, report=record[1]))
        else:
            to_render.append(job)
    return to_render, decided


def _job(path: Path, reports_root: Path, digest: str) -> Job:
    """The job of a params file, from its province and year; when they are missing or not
    usable, the params file is checked in full and its problems raised (InputError)."""
    raw = read_mapping(path) or {}
    # Only text is folded here: a list (or a YAML alias bomb) is load_params' to report.
    province = clean_name(raw["province"]) if isinstance(raw.get("province"), str) else ""
    year = raw.get("year")
    if not province or not isinstance(year, int) or isinstance(year, bool) or not 1990 <= year <= 2100:
        params = load_params(path)  # raises InputError naming every problem
        province, year = params.province, params.year
    slug = slugify(province)
    title = clean_name(raw["title"] if isinstance(raw.get("title"), str) and raw["title"]
                       else f"Kết quả đánh giá mức độ Chính quyền điện tử năm {year}")
    return Job(params_path=path, province=province, province_slug=slug, year=year, title=title,
               illustrative=raw.get("illustrative") is True, digest=digest,
               report_dir=Path(reports_root) / slug / str(year))


def _problems_text(error: InputError, limit: int = 20) -> str:
    lines = [str(p) for p in error.problems[:limit]]
    if len(error.problems) > limit:
        lines.append(f"... and {len(error.problems) - limit} more problem(s)")
    return "\n".join(lines)


# --- Rendering in a worker ------------------------------------------------------------------------
def render_job(job: Job, render: RenderFunction, reports_root: Path, pdf: bool) -> Outcome:
    """Render one province-year and, only if that succeeded, record its inputs hash."""
    started = time.perf_counter()
    report = None
    try:
        page = Path(render(job.params_path, reports_root=reports_root, pdf=pdf))
        write_file(page.parent / HASH_FILE, f"{job.digest}\n{page.name}\n".encode("utf-8"))
        status, message, report = "rendered", "", page
    except InputError as error:
        status, message = "failed", _problems_text(error)
    except EgovnbError as error:
        status, message = "failed", f"{job.params_path}: {error}"
    except Exception as error:  # noqa: BLE001 - one bad province-year must not stop the others
        status, message = "failed", f"{job.params_path}: unexpected {type(error).__name__}: {error}"
    worker = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    kernels = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return Outcome(job.params_path, status, job, message, report, time.perf_counter() - started, worker, kernels)


def _default_render(params_path: Path, *, reports_root: Path, pdf: bool) -> Path:
    from egovnb.publish.render import run_report

    return run_report(params_path, reports_root=reports_root, pdf=pdf)


def _worker_main(connection, render: RenderFunction, reports_root: Path, pdf: bool, cwd: str) -> None:
    # The parent decides when to stop: a Ctrl-C reaching the whole process group must not
    # cut a report in half.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    os.chdir(cwd)  # the fork server keeps the folder it was started in, not the parent's current one
    while True:
        try:
            job = connection.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        outcome = render_job(job, render, reports_root, pdf)
        try:
            connection.send(outcome)
        except OSError:
            return  # the parent is gone; the report (if any) is complete and recorded


@dataclass
class _Worker:
    process: multiprocessing.process.BaseProcess
    connection: object
    job: Job | None = None


class _Progress:
    """A tqdm bar on a terminal; one line per report otherwise (logs, CI)."""

    def __init__(self, total: int, enabled: bool):
        self.total, self.done, self.bar = total, 0, None
        self.enabled = enabled and total > 0
        if self.enabled and sys.stderr.isatty():
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="report", desc="rendering", file=sys.stderr, dynamic_ncols=True)

    def update(self, outcome: Outcome) -> None:
        self.done += 1
        if not self.enabled:
            return
        job = outcome.job
        line = f"[{self.done}/{self.total}] {job.province} {job.year}: {outcome.status} in {outcome.seconds:.1f} s"
        if self.bar is not None:
            self.bar.update(1)
            if outcome.status != "rendered":
                self.bar.write(line, file=sys.stderr)
        else:
            print(line, file=sys.stderr, flush=True)

    def note(self, text: str) -> None:
        if self.bar is not None:
            self.bar.write(text, file=sys.stderr)
        else:
            print(text, file=sys.stderr, flush=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def render_all(jobs: list[Job], *, workers: int, render: RenderFunction, reports_root: Path, pdf: bool,
               progress: bool = True) -> tuple[list[Outcome], bool]:
    """Render ``jobs`` in up to ``workers`` processes; returns the outcomes (in completion
    order) and whether the run was interrupted by SIGINT or SIGTERM."""
    context = multiprocessing.get_context("forkserver")
    # Workers fork from a server that has imported the renderer once (nbconvert alone takes
    # over a second to import), instead of each importing it again.
    module = getattr(render, "__module__", "__main__")
    context.set_forkserver_preload(["egovnb.render"] + ([module] if module != "__main__" else []))
    queue: deque[Job] = deque(jobs)
    pool: list[_Worker] = []
    outcomes: list[Outcome] = []
    signals: list[int] = []
    bar = _Progress(len(jobs), progress)

    def on_signal(signum, _frame) -> None:
        signals.append(signum)  # only noted here: the loop below acts on it

    previous = _install(on_signal)
    announced = False
    try:
        while True:
            if signals and not announced:
                announced = True
                running = sum(1 for w in pool if w.job is not None)
                bar.note(f"stopping: waiting for {running} running report(s) to finish; "
                         "press Ctrl-C again to abort them")
            if len(signals) >= 2:
                for worker in pool:
                    if worker.job is not None:
                        worker.process.kill()
                        outcomes.append(Outcome(worker.job.params_path, "interrupted", worker.job,
                                                "aborted; the report was left as it was"))
                        worker.job = None
                break
            if not signals:
                _dispatch(pool, queue, workers, lambda: _start_worker(context, render, reports_root, pdf))
            busy = [w for w in pool if w.job is not None]
            if not busy:
                break
            ready = wait([w.connection for w in busy] + [w.process.sentinel for w in busy], timeout=0.2)
            for worker in busy:
                if worker.connection in ready or worker.process.sentinel in ready:
                    outcome = _receive(worker)
                    worker.job = None
                    outcomes.append(outcome)
                    bar.update(outcome)
                    if outcome.worker_mib > WORKER_MEMORY_MIB and worker.process.is_alive():
                        _stop([worker])
                    if not worker.process.is_alive():
                        pool.remove(worker)
    finally:
        _install(previous)
        bar.close()
        _stop(pool)
    outcomes += [Outcome(job.params_path, "interrupted", job, "not started") for job in queue]
    return outcomes, bool(signals)


def _dispatch(pool: list[_Worker], queue: deque, workers: int, start: Callable[[], "_Worker"]) -> None:
    """Give a job to every idle worker, starting workers up to ``workers``; a worker found
    dead is replaced and its job goes back to the front of the queue."""
    lost = 0
    while queue:
        idle = next((w for w in pool if w.job is None), None)
        if idle is None:
            if len(pool) >= workers:
                return
            idle = start()
            pool.append(idle)
        job = queue.popleft()
        try:
            idle.connection.send(job)
            idle.job = job
        except OSError:
            queue.appendleft(job)
            pool.remove(idle)
            idle.process.join(timeout=1)
            lost += 1
            if lost > workers + 2:
                raise RunError("the batch's worker processes keep dying as they start; "
                               f"last exit code {idle.process.exitcode}") from None


def _start_worker(context, render: RenderFunction, reports_root: Path, pdf: bool) -> _Worker:
    parent_end, child_end = context.Pipe()
    process = context.Process(target=_worker_main, args=(child_end, render, reports_root, pdf, os.getcwd()),
                              name="egovnb-batch-worker", daemon=False)
    process.start()
    child_end.close()
    return _Worker(process, parent_end)


def _receive(worker: _Worker) -> Outcome:
    try:
        if worker.connection.poll():
            return worker.connection.recv()
    except (EOFError, OSError):
        pass
    worker.process.join(timeout=1)
    code = worker.process.exitcode
    why = "killed (out of memory?)" if code == -signal.SIGKILL else f"exit code {code}"
    return Outcome(worker.job.params_path, "failed", worker.job,
                   f"{worker.job.params_path}: the worker process died ({why}); the report was left as it was")


def _stop(pool: list[_Worker]) -> None:
    for worker in pool:
        try:
            worker.connection.send(None)
        except OSError:
            pass
    deadline = time.monotonic() + 10
    for worker in pool:
        worker.process.join(timeout=max(0.0, deadline - time.monotonic()))
        if worker.process.is_alive():
            worker.process.kill()
            worker.process.join()
        worker.connection.close()


def _install(handler):
    """Install ``handler`` for SIGINT and SIGTERM (a pair of handlers to restore, or one for
    both); returns what was there. Does nothing outside the main thread."""
    import threading

    if threading.current_thread() is not threading.main_thread():
        return None
    if handler is None:
        return None
    if isinstance(handler, tuple):
        signal.signal(signal.SIGINT, handler[0])
        signal.signal(signal.SIGTERM, handler[1])
        return None
    return signal.signal(signal.SIGINT, handler), signal.signal(signal.SIGTERM, handler)


# --- The batch ------------------------------------------------------------------------------------
def run_batch(params_dir: str | Path, *, jobs: int | None = None, force: bool = False, pdf: bool = False,
              reports_root: str | Path = "reports", render: RenderFunction | None = None,
              progress: bool = True) -> BatchResult:
    """Render every params file of ``params_dir`` whose inputs changed, in ``jobs``
    processes (default: the cores this process may use), then write the index.

    ``render`` is :func:`egovnb.render.run_report` unless a test injects another
    function (it must be importable by name, as it runs in another process).
    """
    started = time.perf_counter()
    reports_root = Path(reports_root).resolve()  # workers may start in another folder
    workers = jobs if jobs is not None else default_jobs()
    if workers < 1:
        raise EgovnbError(f"--jobs must be 1 or more, not {workers}")
    files = find_params(params_dir)
    if not files:
        raise EgovnbError(f"{params_dir}: no params files (*.yaml) in this folder")
    to_render, decided = plan(files, reports_root, force=force, pdf=pdf)
    rendered, interrupted = render_all(to_render, workers=workers, render=render or _default_render,
                                       reports_root=reports_root, pdf=pdf, progress=progress)
    order = {path: i for i, path in enumerate(files)}
    outcomes = tuple(sorted(decided + rendered, key=lambda o: order[o.params_path]))
    index = write_index(outcomes, reports_root)
    return BatchResult(outcomes, index, interrupted, time.perf_counter() - started)


def default_jobs() -> int:
    """The number of cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def summary(result: BatchResult, params_dir: str | Path) -> str:
    """What the batch did, for the terminal: counts, what was skipped, every failure."""
    counts = {s: len(result.with_status(s)) for s in ("rendered", "skipped", "failed", "interrupted")}
    lines = [f"{len(result.outcomes)} province-year(s) in {params_dir}: {counts['rendered']} rendered, "
             f"{counts['skipped']} unchanged (skipped), {counts['failed']} failed"
             + (f", {counts['interrupted']} not finished" if counts["interrupted"] else "")
             + f" in {result.seconds:.1f} s"]
    skipped = [f"{j.province} {j.year}" for j in sorted((o.job for o in result.with_status("skipped")),
                                                          key=lambda j: (sort_key(j.province), j.year))]
    if skipped:
        lines += textwrap.wrap("skipped, inputs unchanged since their last successful run: "
                               + ", ".join(skipped), width=100, subsequent_indent="  ")
    for outcome in result.with_status("failed"):
        where = f"{outcome.job.province} {outcome.job.year}" if outcome.job else outcome.params_path.name
        lines.append(f"FAILED {where} ({outcome.params_path}):")
        lines += ["  " + line for line in outcome.message.splitlines()]
    if result.interrupted:
        lines.append("interrupted: every report is either complete or as it was; "
                     "run the same command again to finish the rest")
    if result.index is not None:
        lines.append(f"index: {result.index}")
    return "\n".join(lines)


def cli_batch(args) -> int:
    """``egovnb batch PARAMS_DIR [--jobs N] [--force] [--pdf] [--reports DIR]``; exit 1 if any
    province-year failed, 130 if interrupted."""
    result = run_batch(args.params_dir, jobs=args.jobs, force=args.force, pdf=args.pdf,
                       reports_root=Path(args.reports))
    print(summary(result, args.params_dir))
    if result.interrupted:
        return 130
    return 1 if result.with_status("failed") else 0


# --- The index page -------------------------------------------------------------------------------
@dataclass(frozen=True)
class IndexEntry:
    """One province-year on the index page; ``href`` is None when it has no report."""

    province: str
    year: int
    title: str
    illustrative: bool
    href: str | None
    failed: bool


def index_entries(outcomes: tuple[Outcome, ...], reports_root: Path) -> tuple[list[IndexEntry], list[str]]:
    """Entries of the index (one per province-year with a readable params file) and the
    names of params files that could not be read."""
    entries, unreadable = [], []
    for outcome in outcomes:
        job = outcome.job
        if job is None:
            unreadable.append(outcome.params_path.name)
            continue
        if outcome.duplicate_of is not None:
            continue  # the first params file of that province-year has the entry
        page = outcome.report
        if page is None:  # failed now: show the page of an earlier successful run, if any
            record = recorded(job.report_dir)
            page = record[1] if record else None
        href = None
        if page is not None and page.is_file():
            relative = Path(os.path.relpath(page, Path(reports_root).resolve()))
            href = "/".join(quote(part) for part in relative.parts)
        entries.append(IndexEntry(job.province, job.year, job.title, job.illustrative, href,
                                  outcome.status in ("failed", "interrupted")))
    return entries, sorted(unreadable)


def write_index(outcomes: tuple[Outcome, ...], reports_root: Path) -> Path:
    """Write ``reports_root/index.html`` (atomically; untouched when its bytes would not change)."""
    entries, unreadable = index_entries(outcomes, Path(reports_root))
    page = index_html(entries, unreadable)
    target = Path(reports_root) / INDEX_FILE
    data = page.encode("utf-8")
    if not (target.is_file() and target.read_bytes() == data):
        write_file(target, data)
    return target


def write_file(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` atomically, readable as any new file is (the umask's mode,
    not the private mode of a temporary file): reports are served as they are."""
    umask = os.umask(0)
    os.umask(umask)
    with atomic_path(target) as temporary:
        temporary.write_bytes(data)
        os.chmod(temporary, 0o666 & ~umask)


_STYLE = """
html{background:#eef1f4}
body{margin:0;color:#1d2733;font-family:"Noto Sans","Segoe UI",Roboto,"Helvetica Neue",Arial,"DejaVu Sans",sans-serif;
font-size:15px;line-height:1.5}
main{max-width:1080px;margin:0 auto;padding:0 2.5rem 2.5rem;background:#fff;min-height:100vh}
header{margin:0 -2.5rem 1.5rem;padding:1.6rem 2.5rem 1.2rem;background:#0b3d6e;color:#fff;border-top:6px solid #c8102e}
header h1{font-size:1.6rem;margin:0 0 .3rem;color:#fff}header p{margin:0;opacity:.9}
h2{font-size:1.15rem;margin-top:2rem;color:#0b3d6e}
table{border-collapse:collapse;width:100%;font-size:.95rem}
th,td{border:1px solid #d5dbe1;padding:.4rem .7rem;text-align:left}
thead th{background:#e8edf3;color:#0b3d6e}tbody tr:nth-child(even){background:#f5f7f9}tbody th{font-weight:600}
a{color:#0b3d6e}
.minh-hoa{display:inline-block;font-size:.8rem;background:#fff3cd;border:1px solid #d4a72c;border-radius:3px;
padding:0 .3rem;margin-left:.3rem}
.canh-bao{background:#fff3cd;border-left:5px solid #d4a72c;padding:.6rem 1rem}
.loi{color:#a40000}.chu-thich{color:#52606d;font-size:.9rem;margin-top:1.5rem}
""".strip()


def index_html(entries: list[IndexEntry], unreadable: list[str] | None = None) -> str:
    """The index page: every province-year's report, one row a province (Vietnamese
    alphabetical order), one column a year; illustrative reports are marked.

    Self-contained (no scripts, no fonts or styles from elsewhere), escaped, and
    the same bytes for the same entries.
    """
    unreadable = unreadable or []
    years = sorted({e.year for e in entries})
    provinces = sorted({e.province for e in entries}, key=sort_key)
    cell = {(e.province, e.year): e for e in entries}
    esc = html.escape
    reports = sum(1 for e in entries if e.href)
    illustrative = sum(1 for e in entries if e.illustrative and e.href)
    out = [
        "<!DOCTYPE html>",
        '<html lang="vi">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>Báo cáo đánh giá, xếp hạng mức độ Chính quyền điện tử</title>",
        f"<style>{_STYLE}</style>",
        "</head>",
        "<body>",
        "<main>",
        "<header>",
        "<h1>Báo cáo đánh giá, xếp hạng mức độ Chính quyền điện tử</h1>",
        f"<p>{_count(len(provinces))} tỉnh, thành phố · {_count(reports)} báo cáo"
        + (f" · năm {years[0]}–{years[-1]}" if len(years) > 1 else (f" · năm {years[0]}" if years else ""))
        + "</p>",
        "</header>",
    ]
    if illustrative:
        out.append(f'<p class="canh-bao"><strong>Dữ liệu minh họa:</strong> {_count(illustrative)}/'
                   f"{_count(reports)} báo cáo dùng số liệu minh họa, không phải kết quả đánh giá đã "
                   'được công bố chính thức. Các báo cáo này được đánh dấu <span class="minh-hoa">'
                   "Minh họa</span>.</p>")
    if entries:
        out += ["<table>", "<thead><tr><th scope=\"col\">Tỉnh, thành phố</th>"
                + "".join(f'<th scope="col">{y}</th>' for y in years) + "</tr></thead>", "<tbody>"]
        for province in provinces:
            cells = "".join(_cell(cell.get((province, year))) for year in years)
            out.append(f'<tr><th scope="row">{esc(province)}</th>{cells}</tr>')
        out += ["</tbody>", "</table>"]
    else:
        out.append("<p>Chưa có báo cáo nào.</p>")
    failed = [e for e in sorted(entries, key=lambda e: (sort_key(e.province), e.year)) if e.failed]
    if failed or unreadable:
        out.append("<h2>Lần chạy gần nhất chưa tạo được</h2>")
        out.append("<ul>")
        for e in failed:
            kept = " (đang hiển thị báo cáo của lần chạy trước)" if e.href else ""
            out.append(f'<li class="loi">{esc(e.province)} năm {e.year}{kept}</li>')
        for name in unreadable:
            out.append(f'<li class="loi">Tệp tham số không đọc được: {esc(name)}</li>')
        out.append("</ul>")
    out += [f'<p class="chu-thich">Tạo bởi egovnb {esc(__version__)}.</p>', "</main>", "</body>", "</html>", ""]
    return "\n".join(out)


def _cell(entry: IndexEntry | None) -> str:
    if entry is None:
        return "<td></td>"
    esc = html.escape
    tag = ' <span class="minh-hoa">Minh họa</span>' if entry.illustrative else ""
    if entry.href is None:
        return f'<td class="loi">Chưa có báo cáo{tag}</td>'
    warn = ' <span class="loi">(lần chạy gần nhất lỗi)</span>' if entry.failed else ""
    return (f'<td><a href="{esc(entry.href)}" title="{esc(entry.title)}">Báo cáo {entry.year}</a>'
            f"{tag}{warn}</td>")


def _count(n: int) -> str:
    from babel.numbers import format_decimal

    return format_decimal(n, locale="vi_VN")
