"""Files the user names: an export written where they ask (never into the journal), an import read."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from pathlib import Path

from backjournal.domain.errors import InputError
from backjournal.storage.atomic import FILE_MODE, fsync_dir, temp_name, write_all

# A ten-year export is a few megabytes; anything far larger is not one, and is not read into memory.
IMPORT_MAX_BYTES = 256 * 1024 * 1024
_REASONS = {
    errno.ENOENT: "the folder does not exist",
    errno.ENOTDIR: "a part of the path is not a folder",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.ENAMETOOLONG: "the name is too long",
    errno.ELOOP: "too many symbolic links (a loop?)",
    errno.EROFS: "the disk is read-only",
    errno.ENOSPC: "the disk is full",
    errno.EISDIR: "it is a folder",
}


def _reason(error: OSError) -> str:
    return _REASONS.get(error.errno or 0) or error.strerror or str(error)


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _usable(name: str, field: str) -> None:
    """Refuse a name no file can have (a NUL, text that is not a file-system name)."""
    try:
        encoded = os.fsencode(name)
    except UnicodeEncodeError:
        encoded = b"\0"
    if b"\0" in encoded:
        raise InputError(field, "is not a name a file can have")


def read_user_file(name: str, field: str = "file") -> str:
    """The UTF-8 text of a regular file the user named; anything else is refused without blocking."""
    _usable(name, field)
    path = Path(name).expanduser()
    try:
        # O_NONBLOCK: opening a FIFO with no writer must not hang; fstat then refuses it.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        reason = "it does not exist" if error.errno == errno.ENOENT else _reason(error)
        raise InputError(field, f"cannot read {path}: {reason}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise InputError(field, f"cannot read {path}: it is {_kind(info.st_mode)}, not a file")
        if info.st_size > IMPORT_MAX_BYTES:
            raise InputError(field, f"{path} is {info.st_size:,} bytes, too large to be an export")
        chunks = []
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
    except OSError as error:
        raise InputError(field, f"cannot read {path}: {_reason(error)}") from None
    finally:
        os.close(fd)
    raw = b"".join(chunks)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputError(
            field, f"{path} is not UTF-8 text (byte {error.start}); is it a JSON export?"
        ) from None


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def write_export(name: str, data: bytes, data_dir: Path, *, force: bool = False) -> Path:
    """Write an export to the user's path: mode 0600, atomically, never inside the data folder.

    An existing file is replaced only with `force`. Returns the path written; every refusal or
    failure is an InputError naming the path (nothing is left behind)."""
    if not name.strip():
        raise InputError(
            "out", "is empty; give a file name, or leave --out out to print the export"
        )
    _usable(name, "out")
    given = Path(name).expanduser()
    target = Path(os.path.abspath(given))
    try:
        real = target.resolve()  # symlinks followed: where the bytes would really land
        journal = data_dir.resolve()
    except (OSError, RuntimeError) as error:
        reason = _reason(error) if isinstance(error, OSError) else "a symbolic link loop"
        raise InputError("out", f"cannot write {given}: {reason}") from None
    if _inside(target, Path(os.path.abspath(data_dir))) or _inside(real, journal):
        raise InputError(
            "out",
            f"{given} is inside the journal's data folder {data_dir}; write exports elsewhere",
        )
    try:
        info: os.stat_result | None = os.stat(real)
    except FileNotFoundError:
        info = None
    except OSError as error:  # a name too long, a part that is a file, no permission to look
        raise InputError("out", f"cannot write {given}: {_reason(error)}") from None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise InputError("out", f"{given} is a folder; give a file name")
    if info is not None and not stat.S_ISREG(info.st_mode):
        # Replacing a device or a pipe (/dev/null, as root) would break the system, not export.
        raise InputError(
            "out", f"{given} is {_kind(info.st_mode)}; exports only create or replace files"
        )
    if info is not None and not force:
        raise InputError("out", f"{given} already exists; add --force to replace it")
    _write_new(real, data, force, given)
    return given


def _write_new(real: Path, data: bytes, force: bool, given: Path) -> None:
    folder = real.parent
    temp = folder / temp_name(real.name)
    try:
        fd = os.open(
            temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), FILE_MODE
        )
    except OSError as error:
        if error.errno == errno.ENOENT:
            raise InputError(
                "out", f"cannot write {given}: the folder {folder} does not exist"
            ) from None
        raise InputError("out", f"cannot write {given}: {_reason(error)}") from None
    try:
        try:
            write_all(fd, data)
        finally:
            os.close(fd)
        _commit(temp, real, force, given)
    except OSError as error:
        raise InputError("out", f"cannot write {given}: {_reason(error)}") from None
    finally:
        with contextlib.suppress(OSError):  # already renamed into place, or gone
            os.unlink(temp)
    # The export is in place; a folder that cannot be synced is the user's own choice.
    with contextlib.suppress(OSError):
        fsync_dir(folder)


def _commit(temp: Path, real: Path, force: bool, given: Path) -> None:
    if force:
        os.replace(temp, real)
        return
    try:
        os.link(temp, real)  # fails if the name was taken meanwhile: no file is ever clobbered
    except FileExistsError:
        raise InputError("out", f"{given} already exists; add --force to replace it") from None
    except OSError:
        # Filesystems without hard links: a last look, then an atomic rename.
        if os.path.lexists(real):
            raise InputError("out", f"{given} already exists; add --force to replace it") from None
        os.replace(temp, real)
