"""Kernels forked from a process that has made their imports already.

Starting a kernel the usual way runs a new Python that imports IPython, ipykernel,
pandas, matplotlib and egovnb: about 1.5 s of CPU before the notebook's first
cell. A batch worker renders one province-year after another on a machine whose
cores are all busy, so that CPU is not hidden by starting kernels ahead; it is
paid by every report. A :class:`Zygote` is a Python that makes those imports
once, then forks a kernel per request. The fork shares the imported modules
(copy on write) and starts in milliseconds; it has never run a cell, so each
kernel is as fresh as a newly started one (no state passes between
province-years), and it is stopped after its province-year.

The zygote is a subprocess of the worker (``python -m egovnb.publish.zygote``)
speaking one JSON line a request on its stdin and stdout; it reaps its kernels
and exits when the worker closes its stdin (or dies). A kernel's parent is the
zygote: it exits when the zygote does. :class:`ForkedKernelManager` is a
jupyter_client kernel manager whose kernels come from a zygote;
:class:`ForkedKernel` stands for the kernel process where jupyter_client
expects a ``Popen``.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager

from egovnb.core.internals import internal

LAUNCHER = ("-m", "ipykernel_launcher")  # what a kernel spec runs with this Python


class Zygote:
    """A Python with a kernel's imports made (``imports``: import statements), forking kernels
    on request. Use as a context manager, or call :meth:`close`."""

    def __init__(self, imports: str = ""):
        self._process = subprocess.Popen(
            [sys.executable, "-m", "egovnb.publish.zygote"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            cwd="/", text=True, encoding="utf-8")
        self._ask({"imports": imports})  # returns once the imports are made

    def __enter__(self) -> Zygote:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def spawn(self, command: list[str], *, env: dict[str, str], cwd: str | Path) -> ForkedKernel:
        """Fork a kernel running ``command``'s arguments (a kernel spec's ``python -m
        ipykernel_launcher -f ...``) with ``env`` in ``cwd``."""
        reply = self._ask({"argv": list(command[len(LAUNCHER) + 1:]), "env": dict(env), "cwd": str(cwd)})
        return ForkedKernel(reply["pid"])

    def children_peak_mib(self) -> float:
        """The largest peak memory of the kernels this zygote has forked and reaped, MiB."""
        return self._ask({"peak": True})["peak_mib"]

    def alive(self) -> bool:
        return self._process.poll() is None

    def close(self) -> None:
        """Stop the zygote; kernels still running notice it and exit."""
        if self._process.poll() is None:
            self._process.stdin.close()
            try:
                self._process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        self._process.stdout.close()

    def _ask(self, request: dict) -> dict:
        try:
            self._process.stdin.write(json.dumps(request) + "\n")
            self._process.stdin.flush()
            line = self._process.stdout.readline()
        except OSError:
            line = ""
        if not line:
            raise RuntimeError(f"the kernel zygote stopped (exit code {self._process.poll()})")
        return json.loads(line)


def forkable(command: list[str]) -> bool:
    """Whether a kernel ``command`` is this Python's ipykernel, which a zygote can fork."""
    return (len(command) > len(LAUNCHER) and tuple(command[1:1 + len(LAUNCHER)]) == LAUNCHER
            and Path(command[0]).resolve() == Path(sys.executable).resolve())


class ForkedKernel:
    """A forked kernel process, seen through the part of ``subprocess.Popen`` that jupyter_client
    uses. Its parent is the zygote, which reaps it: it is gone once its pid is."""

    stdin = stdout = stderr = None

    def __init__(self, pid: int):
        self.pid = pid

    def poll(self) -> int | None:
        """None while the kernel runs, else 0 (its exit code went to the zygote)."""
        try:
            with open(f"/proc/{self.pid}/stat", "rb") as stat:
                state = stat.read().rsplit(b")", 1)[1].split()[0]
            return 0 if state == b"Z" else None  # a zombie has exited; the zygote reaps it
        except (FileNotFoundError, ProcessLookupError, IndexError):
            return 0
        except OSError:  # no /proc: ask the kernel itself
            try:
                os.kill(self.pid, 0)
            except ProcessLookupError:
                return 0
            return None

    def wait(self, timeout: float | None = None) -> int:
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if deadline is not None and time.monotonic() > deadline:
                raise subprocess.TimeoutExpired(f"kernel {self.pid}", timeout)
            time.sleep(0.005)
        return 0

    def send_signal(self, signum: int) -> None:
        if self.poll() is None:
            os.kill(self.pid, signum)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)


