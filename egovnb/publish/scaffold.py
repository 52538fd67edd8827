"""``egovnb new PROVINCE YEAR --method M [--from PREVIOUS]``: the files of a new province-year, to fill in.

Three files under the current folder, laid out as the repository's own:

- ``params/<slug>-<year>.yaml``: province, year, title, data, ``sheets:`` (a sheet a tier),
  framework, and with ``--from`` ``previous:`` and last year's language;
- ``params/frameworks/<slug>-<year>.yaml``: the method's template with comments saying what to
  change (:mod:`egovnb.publish.scaffold_templates`), or with ``--from`` last year's framework
  as it was written;
- ``data/<slug>/<year>/<slug>-<year>.xlsx``: one sheet a tier in the annex layout, every cell to
  fill marked (:mod:`egovnb.publish.scaffold_book`); with ``--from`` last year's units by name.

``egovnb validate`` then names every cell still to fill (file, sheet, row, column). Nothing is
written over an existing file: every target is checked first, and each file is created
exclusively; a failure removes what this run created.
"""

from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from egovnb.core.errors import EgovnbError
from egovnb.core.columns import TO_FILL
from egovnb.core.text import clean_name, slugify
from egovnb.publish.scaffold_book import sheet_name, tier_sheet, workbook_bytes
from egovnb.publish.scaffold_templates import METHODS, framework_text, tiers_for

# The first line of every YAML file `egovnb new` writes: editors that speak the YAML language
# server (VS Code's YAML extension and others) check and complete the file against this JSON
# Schema. The schema files are `egovnb schema params|framework` written under SCHEMA_FOLDER of
# the folder `egovnb new` runs in (relative paths, so the line holds on any machine).
SCHEMA_FOLDER = "schemas"
SCHEMA_FILES = {"params": f"{SCHEMA_FOLDER}/params.schema.json", "framework": f"{SCHEMA_FOLDER}/framework.schema.json"}
SCHEMA_HEADER = "# yaml-language-server: $schema={schema}"

_PREFIXES = ("tỉnh ",)  # "Tỉnh Quảng Nam" is written `province: Quảng Nam`, as the report prints it


@dataclass(frozen=True)
class NewFiles:
    """What ``egovnb new`` wrote: the params, framework and data workbook paths."""

    params: Path
    framework: Path
    data: Path


def province_name(text: str) -> str:
    """The province as ``province:`` holds it: NFC, spaces folded, without a leading "Tỉnh"
    (the report prints "Thừa Thiên Huế", the decision "UBND tỉnh Thừa Thiên Huế")."""
    name = clean_name(unicodedata.normalize("NFC", text or ""))
    for prefix in _PREFIXES:
        if name.casefold().startswith(prefix):
            name = name[len(prefix):].strip()
    if not name:
        raise EgovnbError("PROVINCE: give the province's name, e.g. 'Quảng Nam'")
    return name


def new_province_year(province: str, year: int, method: str | None, previous: Path | None = None,
                      root: Path = Path(".")) -> NewFiles:
    """Write the params, framework and data workbook of ``province`` ``year`` under ``root``;
    raise EgovnbError (naming the file) when any of them exists, before anything is written."""
    province = province_name(province)
    if not 1990 <= year <= 2100:
        raise EgovnbError(f"YEAR: '{year}' is not a year")
    if previous is None and method not in METHODS:
        raise EgovnbError(f"--method: choose one of {', '.join(METHODS)} (or start from last year with --from)")
    if previous is not None and method is not None:
        raise EgovnbError("--method and --from: the method comes from last year's framework; give one of them")
    slug, root = slugify(province), Path(root)
    files = NewFiles(params=root / "params" / f"{slug}-{year}.yaml",
                     framework=root / "params" / "frameworks" / f"{slug}-{year}.yaml",
                     data=root / "data" / slug / str(year) / f"{slug}-{year}.xlsx")
    for path in (files.params, files.framework, files.data):
        if path.exists() or path.is_symlink():
            raise EgovnbError(f"{path}: already exists; egovnb new never writes over a file (move it away, or "
                              "edit it)")
    contents = (_from_previous(province, year, Path(previous), files, root) if previous is not None
                else _from_method(province, year, method, files, root))
    _write_all({**dict(zip((files.params, files.framework, files.data), contents)), **_schemas(root)})
    return files


def _schemas(root: Path) -> dict[Path, bytes]:
    """The JSON Schemas the files' first lines point at (``egovnb schema params|framework``),
    for those not yet in ``root``'s SCHEMA_FOLDER; one already there is left as it is."""
    from egovnb.core.keys_schema import schema_text

    targets = {kind: Path(root) / name for kind, name in SCHEMA_FILES.items()}
    return {path: schema_text(kind).encode("utf-8") for kind, path in targets.items()
            if not (path.exists() or path.is_symlink())}


def _from_method(province: str, year: int, method: str, files: NewFiles, root: Path) -> tuple[bytes, bytes, bytes]:
    import yaml

    from egovnb.core.framework_yaml import parse_framework

    framework_yaml = framework_text(method, province, year, _schema_line("framework", files.framework, root))
    framework = parse_framework(yaml.safe_load(framework_yaml), str(files.framework))
    sheets = {key: sheet for key, _, sheet in tiers_for(year)}
    book = _book(framework, province, year, sheets, units=None)
    params = _params_text(province, year, files, root, sheets, comment=f"method: {method}")
    return params.encode(), framework_yaml.encode(), book


