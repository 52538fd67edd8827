"""Notebooks egovnb executed are signed for this user, so JupyterLab shows their charts at once.

JupyterLab renders the SVG (and HTML) outputs of a notebook only when it trusts it; an untrusted
notebook shows every chart as its alt text. A notebook whose outputs this user's own command
made is what Jupyter's trust is for: egovnb signs it with the user's Jupyter key (``jupyter
trust``, nbformat's NotebookNotary), in the user's signature database. A signature holds on
this machine only; ``make lab`` signs the committed notebooks at start.
"""

from __future__ import annotations

def sign(nb) -> bool:
    """Sign the notebook ``nb`` (as it is written) for this user, about 0.1 s; False (and
    nothing raised) when it cannot be (no writable Jupyter data folder, a locked signature
    database): the notebook is as good, JupyterLab only asks to trust it."""
    try:
        from nbformat.sign import NotebookNotary

        NotebookNotary().sign(nb)
        return True
    except Exception:  # noqa: BLE001 - signing is a convenience, never a failure of the report
        return False
