"""The operating system's answers in an analyst's words: why a path cannot be read or written,
which permissions a new file gets, and where a path really points.

Nothing here opens a file for reading: a path is looked at with ``stat`` first, so a FIFO
or a device given as input is reported instead of blocking the run.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from pathlib import Path

# errno → what happened, said once for every place that reads or writes files.
_REASONS = {
    errno.ENOENT: "not found",
    errno.EACCES: "permission denied",
    errno.EPERM: "operation not permitted",
    errno.EROFS: "the file system is read-only",
    errno.ENOSPC: "no space left on the disk",
    errno.EDQUOT: "disk quota exceeded",
    errno.EISDIR: "is a folder, not a file",
    errno.ENOTDIR: "a part of the path is a file, not a folder",
    errno.ENAMETOOLONG: "the file name is too long",
    errno.ELOOP: "too many levels of symbolic links (a symlink loop?)",
    errno.EEXIST: "already exists and is not a folder",
    errno.EFBIG: "the file is too large",
    errno.EIO: "input/output error (a failing disk or a lost network share?)",
    errno.ENXIO: "no such device",
    errno.ETXTBSY: "the file is busy",
}


def os_reason(error: OSError) -> str:
    """The reason of an OSError in a few words (``permission denied``, ``no space left on the
    disk`` …), without the path."""
    if error.errno in _REASONS:
        return _REASONS[error.errno]
    return (error.strerror or str(error) or type(error).__name__).rstrip(".")


def os_message(error: OSError, path: object = None) -> str:
    """One line naming the path and the reason: ``out/x.csv: permission denied``."""
    where = path if path is not None else (error.filename or "")
    return f"{where}: {os_reason(error)}" if where != "" else os_reason(error)


def resolved(path: Path) -> Path:
    """``path`` made absolute with symbolic links followed; a symlink loop (which
    ``Path.resolve`` turns into a RuntimeError on Python 3.11) or a name the system refuses
    gives the absolute path as written, so the later file check can name the reason."""
    try:
        return Path(path).resolve()
    except (OSError, RuntimeError):
        return Path(os.path.abspath(path))


def kind_of(mode: int) -> str:
    """What a non-regular file is, in words."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def file_problem(path: Path, max_bytes: int | None = None) -> str | None:
    """Why ``path`` cannot be read as an input file (``not found``, ``is a FIFO (named pipe),
    not a file``, a symlink loop, …), or None when it is a regular file (of at most
    ``max_bytes`` bytes when given). Never opens the file, so it never blocks."""
    try:
        info = os.stat(path)
    except OSError as error:
        return os_reason(error)
    except ValueError:  # a NUL byte in the name
        return "not a valid file name"
    if not stat.S_ISREG(info.st_mode):
        return f"is {kind_of(info.st_mode)}, not a file"
    if max_bytes is not None and info.st_size > max_bytes:
        return f"is {info.st_size / 2**20:,.0f} MiB; at most {max_bytes / 2**20:,.0f} MiB is read"
    return None


def missing_input(path: Path, role: str = "file") -> str | None:
    """The message for an input ``path`` that is not a readable regular file
    (``data file not found: …``, ``data file …: is a FIFO (named pipe), not a file``), or None."""
    reason = file_problem(path)
    if reason is None:
        return None
    return f"{role} not found: {path}" if reason == "not found" else f"{role} {path}: {reason}"


def output_problem(out: Path) -> str | None:
    """Why a file cannot be written at ``out`` (it is a folder, a FIFO or device, it lies
    under a file, its name is too long), found before any work is done; None when it
    looks writable. What only writing can tell (a read-only or full disk) is reported by
    the writer."""
    out = Path(out).absolute()
    try:
        info = os.stat(out)
    except (FileNotFoundError, NotADirectoryError):
        info = None
    except OSError as error:
        return os_reason(error)
    except ValueError:
        return "not a valid file name"
    if info is not None and not stat.S_ISREG(info.st_mode):
        return f"is {kind_of(info.st_mode)}, not a file"
    ancestor = _existing_ancestor(out)
    if ancestor is not None and not ancestor.is_dir():
        return f"cannot be created: {ancestor} is a file, not a folder"
    ancestor = ancestor or Path(out.anchor)
    try:
        limit = os.pathconf(ancestor, "PC_NAME_MAX")
    except (OSError, ValueError):
        limit = 255
    for part in out.relative_to(ancestor).parts:
        if len(part.encode("utf-8", "surrogateescape")) > limit:
            return f"the file name is too long (at most {limit} bytes)"
    return None


