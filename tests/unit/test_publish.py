"""Publishing without a kernel: the one-line cell failure, the notebook's imports, numbering, staging."""

from __future__ import annotations

import pickle

import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from egovnb.core.errors import RunError
from egovnb.publish.kernel import CellFailure, _renumber, first_code_line, notebook_imports
from egovnb.publish.notebooks import REPORT_NOTEBOOK, SCORECARD_NOTEBOOK


def test_cell_failure_is_one_line_with_its_fields():
    failure = CellFailure("01-report.ipynb", 3, "share = 1 / 0", "ZeroDivisionError", "division by zero\n")
    assert isinstance(failure, RunError)
    assert str(failure) == "01-report.ipynb, cell [3] (share = 1 / 0) failed: ZeroDivisionError: division by zero"
    assert (failure.notebook, failure.cell, failure.source_line, failure.ename) == (
        "01-report.ipynb", 3, "share = 1 / 0", "ZeroDivisionError")
    unit = CellFailure("02-unit-scorecard.ipynb", None, "", "ValueError", "", unit="Sở Y tế")
    assert str(unit) == "Sở Y tế: 02-unit-scorecard.ipynb, a cell failed: ValueError"
    # Scorecard chunks fail in other processes: the error crosses a pipe whole.
    again = pickle.loads(pickle.dumps(unit))
    assert str(again) == str(unit) and again.unit == "Sở Y tế" and again.cell is None


def test_first_code_line_skips_comments_and_cuts_long_lines():
    assert first_code_line("# why\n\n  x = compute(1)\ny = 2") == "x = compute(1)"
    assert first_code_line("# only a comment") == ""
    long = "value = " + "a" * 100
    assert first_code_line(long) == long[:77] + "..."
    assert len(first_code_line(long)) == 80


def test_notebook_imports_are_the_import_statements_of_its_code_cells():
    assert notebook_imports(REPORT_NOTEBOOK).splitlines() == [
        "from IPython.display import display",
        "from egovnb.insight import gaps, yoy",
        "from egovnb.insight.validation import checked",
        "from egovnb.report import blocks, charts_sensitivity, charts_tier, charts_years, tables",
        "from egovnb.report import reconcile_block",
        "from egovnb.report import news",
        "from egovnb.publish.provenance import from_json, provenance_of",
    ]
    assert notebook_imports(SCORECARD_NOTEBOOK).splitlines() == [
        "from IPython.display import display", "from egovnb.report import blocks, scorecard"]


def test_renumber_counts_executed_code_cells_from_one():
    nb = new_notebook(cells=[new_markdown_cell("# title"), new_code_cell("a = 1"), new_code_cell("  "),
                             new_code_cell("a", outputs=[new_output("execute_result", {"text/plain": "1"},
                                                                    execution_count=17)])])
    nb.cells[1].execution_count, nb.cells[3].execution_count = 16, 17  # a kernel shared with other notebooks
    assert _renumber(nb, upto=3) == 2
    assert [c.get("execution_count") for c in nb.cells] == [None, 1, None, 2]
    assert nb.cells[3].outputs[0].execution_count == 2
    assert _renumber(nb, upto=0) is None  # a markdown cell has no number


def test_only_this_pythons_ipykernel_is_forked():
    import sys

    from egovnb.publish.zygote import forkable

    assert forkable([sys.executable, "-m", "ipykernel_launcher", "-f", "kernel.json"])
    assert not forkable(["/opt/other/python", "-m", "ipykernel_launcher", "-f", "kernel.json"])
    assert not forkable([sys.executable, "-m", "some_other_kernel", "-f", "kernel.json"])
    assert not forkable([sys.executable])