def _from_previous(province: str, year: int, previous: Path, files: NewFiles, root: Path
                   ) -> tuple[bytes, bytes, bytes]:
    import yaml

    from egovnb.core.assessment import assess

    last = assess(previous)  # InputError naming last year's problems
    if last.params.year >= year:
        raise EgovnbError(f"--from {previous}: its year is {last.params.year}, not one before {year}")
    framework = last.framework
    inline = _inline_framework(previous)
    source = Path(framework.source) if framework.source and inline is None else None
    if source is not None and source.is_file():
        text = source.read_text(encoding="utf-8-sig")
        lines = [line for line in text.splitlines() if not line.startswith("# yaml-language-server:")]
        framework_yaml = "\n".join([_schema_line("framework", files.framework, root),
                                    f"# Framework of {province} {year}, from {source.name} (last year's).", *lines]) + "\n"
    else:  # an inline framework in last year's params
        raw = yaml.safe_dump(_plain(inline), allow_unicode=True, sort_keys=False)
        framework_yaml = f"{_schema_line('framework', files.framework, root)}\n{raw}"
    taken: set[str] = set()
    sheets = {key: sheet_name(tier.label, taken) for key, tier in framework.tiers.items()}
    units: dict[str, list] = {key: [] for key in framework.tiers}
    frame = last.unit_data.units.sort_values("_row", kind="stable")
    for row in frame.to_dict("records"):
        maximum = row.get("max_points")
        within = framework.tiers[row["tier"]].rank_within
        value = row.get(within) if within else None
        units[row["tier"]].append((row["unit"], maximum if maximum == maximum else None,
                                   value if isinstance(value, str) and value else None))
    book = _book(framework, province, year, sheets, units)
    previous_rel = _relative(previous.resolve(), files.params.resolve().parent)
    params = _params_text(province, year, files, root, sheets, comment=f"from {previous}",
                          previous=previous_rel, language=last.params.language)
    return params.encode(), framework_yaml.encode(), book


def _inline_framework(params_path: Path) -> dict | None:
    """The framework written inside last year's params, or None when they name a file."""
    from egovnb.core.yamlio import load_yaml

    spec = load_yaml(params_path).get("framework")
    return spec if isinstance(spec, dict) else None


def _plain(value):
    """A mapping read with line numbers, as plain dicts and lists for the YAML writer."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _book(framework, province: str, year: int, sheets: dict[str, str], units) -> bytes:
    plans = [tier_sheet(framework, key, sheet, f"KẾT QUẢ ĐÁNH GIÁ NĂM {year} — {framework.tiers[key].label.upper()} "
                        f"— {province.upper()}", units.get(key) if units else None)
             for key, sheet in sheets.items()]
    instructions = (f"Điền mọi ô ghi {TO_FILL} (egovnb validate liệt kê các ô còn thiếu). Thêm dòng cho đủ đơn vị; "
                    "xóa dòng thừa. N/A: không áp dụng. Đơn vị không đánh giá: ghi 'không' ở cột Được đánh giá "
                    "và để trống số điểm.")
    return workbook_bytes(plans, instructions)


def _params_text(province: str, year: int, files: NewFiles, root: Path, sheets: dict[str, str], *, comment: str,
                 previous: str | None = None, language: str = "vi") -> str:
    here = files.params.parent
    quoted = lambda text: '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'  # noqa: E731
    lines = [_schema_line("params", files.params, root),
             f"# {province} {year}, written by `egovnb new` ({comment}). Fill the data workbook, then:",
             f"#   egovnb validate {files.params.relative_to(root).as_posix()}   (names every cell still to fill)",
             f"#   egovnb run {files.params.relative_to(root).as_posix()}",
             f"province: {quoted(province)}",
             f"year: {year}",
             f"title: {quoted(f'Kết quả đánh giá, xếp hạng mức độ Chính quyền điện tử năm {year}')}   # CHANGE if "
             "your decision words it otherwise",
             "# decision: Quyết định …/QĐ-UBND ngày …   # the decision that publishes the results, once signed",
             f"data: {_relative(files.data, here)}",
             "sheets:                 # sheet of the data workbook → tier of the framework",
             *(f"  {quoted(sheet)}: {key}" for key, sheet in sheets.items()),
             f"framework: {_relative(files.framework, here)}"]
    if previous is not None:
        lines.append(f"previous: {previous}    # last year's params: the year-on-year section")
    lines.append(f"language: {language}")
    return "\n".join(lines) + "\n"


def _schema_line(kind: str, target: Path, root: Path) -> str:
    return SCHEMA_HEADER.format(schema=_relative(root / SCHEMA_FILES[kind], target.parent))


def _relative(path: Path, start: Path) -> str:
    return Path(os.path.relpath(Path(path).absolute(), Path(start).absolute())).as_posix()


def _write_all(contents: dict[Path, bytes]) -> None:
    """Create every file exclusively (never over one that appeared meanwhile); on any failure
    remove the files and folders this call made."""
    made: list[Path] = []
    folders: list[Path] = []
    try:
        for path, content in contents.items():
            missing = [p for p in reversed(path.parents) if not p.exists()]
            path.parent.mkdir(parents=True, exist_ok=True)
            folders += missing
            with open(path, "xb") as handle:
                made.append(path)
                handle.write(content)
    except FileExistsError as error:
        _undo(made, folders)
        raise EgovnbError(f"{error.filename}: already exists; egovnb new never writes over a file") from None
    except BaseException:
        _undo(made, folders)
        raise


def _undo(made: list[Path], folders: list[Path]) -> None:
    for path in made:
        path.unlink(missing_ok=True)
    for folder in reversed(folders):
        try:
            folder.rmdir()
        except OSError:
            pass
