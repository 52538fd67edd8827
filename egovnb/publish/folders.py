"""Which folder of ``reports/`` holds a province: two different provinces never share one.

A province's folder is named after its slug (``Thừa Thiên Huế`` → ``thua-thien-hue``). Slugs
drop diacritics, so different names can give one slug (``Sơn Hà`` and ``Sơn Hạ`` → ``son-ha``).
The rule, the same whatever order reports are run in:

- the plain slug belongs to the province named in its ``.province`` record (the NFC name,
  written by the first report placed there, never changed afterwards);
- a folder without a record (made before the record existed) belongs to the province its
  reports name (their notebook's title ends with the province), else to whoever claims it
  first;
- any other province whose slug is the same gets ``<slug>-<8 hex digits of the SHA-256 of
  its NFC name>`` (:func:`egovnb.core.text.name_hash`), which no other name gets;
- within one batch, provinces that would claim one free slug are ordered by Vietnamese
  alphabetical order of their names, and the first one gets it (:func:`claim_order`).

So a province keeps its folder for good once it has one, and a plain Vietnamese name keeps
its plain slug unless another province held it first.
"""

from __future__ import annotations

import os
from pathlib import Path

from egovnb.core.text import clean_name, name_hash, slugify

PROVINCE_FILE = ".province"


def recorded_province(folder: Path) -> str | None:
    """The province (NFC name) recorded in a province folder, or None."""
    try:
        text = (Path(folder) / PROVINCE_FILE).read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return clean_name(text) if text else None


def province_slug(province: str, reports_root: Path, plain: str | None = None) -> str:
    """The folder name of ``province`` under ``reports_root`` (see the module's rule), whose
    plain slug is ``plain`` (by default the name's slug). Only reads: :func:`claim` records it."""
    name = clean_name(province)
    plain = slugify(name) if plain is None else plain
    owner = recorded_province(Path(reports_root) / plain)
    if owner is None or owner == name:
        return plain
    return hashed_slug(name)


def hashed_slug(name: str) -> str:
    """``<slug>-<8 hex digits>``: the folder of a province whose plain slug another holds."""
    plain = slugify(name)
    suffix = name_hash(name)
    return plain if plain.endswith(suffix) else f"{plain}-{suffix}"


def claim(province: str, reports_root: Path) -> str:
    """Record ``province`` as the owner of its plain slug's folder when nobody holds it yet
    (atomically: of two runs claiming it at once, one wins), and in its own folder when that
    is another; return its folder name."""
    name = clean_name(province)
    plain = Path(reports_root) / slugify(name)
    if recorded_province(plain) is None:
        found = _province_of_reports(plain)
        _record_owner(plain, found if found is not None else name)  # an older folder keeps its province
    slug = province_slug(name, reports_root)
    if slug != plain.name:
        _record_owner(Path(reports_root) / slug, name)
    return slug


def _record_owner(folder: Path, name: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    try:
        descriptor = os.open(folder / PROVINCE_FILE, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except FileExistsError:
        return  # another run recorded it just now: the record says whose it is
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(name + "\n")


def _province_of_reports(folder: Path) -> str | None:
    """The province a folder made before ``.province`` records held: the end of the title
    (``<title> — <province>``) of a report notebook in one of its year folders."""
    import json

    for notebook in sorted(Path(folder).glob("*/*.ipynb")):
        try:
            title = json.loads(notebook.read_text(encoding="utf-8"))["metadata"]["title"]
        except (OSError, ValueError, KeyError, TypeError):
            continue
        if isinstance(title, str) and " — " in title:
            return clean_name(title.rsplit(" — ", 1)[1])
    return None


def claim_order(provinces: list[str]) -> list[str]:
    """The provinces (NFC names, each once) in the order they claim a free slug: Vietnamese
    alphabetical order, so the first of two colliding names gets the plain slug in any run."""
    from egovnb.core.collation import sort_key

    return sorted({clean_name(p) for p in provinces}, key=lambda name: (sort_key(name), name))
