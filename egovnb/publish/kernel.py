"""One way to run notebooks: a kernel started in a folder, notebooks executed in it one after another.

A notebook is prepared as Papermill prepares it (its loader, its parameter
injection: the executed notebook carries the same metadata as one Papermill
wrote) and executed cell by cell with nbclient. The report runs one notebook
in a kernel of its own; scorecards run a chunk of units one after another in
one kernel. Either way each executed notebook is numbered as if it had had a
kernel of its own, and a failing cell raises :class:`CellFailure`, which keeps
the cell's number, its first code line and the kernel's error as fields and
reads as one line.
"""

from __future__ import annotations

import copy
import functools
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

from egovnb.core.errors import RunError
from egovnb.core.internals import internal

KERNEL = "python3"
CELL_TIMEOUT = 600  # seconds; a cell running longer than this is reported as failed
START_TIMEOUT = 60  # seconds for a kernel to answer after it was started
# ipykernel warns on stderr that local TCP is unencrypted; it says nothing about the report.
# Input history stays in memory: kernels running side by side then share no SQLite file.
KERNEL_ARGUMENTS = ("--IPKernelApp.log_level=CRITICAL", "--HistoryManager.hist_file=:memory:")


class CellFailure(RunError):
    """A notebook cell raised an error: which notebook and cell, the cell's first code line,
    the error's name and value, and the unit when the notebook was run for one unit. The
    kernel's traceback is left in the executed notebook."""

    def __init__(self, notebook: str, cell: int | None, source_line: str, ename: str, evalue: str,
                 unit: str | None = None, saved: str | None = None):
        super().__init__(notebook, cell, source_line, ename, evalue, unit, saved)  # these args: picklable
        self.notebook, self.cell, self.source_line = notebook, cell, source_line
        self.ename, self.evalue, self.unit = ename, evalue, unit
        self.saved = saved  # where the executed notebook, with its error, was saved to be opened

    def with_saved(self, saved: str) -> CellFailure:
        """The same failure, saying where its executed notebook was saved."""
        return CellFailure(self.notebook, self.cell, self.source_line, self.ename, self.evalue, self.unit, saved)

    def __str__(self) -> str:
        cell = f"cell [{self.cell}]" if self.cell else "a cell"
        where = f"{self.notebook}, {cell} ({self.source_line})" if self.source_line else f"{self.notebook}, {cell}"
        message = (self.evalue or "").strip()
        line = f"{where} failed: {self.ename}: {message}" if message else f"{where} failed: {self.ename}"
        if self.saved:
            line = f"{line} (the notebook with its error: {self.saved})"
        return f"{self.unit}: {line}" if self.unit else line


def first_code_line(source: str, width: int = 80) -> str:
    """The first line of a cell that is neither blank nor a comment, cut to ``width`` characters."""
    lines = [line for line in (source or "").splitlines() if line.strip() and not line.lstrip().startswith("#")]
    first = lines[0].strip() if lines else ""
    return first[:width - 3] + "..." if len(first) > width else first


def load_notebook(notebook: Path):
    """A notebook read as Papermill reads it (its loader adds the metadata Papermill's parameter
    injection expects, and an empty tag list to untagged cells). Read once while the file is
    unchanged: a batch worker runs the same notebook for every province-year. Not to be changed
    in place: :func:`parameterized` makes the copy that is run."""
    stat = Path(notebook).stat()
    return _loaded(str(notebook), stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=8)
def _loaded(notebook: str, _mtime_ns: int, _size: int):
    from papermill.iorw import load_notebook_node

    return load_notebook_node(notebook)


def parameterized(template, parameters: dict):
    """A copy of the loaded notebook ``template`` with ``parameters`` injected by Papermill
    after the cell tagged ``parameters`` (tagged ``injected-parameters``)."""
    from papermill.parameterize import parameterize_notebook

    return parameterize_notebook(copy.deepcopy(template), parameters, kernel_name=KERNEL)


def notebook_imports(notebook: Path) -> str:
    """The import statements of ``notebook``'s code cells, one a line (in first-seen order): what
    a kernel can import before it is given the notebook."""
    import ast
    import json

    lines: list[str] = []
    for cell in json.loads(Path(notebook).read_text(encoding="utf-8"))["cells"]:
        if cell["cell_type"] != "code":
            continue
        source = "".join(cell["source"])
        try:
            tree = ast.parse(source)
        except SyntaxError:
            continue
        for node in tree.body:
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                line = ast.get_source_segment(source, node)
                if line not in lines:
                    lines.append(line)
    return "\n".join(lines)


@dataclass(frozen=True)
class StartedKernel:
    """A kernel process just started (``manager``), with a ``client`` whose channels were
    connected as it started: its output channel is subscribed by the time the first notebook
    needs it, so the kernel is ready at the first request instead of a retry later."""

    manager: object
    client: object