def can_fork() -> bool:
    """Whether jupyter_client has the private parts :class:`ForkedKernelManager` takes over
    (``_async_launch_kernel``, ``_reconcile_connection_info``); without them kernels are
    started as usual (see :mod:`egovnb.core.internals`)."""
    return all(internal(AsyncKernelManager, name) is not None
               for name in ("_async_launch_kernel", "_reconcile_connection_info"))


class ForkedKernelManager(AsyncKernelManager):
    """A kernel manager whose kernel is forked by ``zygote`` (when the kernel spec runs this
    Python's ipykernel; otherwise it is started as usual)."""

    def __init__(self, *, zygote: Zygote, **kwargs):
        super().__init__(**kwargs)
        self._zygote = zygote

    async def _async_launch_kernel(self, kernel_cmd: list[str], **kw) -> None:
        if not (forkable(kernel_cmd) and self._zygote.alive() and can_fork()):
            return await super()._async_launch_kernel(kernel_cmd, **kw)
        provisioner = self.provisioner
        # What jupyter_client's LocalProvisioner.launch_kernel records, for a forked process.
        process = self._zygote.spawn(kernel_cmd, env=kw.get("env") or dict(os.environ),
                                     cwd=kw.get("cwd") or os.getcwd())
        provisioner.process, provisioner.pid, provisioner.pgid = process, process.pid, process.pid
        provisioner.cwd = kw.get("cwd") or os.getcwd()
        self._reconcile_connection_info(provisioner.connection_info)


# --- The zygote process -------------------------------------------------------------------------------

def _serve() -> None:
    """The zygote's loop: the first request makes the imports, each next one forks a kernel."""
    requests, replies = sys.stdin, os.fdopen(os.dup(sys.stdout.fileno()), "w", encoding="utf-8")
    # A kernel's own output goes where the worker's errors go, never into the replies.
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    # As a kernel sets it before its first import of matplotlib (ipykernel's kernelapp).
    os.environ.setdefault("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the worker decides when to stop
    signal.signal(signal.SIGCHLD, _reap)
    if sys.path and Path(sys.path[0] or ".").resolve() == Path.cwd():
        del sys.path[0]  # as ipykernel_launcher does; the kernel's shell puts its folder back
    for line in requests:
        request = json.loads(line)
        if "imports" in request:
            _import(request["imports"])
            reply = {"ready": True}
        elif "peak" in request:
            import resource

            reply = {"peak_mib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}
        else:
            pid = os.fork()
            if pid == 0:
                _become_kernel(request, requests, replies)
            reply = {"pid": pid}
        replies.write(json.dumps(reply) + "\n")
        replies.flush()


# What a kernel imports as it starts, beyond ipykernel.kernelapp: its shell, and the debugger
# (debugpy and pydevd, the largest part), imported once here rather than in every kernel.
KERNEL_MODULES = ("IPython", "ipykernel.ipkernel", "ipykernel.zmqshell", "ipykernel.debugger", "sqlite3",
                  "tornado.ioloop", "psutil")


def _import(imports: str) -> None:
    """Make a kernel's imports and ``imports``, then leave what they made out of garbage collection:
    a kernel's collections then scan only what it makes itself, and do not write to (and so copy)
    every page it shares with the zygote."""
    import gc
    import importlib

    import ipykernel.kernelapp  # noqa: F401 - what every kernel imports first

    # pydevd warns on import that frozen modules may hide breakpoints: nobody debugs a batch.
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    for name in KERNEL_MODULES:
        try:
            importlib.import_module(name)
        except ImportError:  # an optional part of a kernel (psutil, debugpy) that is not installed
            pass
    try:
        exec(imports, {})  # noqa: S102 - import statements read from the notebook
    except Exception:  # noqa: BLE001 - a failing import is the notebook's to report, in its cell
        pass
    gc.freeze()


def _reap(_signum, _frame) -> None:
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


def _become_kernel(request: dict, requests, replies) -> None:
    """In the forked child: become a kernel as ``python -m ipykernel_launcher ARGV`` would,
    with the request's environment and folder; never return."""
    code = 1
    try:
        for handled in (signal.SIGCHLD, signal.SIGINT):
            signal.signal(handled, signal.SIG_DFL)
        requests.close()
        replies.close()
        os.setsid()  # as jupyter_client starts a kernel: its own process group, for interrupts
        devnull = os.open(os.devnull, os.O_RDONLY)
        os.dup2(devnull, 0)
        os.close(devnull)
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"])
        os.environ["JPY_PARENT_PID"] = str(os.getppid())  # the kernel exits when the zygote does
        os.environ.setdefault("MPLBACKEND", "module://matplotlib_inline.backend_inline")
        sys.argv = ["ipykernel_launcher", *request["argv"]]
        from ipykernel import kernelapp

        kernelapp.launch_new_instance()
        code = 0
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else 0
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


if __name__ == "__main__":
    _serve()