def test_a_forked_kernel_is_gone_once_it_has_exited():
    import subprocess
    import sys

    from egovnb.publish.zygote import ForkedKernel

    process = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    kernel = ForkedKernel(process.pid)
    assert kernel.poll() is None
    with pytest.raises(subprocess.TimeoutExpired):
        kernel.wait(timeout=0.1)
    kernel.kill()
    assert kernel.wait(timeout=5) == 0  # exited, not yet reaped by its parent: gone all the same
    process.wait()  # its parent reaps it, as the zygote does
    assert kernel.poll() == 0


def test_kernels_are_started_as_usual_when_the_zygote_cannot_start(monkeypatch):
    from egovnb.publish import warm, zygote

    def broken(imports):
        raise RuntimeError("the kernel zygote stopped (exit code 1)")

    monkeypatch.delenv("EGOVNB_FORK_KERNELS", raising=False)
    monkeypatch.setattr(zygote, "Zygote", broken)
    pool = warm.KernelPool(SCORECARD_NOTEBOOK, forked=True)
    assert pool.forked
    assert pool.zygote() is None and not pool.forked


@pytest.mark.parametrize("forked", [False, True])
def test_a_kernel_that_dies_before_it_answers_is_one_run_error(tmp_path, forked):
    from egovnb.publish.kernel import KernelSession
    from egovnb.publish.zygote import Zygote

    zygote = Zygote() if forked else None
    try:
        with KernelSession(tmp_path, name="report.ipynb", zygote=zygote) as session:
            session.kernel.manager.provisioner.process.kill()
            notebook = new_notebook(cells=[new_code_cell("1 + 1")])
            with pytest.raises(RunError) as raised:
                session.execute(notebook, notebook="report.ipynb")
    finally:
        if zygote is not None:
            zygote.close()
    assert str(raised.value) == ("report.ipynb: the notebook could not be run: RuntimeError: "
                                 "the kernel died before it answered")


def test_a_kernel_answers_with_its_language_and_runs_the_notebook(tmp_path):
    from egovnb.publish.kernel import KernelSession

    with KernelSession(tmp_path, name="n.ipynb") as session:
        notebook = session.execute(new_notebook(cells=[new_code_cell("6 * 7")]), notebook="n.ipynb")
    assert notebook.metadata["language_info"]["name"] == "python"
    assert notebook.cells[0].outputs[0]["data"]["text/plain"] == "42"


@pytest.mark.parametrize("msg_type, content", [
    ("execute_result", {"metadata": {}, "data": {"text/plain": "42"}, "execution_count": 3}),
    ("stream", {"name": "stderr", "text": "cảnh báo\n"}),
    ("display_data", {"metadata": {"isolated": True}, "data": {"text/html": "<b>Huế</b>", "text/plain": "Huế"}}),
    ("error", {"ename": "ValueError", "evalue": "sai", "traceback": ["Traceback", "ValueError: sai"]}),
])
def test_outputs_are_made_as_nbformat_makes_them(msg_type, content):
    from nbformat.v4 import output_from_msg

    from egovnb.publish.kernel import _client_class

    client = _client_class()(new_notebook())
    client.reset_execution_trackers()
    client.clear_before_next_output = False  # as nbclient sets it when it starts a cell
    message = {"header": {"msg_type": msg_type}, "parent_header": {"msg_id": "m1"}, "content": content}
    outputs = []
    made = client.output(outputs, message, None, 0)
    assert outputs == [made] and made == output_from_msg(message)


def test_an_executed_notebook_that_breaks_the_schema_is_not_written():
    import nbformat

    from egovnb.publish.exporters import notebook_bytes

    notebook = new_notebook(cells=[new_code_cell("1")])
    # A display without its metadata, which the schema requires.
    notebook.cells[0].outputs = [nbformat.from_dict({"output_type": "display_data", "data": {"text/plain": "1"}})]
    with pytest.raises(nbformat.ValidationError):
        notebook_bytes(notebook)
    notebook.cells[0].outputs = [new_output("display_data", data={"text/plain": "1"})]
    assert notebook_bytes(notebook).endswith(b"}\n")
