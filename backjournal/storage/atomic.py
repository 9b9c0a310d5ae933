"""Crash-safe file writes: temp file in the same directory, fsync, os.replace, fsync the directory."""

from __future__ import annotations

import os
import re
import shutil
import stat
from pathlib import Path

from backjournal.storage.errors import JournalUnusable, StoreWriteError

FILE_MODE = 0o600
DIR_MODE = 0o700
# POSIX open flags, 0 where the OS has none (Windows), so that importing the storage works everywhere.
NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)  # a symlink where the journal expects its own file: ELOOP
CLOEXEC = getattr(os, "O_CLOEXEC", 0)
NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", None)  # None: no directory fsync on this OS (Windows)
# ".journal-2026.json.tmp-<pid>-<hex>": hidden, and never mistaken for a journal file.
_TEMP = re.compile(r"\..+\.tmp-\d+-[0-9a-f]+")


def temp_name(target: str) -> str:
    return f".{target}.tmp-{os.getpid()}-{os.urandom(4).hex()}"  # what secrets.token_hex(4) does, minus its import


def is_temp_name(name: str) -> bool:
    return _TEMP.fullmatch(name) is not None


def fsync_dir(directory: Path | str) -> None:
    """Make renames in a directory durable, where the OS can sync a directory."""
    if _DIRECTORY is None:
        return  # Windows cannot open a directory to fsync it; NTFS journals the rename itself
    fd = os.open(directory, os.O_RDONLY | _DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def own_dir(directory: Path) -> bool:
    """True when the data folder's child `directory` is a real folder, False when it is missing.

    A symlink or anything else in its place is refused: the journal never follows a link out of
    its data folder, nor writes or deletes through one."""
    try:
        st = os.lstat(directory)
    except FileNotFoundError:
        return False
    except OSError as error:
        raise JournalUnusable(
            directory, f"cannot be read ({error.strerror or error})", "Check the folder"
        ) from error
    if stat.S_ISDIR(st.st_mode):
        return True
    what = "a symbolic link" if stat.S_ISLNK(st.st_mode) else "not a folder"
    raise JournalUnusable(
        directory,
        f"is {what}, where the journal keeps its own folder",
        "Nothing was written. Move it out of the data folder; `backjournal check` lists the problems",
    )


def ensure_own_dir(directory: Path) -> None:
    """Create the data folder's child `directory` (0700) unless it is already a real folder."""
    if own_dir(directory):
        return
    try:
        os.mkdir(directory, DIR_MODE)
        os.chmod(directory, DIR_MODE)
    except FileExistsError:
        own_dir(directory)  # made meanwhile by another writer: still refused unless a real folder
    except OSError as error:
        raise StoreWriteError(directory, error) from error


def ensure_dir(directory: Path) -> None:
    """Create a private directory (0700) if it is missing; parents get the usual mode."""
    try:
        if directory.is_dir():
            return
    except OSError as error:
        raise JournalUnusable(
            directory, f"cannot be read ({error.strerror or error})", "Check the folder"
        ) from error
    try:
        directory.parent.mkdir(parents=True, exist_ok=True)
        os.mkdir(directory, DIR_MODE)
        os.chmod(directory, DIR_MODE)  # the umask may have narrowed it differently
    except FileExistsError:
        if not directory.is_dir():
            raise StoreWriteError(directory, "it exists and is not a directory") from None
    except OSError as error:
        raise StoreWriteError(directory, error) from error


def write_all(fd: int, data: bytes) -> None:
    """Write every byte (os.write may write less), set mode 0600 whatever the umask, and fsync."""
    if hasattr(os, "fchmod"):  # not on Windows before Python 3.13, where modes mean little
        os.fchmod(fd, FILE_MODE)
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]
    os.fsync(fd)


def write_temp(target: Path, data: bytes) -> Path:
    """Write data to a durable temp file next to target (mode 0600) and return its path."""
    return Path(_write_temp(os.fspath(target), data))


def _write_temp(target: str, data: bytes) -> str:
    # str paths, not pathlib: building Paths cost more than the rest of a write's Python work
    folder, name = os.path.split(target)
    temp = os.path.join(folder, temp_name(name))
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | NOFOLLOW | CLOEXEC, FILE_MODE)
    except OSError as error:
        raise StoreWriteError(Path(target), error) from error
    try:
        try:
            write_all(fd, data)
        finally:
            os.close(fd)
    except OSError as error:
        discard(Path(temp))
        raise StoreWriteError(Path(target), error) from error
    return temp


def commit_temp(temp: Path | str, target: Path | str, *, sync_dir: bool = True) -> None:
    """Move a written temp file over target atomically."""
    try:
        os.replace(temp, target)
    except OSError as error:
        discard(Path(temp))
        raise StoreWriteError(Path(target), error) from error
    if sync_dir:
        try:
            fsync_dir(os.path.dirname(os.fspath(target)) or ".")
        except OSError as error:
            raise StoreWriteError(
                Path(target), error, "the new file is in place but may not survive a crash"
            ) from error


def write_atomic(target: Path | str, data: bytes) -> None:
    """Replace target with data so that a crash leaves either the old or the new file."""
    target = os.fspath(target)
    commit_temp(_write_temp(target, data), target)


def discard(path: Path) -> None:
    """Remove a temp file or directory, ignoring errors: it is garbage either way."""
    try:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink()
    except OSError:
        pass


def stale_temps(directory: Path) -> list[Path]:
    """Temp files left behind by writers that died before renaming them."""
    try:
        with os.scandir(directory) as entries:
            return sorted(Path(e.path) for e in entries if is_temp_name(e.name))
    except OSError:
        return []


def clean_stale_temps(directory: Path) -> list[Path]:
    """Remove stale temp files; call only under the write lock, when no writer can be mid-write."""
    stale = stale_temps(directory)
    for path in stale:
        discard(path)
    return stale
