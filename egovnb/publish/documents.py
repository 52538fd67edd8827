"""The Word documents of a province-year: the annexes and the draft decision (``egovnb decision``, ``egovnb run --docx``).

The layouts are :mod:`egovnb.report.docx_annex` and :mod:`egovnb.report.docx_decision`;
here they are named and written: ``<slug>-<year>-phu-luc.docx`` and
``<slug>-<year>-du-thao-quyet-dinh.docx`` beside the report, each written atomically.
"""

from __future__ import annotations

from pathlib import Path

ANNEXES_SUFFIX = "-phu-luc.docx"
DECISION_SUFFIX = "-du-thao-quyet-dinh.docx"


def document_names(params) -> tuple[str, str]:
    """The file names of the annexes and of the draft decision of ``params``."""
    stem = f"{params.province_slug}-{params.year}"
    return stem + ANNEXES_SUFFIX, stem + DECISION_SUFFIX


def write_documents(assessment, folder: Path) -> list[Path]:
    """The annexes and the draft decision of ``assessment`` into ``folder``; their paths."""
    from egovnb.report.docx_annex import write_annexes
    from egovnb.report.docx_decision import write_decision

    annexes, decision = document_names(assessment.params)
    return [write_annexes(assessment, Path(folder) / annexes), write_decision(assessment, Path(folder) / decision)]


def cli_decision(args) -> int:
    """``egovnb decision PARAMS --out FILE.docx``: the draft decision with its annexes."""
    from egovnb.core.assessment import assess
    from egovnb.core.safety import check_output
    from egovnb.report.docx_decision import write_decision

    out = check_output(args.out, args.params, (".docx",))  # never one of the run's own inputs
    assessment = assess(args.params)
    out = write_decision(assessment, out)
    print(f"{out}: draft decision of {assessment.params.province} {assessment.params.year}, "
          f"{len(assessment.scores)} units in its annexes; fill in what is left as '…'")
    return 0


def document_files(params) -> dict[str, bytes]:
    """The annexes and the draft decision of ``params`` as ``{name ending: bytes}``, for a
    report run to stage beside its page (``egovnb run --docx``): ``-phu-luc.docx`` and
    ``-du-thao-quyet-dinh.docx`` after the report's ``<slug>-<year>``."""
    import tempfile

    from egovnb.core.assessment import assess

    assessment = assess(params)
    with tempfile.TemporaryDirectory() as folder:
        return {Path(name).name[len(f"{params.province_slug}-{params.year}"):]: path.read_bytes()
                for name, path in zip(document_names(params), write_documents(assessment, Path(folder)))}


def old_documents(folder: Path, params) -> list[Path]:
    """The Word documents an earlier ``--docx`` run left in the report folder: a run without
    ``--docx`` removes them, as they may come from other inputs."""
    return [path for path in (Path(folder) / name for name in document_names(params)) if path.exists()]
