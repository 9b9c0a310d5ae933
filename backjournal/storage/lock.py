"""A cross-process write lock on the data directory's .lock file, with a timeout.

POSIX: fcntl.flock. Windows has no fcntl: msvcrt.locking on the file's first byte instead, so that
`import backjournal.storage` works there too."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import threading
import time
from pathlib import Path
from types import TracebackType

from backjournal.storage.atomic import CLOEXEC, FILE_MODE, NOFOLLOW
from backjournal.storage.errors import JournalUnusable, StoreWriteError
from backjournal.storage.tinyfile import SYMLINK_HINT, SYMLINK_PROBLEM, is_symlink

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]
try:
    import msvcrt
except ImportError:  # POSIX
    msvcrt = None  # type: ignore[assignment]


def _try_lock(fd: int) -> None:
    """Take the lock without waiting; OSError with EAGAIN/EACCES when another process holds it."""
    if fcntl is not None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    elif msvcrt is not None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
    else:
        raise OSError(errno.ENOSYS, "this system offers no file locking")


def _unlock(fd: int) -> None:
    if fcntl is not None:
        fcntl.flock(fd, fcntl.LOCK_UN)
    elif msvcrt is not None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)


class DirLock:
    """Exclusive lock on `path`; a fresh file descriptor per use, so threads exclude each other too."""

    def __init__(self, path: Path, timeout: float = 5.0) -> None:
        self.path = path
        self.timeout = timeout
        self._fd: int | None = None

    def acquire(self) -> None:
        fd = _open_lock_file(self.path)
        try:
            _flock(fd, self.path, time.monotonic() + self.timeout, self.timeout)
        except BaseException:
            os.close(fd)
            raise
        self._fd = fd
        _write_holder(fd)

    def release(self) -> None:
        if self._fd is not None:
            fd, self._fd = self._fd, None
            os.close(fd)  # closing the descriptor drops the flock

    def __enter__(self) -> DirLock:
        self.acquire()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()


class StoreLock:
    """The write lock of one Store: the .lock file stays open between writes, flocked per write."""

    def __init__(self, path: Path, timeout: float = 5.0) -> None:
        self.path = path
        self.timeout = timeout
        self._pid = -1
        self._fd: int | None = None
        self._threads = threading.Lock()

    def acquire(self) -> None:
        if self._pid != os.getpid():
            # After a fork the inherited descriptor shares the parent's open file, and so its flock:
            # the child must open its own. Closing the inherited copy leaves the parent's lock alone.
            self._drop()
            self._pid, self._threads = os.getpid(), threading.Lock()
        # One descriptor for all threads, and a flock is not exclusive within one open file: threads
        # exclude each other here first.
        deadline = time.monotonic() + self.timeout
        if not self._threads.acquire(timeout=max(self.timeout, 0.0)):
            raise _timed_out(self.path, self.timeout, f" (pid {os.getpid()}, another thread)")
        try:
            while True:
                if self._fd is None:
                    self._fd = _open_lock_file(self.path)
                _flock(self._fd, self.path, deadline, self.timeout)
                if _same_file(self._fd, self.path):
                    break
                # The .lock file was deleted or replaced while kept open: a lock on the old one
                # excludes nobody who opens the path now, so lock the file the path names.
                self._drop()
            _write_holder(self._fd)
        except BaseException:
            self._threads.release()
            raise

    def release(self) -> None:
        try:
            if self._fd is not None:
                _unlock(self._fd)
        except OSError:
            self._drop()  # closing the descriptor drops the flock too
        finally:
            self._threads.release()

    def _drop(self) -> None:
        fd, self._fd = self._fd, None
        if fd is not None:
            with contextlib.suppress(OSError):
                os.close(fd)

    def __del__(self) -> None:
        try:
            if self._pid == os.getpid():
                self._drop()
        except (
            Exception
        ):  # at interpreter exit os may be gone; the process's descriptors close anyway
            pass

    def __enter__(self) -> StoreLock:
        self.acquire()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()


def _open_lock_file(path: Path) -> int:
    """Open (or create) the lock file itself: never a link's target, never a FIFO or a device."""
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | CLOEXEC | NOFOLLOW, FILE_MODE)
    except OSError as error:
        if is_symlink(path):
            raise JournalUnusable(path, SYMLINK_PROBLEM, SYMLINK_HINT) from error
        raise StoreWriteError(path, error) from error
    st = os.fstat(fd)
    if not stat.S_ISREG(st.st_mode) or st.st_nlink > 1:
        os.close(fd)
        what = (
            "has other names (hard links)" if stat.S_ISREG(st.st_mode) else "is not a regular file"
        )
        raise JournalUnusable(
            path,
            f"{what}, where the journal keeps its own lock file",
            "Nothing was written. Move it out of the data folder",
        )
    return fd


def _flock(fd: int, path: Path, deadline: float, timeout: float) -> None:
    """Take an exclusive flock on fd by the deadline, or raise JournalUnusable naming the holder."""
    delay = 0.001
    while True:
        try:
            _try_lock(fd)
            return
        except OSError as error:
            if error.errno not in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                raise StoreWriteError(path, error) from error
        if time.monotonic() >= deadline:
            raise _timed_out(path, timeout, _read_holder(fd))
        time.sleep(min(delay, max(0.0, deadline - time.monotonic())))
        # Poll often: a writer that just released the lock takes it again within a millisecond, so
        # a waiter sleeping 50 ms between tries could starve behind a busy writer until it timed out
        # (measured: 7 handovers in 1,500 contended writes with a 50 ms cap, over 500 with 1 ms).
        delay = min(delay * 2, 0.001)


def _timed_out(path: Path, timeout: float, holder: str) -> JournalUnusable:
    return JournalUnusable(
        path,
        f"the journal is locked by another backjournal process{holder} for more than {timeout:g} s",
        "Nothing was written. Close other backjournal windows or let them finish, then try again",
    )


def _same_file(fd: int, path: Path) -> bool:
    try:
        st = os.stat(path)
    except OSError:
        return False
    held = os.fstat(fd)
    return (st.st_dev, st.st_ino) == (held.st_dev, held.st_ino)


def _write_holder(fd: int) -> None:
    # The holder's pid helps the "locked" message; it is advisory, so failures are ignored.
    with contextlib.suppress(OSError):
        data = f"{os.getpid():>12}\n".encode()  # fixed width: no truncate needed
        if hasattr(os, "pwrite"):
            os.pwrite(fd, data, 0)
        else:  # Windows
            os.lseek(fd, 0, os.SEEK_SET)
            os.write(fd, data)


def _read_holder(fd: int) -> str:
    try:
        if hasattr(os, "pread"):
            pid = os.pread(fd, 32, 0).decode().strip()
        else:  # Windows
            os.lseek(fd, 0, os.SEEK_SET)
            pid = os.read(fd, 32).decode().strip()
    except (OSError, UnicodeDecodeError):
        return ""
    return f" (pid {pid})" if pid.isdigit() else ""
