"""Kernels started ahead of need: the next province-year's kernel starts as soon as one is stopped.

Starting a kernel and making the report notebook's imports costs a report a
few seconds in which it cannot run a cell. A batch worker renders one
province-year after another, so it starts the next kernel, imports included,
the moment it stops the current one: the kernel then starts while the worker
exports the page, writes the files and takes the next job, and the next report
finds it ready. Each kernel still serves one province-year only (no state
passes from one to the next), and a worker never has two kernels alive at
once, so its memory is its own plus one kernel's (and, with ``forked``, the
zygote's, whose pages the kernels share).

With ``forked``, kernels are forked from a :class:`~egovnb.publish.zygote.Zygote`
that made the imports once, instead of each being a new Python that makes them
again: on a machine whose cores are all busy rendering, starting ahead hides
nothing, and the imports were most of a small report's CPU.

In a batch worker::

    with KernelPool(REPORT_NOTEBOOK) as kernels:
        for params_path in jobs:
            run_report(params_path, reports_root=..., pdf=..., kernels=kernels)
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from egovnb.publish.kernel import KernelSession, StartedKernel, notebook_imports, start_kernel, stop_kernel


class KernelPool:
    """At most one kernel started ahead, in a given folder, making ``notebook``'s imports.

    Use as a context manager: the kernel started ahead is stopped when the pool closes.
    """

    def __init__(self, notebook: Path, *, forked: bool = False):
        self.notebook = Path(notebook)
        self.imports = notebook_imports(self.notebook)
        # Forking needs os.fork (not on Windows); EGOVNB_FORK_KERNELS=0 starts every kernel as a
        # new Python, for comparison or should a platform misbehave.
        self.forked = forked and hasattr(os, "fork") and os.environ.get("EGOVNB_FORK_KERNELS", "1") != "0"
        self._zygote = None
        self._ahead: tuple[Path, StartedKernel] | None = None

    def __enter__(self) -> KernelPool:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def start_next(self, cwd: Path) -> None:
        """Start a kernel in ``cwd`` for the next province-year, unless one is started already.
        A kernel that cannot be started ahead is not an error here: the next session starts
        its own, and names what went wrong."""
        if self._ahead is None:
            try:
                self._ahead = (Path(cwd), start_kernel(Path(cwd), self.imports, zygote=self.zygote()))
            except Exception:  # noqa: BLE001 - reported by the session that needs the kernel
                self._ahead = None

    def zygote(self):
        """This pool's zygote (started at the first call), or None when kernels are not forked
        or the zygote could not start (kernels are then started as usual)."""
        if self.forked and self._zygote is None:
            from egovnb.publish.zygote import Zygote

            try:
                self._zygote = Zygote(self.imports)
            except (OSError, RuntimeError):
                self.forked = False
        return self._zygote

    def kernels_peak_mib(self) -> float:
        """The largest peak memory of the kernels stopped so far, MiB (0 without forking: a
        kernel started as usual is this process's child, counted by ``getrusage``)."""
        return self._zygote.children_peak_mib() if self._zygote is not None and self._zygote.alive() else 0.0

    def take(self, cwd: Path):
        """The kernel started ahead when it was started in ``cwd``, else None (a kernel started
        in another folder is stopped: a notebook runs in its params file's folder)."""
        ahead, self._ahead = self._ahead, None
        if ahead is None:
            return None
        folder, kernel = ahead
        if folder == Path(cwd):
            return kernel
        stop_kernel(kernel)
        return None

    @contextmanager
    def session(self, cwd: Path, *, name: str, ahead: bool = True) -> Iterator[KernelSession]:
        """A kernel session for one province-year whose params are in ``cwd``, on the kernel
        started ahead (or a new one). When the session ends its kernel is stopped and, with
        ``ahead`` (more work may follow), the next kernel is started in the same folder."""
        try:
            with KernelSession(cwd, name=name, kernel=self.take(cwd), imports=self.imports,
                               zygote=self.zygote()) as session:
                yield session
        except Exception:
            if ahead:  # a failed province-year: the next one still finds its kernel started
                self.start_next(cwd)
            raise
        if ahead:
            self.start_next(cwd)

    def close(self) -> None:
        """Stop the kernel started ahead, if any, and the zygote."""
        ahead, self._ahead = self._ahead, None
        try:
            if ahead is not None:
                stop_kernel(ahead[1])
        finally:
            zygote, self._zygote = self._zygote, None
            if zygote is not None:
                zygote.close()
