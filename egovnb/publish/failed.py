"""A report whose notebook failed leaves the executed notebook, its error in it, to open.

It is saved as ``<reports>/.failed/<province-slug>-<year>.ipynb``: outside every report
folder (the report that was there stays as it was), beside nothing published, named in the
failure's one-line message, and made to rerun from its folder (its params path relative to
it) in JupyterLab or Papermill. The next failure of the same province-year replaces it; a
report that succeeds removes it.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

FAILED = ".failed"


def failed_path(params, reports_root: Path) -> Path:
    """Where the failed notebook of ``params``'s province-year is saved."""
    return Path(reports_root).resolve() / FAILED / f"{params.province_slug}-{params.year}.ipynb"


def save_failed(nb, params, params_path: Path, reports_root: Path) -> Path | None:
    """Save the executed notebook ``nb`` (run for ``params``, as far as it got) where
    :func:`failed_path` says, whole or not at all; None when it could not be written (the
    failure is reported either way)."""
    from egovnb.publish.exporters import notebook_bytes, scrub
    from egovnb.publish.notebook_params import params_for_folder, relocate_params
    from egovnb.publish.trust import sign

    path = failed_path(params, reports_root)
    if not path.parent.parent.is_relative_to(Path(reports_root).resolve()) or path.parent.name != FAILED:
        return None
    try:
        relocated = params_for_folder(params_path, path.parent, reports_root)
        if relocated is not None:
            relocate_params(nb, relocated)
        scrub(nb, f"{params.title} — {params.province}", params.language)
        content = notebook_bytes(nb)
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".", suffix=".ipynb", dir=path.parent)
        with os.fdopen(handle, "wb") as out:
            out.write(content)
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, path)
        sign(nb)  # opened in JupyterLab with its charts
    except Exception:  # noqa: BLE001 - the cell's own failure is the one to report
        return None
    return path


def clear_failed(params, reports_root: Path) -> None:
    """Remove the failed notebook of ``params``'s province-year once its report succeeded."""
    try:
        failed_path(params, reports_root).unlink(missing_ok=True)
    except OSError:
        pass


def shown(path: Path) -> str:
    """``path`` relative to the working folder when inside it, as the user typed paths."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _umask() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return umask
