"""The operating system's answers in an analyst's words: why a path cannot be read or written,
which permissions a new file gets, and where a path really points.

Nothing here opens a file for reading: a path is looked at with ``stat`` first, so a FIFO
or a device given as input is reported instead of blocking the run.
"""

from __future__ import annotations

import errno
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
