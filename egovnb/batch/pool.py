"""Rendering in worker processes: a pool that survives a crashed worker, replaces a worker
grown past a memory limit, shows progress, and stops cleanly on SIGINT or SIGTERM.

Why it is safe to interrupt: a report is written by :func:`egovnb.publish.render.run_report`
into a temporary folder that is moved into place only when complete, with the
hash of its inputs (taken before they were read) among its files. Workers ignore
SIGINT and SIGTERM; the first Ctrl-C or SIGTERM tells the batch to start nothing
new and wait for the reports already running, so that every report is either
complete and recorded or untouched, and the next batch resumes where this one
stopped. A second signal kills the running workers at once (their reports stay
untouched and are rendered next time).
"""

from __future__ import annotations

import contextlib
import inspect
import multiprocessing
import os
import resource
import signal
import sys
import time
from collections import deque
from dataclasses import dataclass
from multiprocessing.connection import wait
from pathlib import Path
from typing import Callable

from egovnb.batch.plan import Job, Outcome, problems_text, record
from egovnb.core.errors import EgovnbError, InputError, RunError
from egovnb.publish.notebooks import REPORT_NOTEBOOK
from egovnb.publish.render import run_report
from egovnb.publish.warm import KernelPool

# A worker whose peak memory passed this after a report is replaced by a fresh process, so
# that a slow leak over many reports cannot grow a worker past it (MiB; a report's worker
# measured about 200 MiB and its kernel about 500 MiB).
WORKER_MEMORY_MIB = 1024

RenderFunction = Callable[..., Path]  # run_report(params_path, *, reports_root, pdf) -> Path


def render_job(job: Job, render: RenderFunction, reports_root: Path, pdf: bool, kernels=None) -> Outcome:
    """Render one province-year and, only if that succeeded, record its inputs hash. With
    ``kernels`` (a :class:`~egovnb.publish.warm.KernelPool`), the report runs on its kernel."""
    started = time.perf_counter()
    report = None
    options = {"kernels": kernels} if kernels is not None else {}
    try:
        page = Path(render(job.params_path, reports_root=reports_root, pdf=pdf, **options))
        if render is not run_report:
            # egovnb's own renderer records, with the page, the hash it took before reading the
            # inputs (the plan's is older); another renderer (a test's) is recorded here.
            record(page, job.digest)
        status, message, report = "rendered", "", page
    except InputError as error:
        status, message = "failed", problems_text(error)
    except EgovnbError as error:
        status, message = "failed", f"{job.params_path}: {error}"
    except Exception as error:  # noqa: BLE001 - one bad province-year must not stop the others
        status, message = "failed", f"{job.params_path}: unexpected {type(error).__name__}: {error}"
    worker = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    # Kernels started as usual are this process's children; forked ones the zygote's, which
    # is one too (its own peak is counted here when it was stopped).
    kernel = max(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
                 kernels.kernels_peak_mib() if kernels is not None else 0.0)
    return Outcome(job.params_path, status, job, message, report, time.perf_counter() - started, worker, kernel)


def _worker_main(connection, render: RenderFunction, reports_root: Path, pdf: bool, cwd: str) -> None:
    # The parent decides when to stop: a Ctrl-C reaching the whole process group must not
    # cut a report in half.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    os.chdir(cwd)  # the fork server keeps the folder it was started in, not the parent's current one
    # egovnb's own renderer runs each report on a kernel forked from a zygote that made the
    # notebook's imports once, the next one started while this one is exported.
    warm = "kernels" in inspect.signature(render).parameters
    with KernelPool(REPORT_NOTEBOOK, forked=True) if warm else contextlib.nullcontext() as kernels:
        while True:
            try:
                job = connection.recv()
            except (EOFError, OSError):
                return
            if job is None:
                return
            outcome = render_job(job, render, reports_root, pdf, kernels)
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
    # Workers fork from a server that has imported the renderer, its exporters and the input
    # checks once (nbconvert and pandas take over a second each to import), instead of each
    # worker importing them again.
    module = getattr(render, "__module__", "__main__")
    preload = [run_report.__module__, "egovnb.publish.exporters", "egovnb.insight.validation"]
    context.set_forkserver_preload(preload + ([module] if module not in ("__main__", *preload) else []))
    # The largest province-years first: the last report to finish is then a small one, and no
    # worker waits long at the end for another's large report.
    queue: deque[Job] = deque(sorted(jobs, key=lambda job: -job.data_bytes))
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