def start_kernel(cwd: Path, imports: str = "", zygote=None) -> StartedKernel:
    """Start a kernel process in ``cwd`` and return at once: the kernel boots, and runs
    ``imports`` (import statements), on its own while the caller does other work.

    The imports run as the kernel starts, in a namespace of their own: the notebook's own
    namespace stays empty and its cells are numbered from 1, as in a kernel without them;
    only ``sys.modules`` is filled. A failing import is left for the notebook to report.
    With a ``zygote`` (:class:`egovnb.publish.zygote.Zygote`, which has made the imports),
    the kernel is forked from it instead of started as a new Python."""
    from jupyter_client.manager import AsyncKernelManager
    from jupyter_core.utils import run_sync

    arguments = list(KERNEL_ARGUMENTS)
    if imports:
        arguments.append(f"--IPKernelApp.exec_lines=exec({imports!r}, {{}})")
    if zygote is not None and _can_fork():
        from egovnb.publish.zygote import ForkedKernelManager

        manager = ForkedKernelManager(kernel_name=KERNEL, zygote=zygote)
    else:
        manager = AsyncKernelManager(kernel_name=KERNEL)
    run_sync(manager.start_kernel)(cwd=str(cwd), extra_arguments=arguments)
    client = manager.client()
    # No heartbeat channel: a client made by its kernel's manager asks the manager whether the
    # kernel lives, and a heartbeat thread would beat on for a kernel stopped at once.
    client.start_channels(hb=False)
    return StartedKernel(manager, client)


def stop_kernel(kernel: StartedKernel) -> None:
    """Stop a kernel at once. Nothing in it is kept: a kernel serves one province-year and
    leaves nothing behind (no history file, no state), so there is nothing to shut down
    gracefully and no reason to wait for it."""
    from jupyter_core.utils import run_sync

    try:
        kernel.client.stop_channels()
    finally:
        if kernel.manager.has_kernel:
            # Killed and waited for here: jupyter_client's shutdown polls a kernel it has killed
            # every 0.1 s, and finds this one already gone.
            process = getattr(kernel.manager.provisioner, "process", None)
            if process is not None:
                process.kill()
                with suppress(subprocess.TimeoutExpired):  # jupyter_client waits too, and says so
                    process.wait(timeout=5)
            run_sync(kernel.manager.shutdown_kernel)(now=True)


class KernelSession:
    """One kernel in ``cwd`` running notebooks one after another until the session ends.

    Entering the session starts the kernel (forked from ``zygote`` when given), or takes
    ``kernel``, one started earlier by :func:`start_kernel` in the same folder, and returns at
    once; the first notebook waits for it to be ready. ``imports`` are made as the kernel starts (see :func:`start_kernel`).
    ``name`` names what runs in it when the kernel itself fails (dies, never starts, a cell
    times out). The kernel is stopped when the session ends.
    """

    def __init__(self, cwd: Path, *, name: str, kernel: StartedKernel | None = None, imports: str = "",
                 zygote=None, timeout: int = CELL_TIMEOUT):
        self.cwd, self.name, self.imports, self.timeout = Path(cwd), name, imports, timeout
        self.kernel, self.zygote = kernel, zygote
        self._client = None
        self._language_info = None

    def __enter__(self) -> KernelSession:
        self.start()
        return self

    def start(self) -> None:
        """Start the kernel, unless it is started already; returns at once."""
        if self.kernel is None:
            with kernel_errors(self.name):
                self.kernel = start_kernel(self.cwd, self.imports, zygote=self.zygote)

    def __exit__(self, *exc_info) -> None:
        kernel, self.kernel, self._client = self.kernel, None, None
        if kernel is not None:
            with kernel_errors(self.name):
                stop_kernel(kernel)

    def _connected(self):
        """The notebook client talking to this session's kernel, once the kernel is ready."""
        if self._client is None:
            import nbformat

            client = _client_class()(nbformat.v4.new_notebook(), km=self.kernel.manager, kernel_name=KERNEL,
                                     timeout=self.timeout, startup_timeout=START_TIMEOUT, record_timing=False)
            # The kernel's own client, connected as it started (what start_new_kernel_client does,
            # without connecting anew).
            client.kc = self.kernel.client
            client.kc.allow_stdin = False
            self._language_info = kernel_ready(client.kc, START_TIMEOUT)["language_info"]
            self._client = client
        return self._client

    def execute(self, nb, *, notebook: Path | str, unit: str | None = None):
        """Execute every cell of ``nb`` (``notebook`` names it in messages); return it with its
        outputs, code cells numbered from 1 and the kernel's ``language_info``. Raises
        CellFailure when a cell fails (naming ``unit`` when given), RunError when the kernel does."""
        from nbclient.exceptions import CellExecutionError

        with kernel_errors(self.name):
            client = self._connected()
            client.nb = nb
            client.reset_execution_trackers()
            for cell in nb.cells:  # a clean slate, as Papermill starts a notebook
                if cell.cell_type == "code":
                    cell.execution_count = None
                    cell.outputs = []
            for index, cell in enumerate(nb.cells):
                try:
                    client.execute_cell(cell, index)
                except CellExecutionError as error:
                    number = _renumber(nb, upto=index)
                    raise CellFailure(Path(notebook).name, number, first_code_line(cell.source), error.ename,
                                      error.evalue, unit) from None
        _renumber(nb)
        nb.metadata["language_info"] = copy.deepcopy(self._language_info)
        return nb


