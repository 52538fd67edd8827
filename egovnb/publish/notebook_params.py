"""The params path an executed notebook carries, and the page's title and version that come from it.

The report's kernel runs in the params file's folder and is given the file's name. The executed
notebook written beside the report is then given the path of the same file relative to the
report's folder (its injected-parameters cell and Papermill's record alike), so that notebook
reruns as it is from its folder, in JupyterLab or with Papermill, when the params file is in the
project that holds the reports (``reports/x/2020/`` → ``../../../params/x-2020.yaml``).

A notebook executed by Papermill alone and converted with ``jupyter nbconvert --to egovnb_html``
has no page title and no egovnb version (``egovnb run`` sets them): :func:`complete_page_metadata`
reads them from the params file the notebook names, so the page is the one ``egovnb run`` gives.
"""

from __future__ import annotations

import os
from pathlib import Path

from egovnb import __version__
from egovnb.publish.kernel import KERNEL

INJECTED = "injected-parameters"


def params_for_folder(params_path: Path, folder: Path, reports_root: Path) -> str | None:
    """``params_path`` as a notebook in ``folder`` (under ``reports_root``) names it: relative,
    with forward slashes, when the params file is in the project that holds the reports folder
    (under the folder holding ``reports_root``: ``../../../params/x.yaml``); else None, and the
    notebook keeps the file's name only: a path climbing out of the project would write the
    machine's folders into the notebook, and make its bytes depend on where the reports went."""
    params_path, folder = Path(params_path).resolve(), Path(folder).resolve()
    project = Path(reports_root).resolve().parent
    if not params_path.is_relative_to(project) or not folder.is_relative_to(project):
        return None
    return Path(os.path.relpath(params_path, folder)).as_posix()


def relocate_params(nb, params: str):
    """Make the executed notebook ``nb`` name its params file as ``params`` (a path relative to
    the folder the notebook is written in): the injected-parameters cell and Papermill's record."""
    from papermill.translators import translate_parameters

    language = nb.metadata.get("kernelspec", {}).get("language", "python")
    for cell in nb.cells:
        if INJECTED in cell.metadata.get("tags", []):
            cell.source = translate_parameters(KERNEL, language, {"params": params}).rstrip("\n") + "\n"
    recorded = nb.metadata.get("papermill", {}).get("parameters")
    if isinstance(recorded, dict) and "params" in recorded:
        recorded["params"] = params
    return nb


def complete_page_metadata(nb, folder: str | Path | None) -> None:
    """Give ``nb`` the page title, language, egovnb version and record of what made it
    (:mod:`egovnb.publish.provenance`) ``egovnb run`` gives it, from the params file it names
    (relative to ``folder``, the notebook's), when it has none."""
    known = nb.metadata.get("egovnb", {})
    if nb.metadata.get("title") and known.get("version") and known.get("provenance"):
        return
    params_path = _named_params(nb)
    params = None
    if params_path is not None:
        from egovnb.core.errors import InputError
        from egovnb.core.params import load_params

        candidate = Path(params_path)
        if not candidate.is_absolute():
            candidate = Path(folder or ".") / candidate
        try:
            params = load_params(candidate)
        except (InputError, OSError):
            params = None
    if params is not None and not nb.metadata.get("title"):
        nb.metadata["title"] = f"{params.title} — {params.province}"
    meta = nb.metadata.setdefault("egovnb", {})
    meta.setdefault("version", __version__)
    if params is not None:
        meta.setdefault("language", params.language)
        if "provenance" not in meta:  # what the notebook's own "about" cell records when run alone
            from egovnb.publish.provenance import provenance_of

            meta["provenance"] = provenance_of(candidate).as_dict()


def _named_params(nb) -> str | None:
    """The params path of the notebook: Papermill's record of the injected value, else the
    ``parameters`` cell's default."""
    recorded = nb.metadata.get("papermill", {}).get("parameters", {})
    if isinstance(recorded, dict) and isinstance(recorded.get("params"), str):
        return recorded["params"]
    import ast

    for cell in nb.cells:
        if cell.cell_type == "code" and "parameters" in cell.metadata.get("tags", []):
            try:
                tree = ast.parse(cell.source)
            except SyntaxError:
                return None
            for node in tree.body:
                if (isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "params" for t in node.targets)
                        and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)):
                    return node.value.value
    return None