def _existing_ancestor(path: Path) -> Path | None:
    """The nearest folder above ``path`` that exists (or the file standing where one should)."""
    for ancestor in path.parents:
        try:
            os.stat(ancestor)
            return ancestor
        except (FileNotFoundError, NotADirectoryError):
            continue
        except OSError:
            return None
    return None


def user_mode(base: int = 0o666) -> int:
    """The permissions a new file gets from the user's umask (``0o644`` with umask 022)."""
    return base & ~_umask()


def _umask() -> int:
    # /proc tells the umask without changing it (changing it, even for an instant, is not
    # thread-safe); elsewhere set and restore it.
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    current = os.umask(0o022)
    os.umask(current)
    return current


# --- what a file is, whatever its name says -----------------------------------------------------

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
_KINDS = {
    "xlsx": "an Excel workbook (.xlsx)",
    "csv": "a text (CSV) file",
    "xls": "an Excel 97–2003 workbook (.xls)",
    "encrypted": "a password-protected (encrypted) workbook",
    "ods": "an OpenDocument spreadsheet (.ods)",
    "zip": "a zip archive that is not a workbook",
}
_SAVE_AS = {
    "xls": "open it in Excel or LibreOffice and save it as .xlsx (Excel Workbook)",
    "encrypted": "open it in Excel, remove the password (File › Info › Protect Workbook › Encrypt with "
                 "Password: leave it empty) and save it again",
    "ods": "open it in LibreOffice and save it as .xlsx (Excel 2007-365)",
    "zip": "give the workbook itself (.xlsx) or a CSV",
}


def file_kind(path: Path) -> str:
    """What a data file is by its first bytes, whatever its name: ``xlsx``, ``ods``, ``zip``
    (another zip archive), ``xls`` (an old binary workbook), ``encrypted`` (a
    password-protected workbook: an OLE2 file holding an EncryptedPackage), or ``csv``
    (anything else: the CSV reader says where it is not UTF-8 text)."""
    import zipfile

    with open(path, "rb") as handle:
        head = handle.read(1 << 16)
    if head.startswith(b"PK"):
        try:
            with zipfile.ZipFile(path) as archive:
                names = set(archive.namelist())
                if "mimetype" in names and b"opendocument.spreadsheet" in archive.read("mimetype")[:200]:
                    return "ods"
        except (zipfile.BadZipFile, OSError, KeyError, EOFError):
            return "xlsx"  # a damaged zip: the workbook reader says what is wrong with it
        return "xlsx" if any(n.startswith("xl/") for n in names) else "zip"
    if head.startswith(_OLE2):
        return "encrypted" if _holds(path, _ENCRYPTED) else "xls"
    return "csv"


def _holds(path: Path, needle: bytes, limit: int = 256 * 2**20) -> bool:
    """Whether ``needle`` is in the file's first ``limit`` bytes (read in blocks)."""
    tail = b""
    read = 0
    with open(path, "rb") as handle:
        while read < limit:
            block = handle.read(1 << 20)
            if not block:
                return False
            if needle in tail + block:
                return True
            tail, read = block[-len(needle):], read + len(block)
    return False


def kind_problem(path: Path) -> tuple[str, str | None]:
    """The kind of a data file (:func:`file_kind`) and, when it cannot be read as named,
    why, in one line: ``is an Excel 97–2003 workbook (.xls) named .xlsx: open it …``."""
    kind = file_kind(path)
    suffix = Path(path).suffix.lower()
    named = "xlsx" if suffix in (".xlsx", ".xlsm") else "csv" if suffix in (".csv", ".txt", ".tsv", "") else None
    if kind == named:
        return kind, None
    what = _KINDS[kind]
    if kind in _SAVE_AS:
        return kind, f"is {what}, not a file egovnb reads: {_SAVE_AS[kind]}"
    if named == "xlsx" and kind == "csv":
        return kind, "not a readable .xlsx workbook: it is text (a CSV renamed?); if it is a CSV, rename it to .csv"
    if named is None:
        return kind, f"is {what} named '{suffix}': name it .{kind}"
    return kind, f"is {what} named '{suffix}': rename it to .{kind}"


def sha256_of(path: Path) -> str:
    """SHA-256 of a file's bytes, in hex, read in blocks of 1 MiB (an OSError is the caller's)."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