# What each kind of output message gives its notebook output, as nbformat's output_from_msg.
OUTPUT_FIELDS = {"execute_result": ("metadata", "data", "execution_count"), "stream": ("name", "text"),
                 "display_data": ("metadata", "data"), "error": ("ename", "evalue", "traceback")}


@functools.cache
def _client_class():
    """nbclient's NotebookClient, making each output as nbformat's ``output_from_msg`` does but
    without checking it against its part of the notebook schema: jsonschema took 1–2 ms an
    output, some 60 a report. The whole notebook is checked once, with fastjsonschema, when it
    is written (:func:`egovnb.publish.exporters.notebook_bytes`), before any file is."""
    from nbclient import NotebookClient
    from nbformat import NotebookNode

    class Client(NotebookClient):
        def output(self, outs, msg, display_id, cell_index):
            fields = OUTPUT_FIELDS.get(msg["header"]["msg_type"])
            if fields is None or self.output_hook_stack[msg["parent_header"].get("msg_id")]:
                # An output hook (a widget's), or a message nbclient logs as unhandled.
                return super().output(outs, msg, display_id, cell_index)
            out = NotebookNode(output_type=msg["header"]["msg_type"])
            out.update((field, msg["content"][field]) for field in fields)
            display_ids = internal(self, "_display_id_map")  # private: without it, nbclient's own way
            if display_ids is None:
                return super().output(outs, msg, display_id, cell_index)
            if self.clear_before_next_output:
                outs[:] = []
                self.clear_display_id_mapping(cell_index)
                self.clear_before_next_output = False
            if display_id:
                display_ids.setdefault(display_id, {}).setdefault(cell_index, []).append(len(outs))
            outs.append(out)
            return out

    return Client


def kernel_ready(kc, timeout: float) -> dict:
    """Wait until the kernel of client ``kc`` answers a kernel_info request on its shell channel
    and its output channel reaches the client; return the reply's content. As jupyter_client's
    ``wait_for_ready``, without the 0.2 s it waits at the end for output nobody asked for
    (every kernel a report waited for it): nbclient reads only the output of the requests it makes."""
    import time
    from queue import Empty

    from jupyter_core.utils import run_sync

    deadline = time.monotonic() + timeout
    while True:
        kc.kernel_info()
        try:
            reply = run_sync(kc.shell_channel.get_msg)(timeout=max(0.01, min(1.0, deadline - time.monotonic())))
        except Empty:
            reply = None
        if reply is not None and reply["msg_type"] == "kernel_info_reply":
            try:  # any message on the output channel says it is connected
                run_sync(kc.iopub_channel.get_msg)(timeout=0.2)
            except Empty:
                pass
            else:
                _adapt_protocol(kc, reply)
                return reply["content"]
        if not run_sync(kc.is_alive)():
            raise RuntimeError("the kernel died before it answered")
        if time.monotonic() > deadline:
            raise RuntimeError(f"the kernel did not answer in {timeout:g} s")


def _can_fork() -> bool:
    from egovnb.publish.zygote import can_fork

    return can_fork()


def _adapt_protocol(kc, reply: dict) -> None:
    """Let the client's session speak the protocol version the kernel ``reply``'d with, as
    jupyter_client's ``wait_for_ready`` does through the private
    ``KernelClient._handle_kernel_info_reply``, or by the same public steps where it has none."""
    handle = internal(kc, "_handle_kernel_info_reply")
    if handle is not None:
        handle(reply)
        return
    from jupyter_client import protocol_version_info

    version = int(str(reply["content"].get("protocol_version", protocol_version_info[0])).split(".")[0])
    if version != protocol_version_info[0]:
        kc.session.adapt_version = version


@contextmanager
def kernel_errors(name: str) -> Iterator[None]:
    """Turn what is not a cell's own error (a kernel that died or never started, a timeout)
    into one RunError naming ``name``."""
    try:
        yield
    except RunError:
        raise
    except Exception as error:
        raise RunError(f"{name}: the notebook could not be run: {type(error).__name__}: {error}") from None


def _renumber(nb, upto: int | None = None) -> int | None:
    """Number the executed code cells from 1, in their outputs too, as a kernel of the
    notebook's own would have (a kernel shared by several notebooks counts on); returns the
    number of the cell at ``upto`` (None when it is not an executed code cell)."""
    count, number = 0, None
    for index, cell in enumerate(nb.cells):
        if upto is not None and index > upto:
            break
        if cell.cell_type != "code" or not cell.source.strip():
            continue
        count += 1
        cell.execution_count = count
        for output in cell.get("outputs", []):
            if "execution_count" in output:
                output["execution_count"] = count
        if index == upto:
            number = count
    return number
