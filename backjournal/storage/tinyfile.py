"""TinyDB on one journal file: orjson, read once per transaction, written by atomic replace."""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
from tinydb import TinyDB
from tinydb.storages import Storage

from backjournal.storage.atomic import CLOEXEC, NOFOLLOW, NONBLOCK, write_atomic
from backjournal.storage.errors import JournalUnusable

HINT_CORRUPT = (
    "The file was not changed. `backjournal check` lists every problem; "
    "daily copies to restore from are in the backups folder next to it"
)


def read_bytes(path: Path) -> bytes | None:
    """The file's bytes, or None when it does not exist."""
    return read_with_stat(path)[0]


def read_with_stat(path: Path) -> tuple[bytes | None, os.stat_result | None]:
    """The file's bytes and the fstat of that very file, (None, None) when it does not exist.

    Only a regular file is read: a FIFO would block for ever and a device (a link to /dev/zero) never
    ends, so either is refused without reading (O_NONBLOCK keeps the open of a FIFO from blocking).
    A symbolic link is not followed: the journal reads only its own files, never one elsewhere."""
    try:
        fd = os.open(path, os.O_RDONLY | NONBLOCK | CLOEXEC | NOFOLLOW)
    except FileNotFoundError:
        return None, None
    except OSError as error:
        if is_symlink(path):
            raise JournalUnusable(path, SYMLINK_PROBLEM, SYMLINK_HINT) from error
        raise JournalUnusable(
            path,
            f"cannot be read ({error.strerror or error})",
            "Check its permissions and the disk",
        ) from error
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            what = (
                "a folder"
                if stat.S_ISDIR(st.st_mode)
                else _KINDS.get(stat.S_IFMT(st.st_mode), "not a regular file")
            )
            raise JournalUnusable(
                path,
                f"cannot be read: it is {what}, not a journal file",
                "Move it out of the data folder",
            )
        return _read_all(fd, st.st_size), st
    except OSError as error:
        raise JournalUnusable(
            path,
            f"cannot be read ({error.strerror or error})",
            "Check its permissions and the disk",
        ) from error
    finally:
        os.close(fd)


SYMLINK_PROBLEM = "is a symbolic link, where the journal keeps its own file; it is not followed"
SYMLINK_HINT = (
    "Nothing was read or written through it. Put the file itself in its place "
    "(or move the link out of the data folder); `backjournal check` lists the problems"
)


def is_symlink(path: Path | str) -> bool:
    try:
        return stat.S_ISLNK(os.lstat(path).st_mode)
    except OSError:
        return False


def _read_all(fd: int, size: int) -> bytes:
    # os.read of the stat size plus one, not a buffered file object: one read call, no object to build
    # (one more read proves the end; a file still growing is read to its end all the same).
    chunks = [os.read(fd, size + 1)]
    while chunks[-1]:
        chunks.append(os.read(fd, max(size, 65536)))
    return chunks[0] if len(chunks) == 2 else b"".join(chunks)


_KINDS = {
    stat.S_IFIFO: "a named pipe (FIFO)",
    stat.S_IFCHR: "a device",
    stat.S_IFBLK: "a device",
    stat.S_IFSOCK: "a socket",
}


def duplicate_key(raw: bytes, data: Any = None) -> str | None:
    """A key repeated inside one JSON object (two documents with one id): orjson keeps the last silently,
    and the next write would drop the other for good. Files this program writes are orjson's own
    output, so re-encoding them gives the same bytes and proves there is none (about 1 ms a year file);
    any other file gets the exact, slower scan."""
    if data is not None and orjson.dumps(data) == raw:
        return None
    found: list[str] = []

    def hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        if not found:
            seen: set[str] = set()
            for key, _ in pairs:
                if key in seen:
                    found.append(key)
                    break
                seen.add(key)
        return dict(pairs)

    try:
        json.loads(raw, object_pairs_hook=hook)
    except (ValueError, RecursionError):
        return None  # orjson read it; nothing more to learn here
    return found[0] if found else None


def parse_tables(path: Path, raw: bytes | None) -> dict[str, Any] | None:
    """Parse a TinyDB file's bytes into {table: {doc_id: doc}}; anything malformed is JournalUnusable."""
    if raw is None:
        return None
    if not raw.strip():
        raise JournalUnusable(path, f"is empty ({len(raw)} bytes): it was truncated", HINT_CORRUPT)
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        raise JournalUnusable(
            path, f"is not valid JSON, it is truncated or damaged ({error})", HINT_CORRUPT
        ) from None
    if not isinstance(data, dict):
        raise JournalUnusable(
            path,
            f"is not a journal file: it holds a JSON {type(data).__name__}, not an object",
            HINT_CORRUPT,
        )
    for name, table in data.items():
        if not isinstance(table, dict):
            raise JournalUnusable(
                path, f"table {name!r} is a {type(table).__name__}, not an object", HINT_CORRUPT
            )
    repeated = duplicate_key(raw, data)
    if repeated is not None:
        raise JournalUnusable(
            path,
            f"the key {repeated!r} appears twice in one object (a document id collision); only one could be read",
            HINT_CORRUPT,
        )
    return data


Segments = dict[str, dict[str, bytes]]  # table -> doc id -> b'"<id>":<document JSON>'


def _segments(tables: dict[str, Any], table: str) -> dict[str, bytes]:
    dumps = orjson.dumps
    return {key: dumps(key) + b":" + dumps(doc) for key, doc in tables[table].items()}


def compose(tables: dict[str, Any], segments: Segments) -> bytes:
    """orjson.dumps(tables), byte for byte, reusing the bytes of documents already serialised.

    orjson's compact output of an object is its members' outputs joined by commas, so a table
    whose documents are in `segments` costs a join instead of re-serialising a whole year.
    """
    dumps = orjson.dumps
    parts: list[bytes] = []
    for name, table in tables.items():
        members = list(segments[name].values()) if name in segments else None
        if members:
            # The table's braces go onto its first and last member (small copies), so the whole
            # file is built by one join: a year file is copied once, not four times.
            members[0] = dumps(name) + b":{" + members[0]
            members[-1] += b"}"
            parts += members
        else:
            parts.append(dumps(name) + b":" + dumps(table))
    if not parts:
        return b"{}"
    parts[0] = b"{" + parts[0]
    parts[-1] += b"}"
    return b",".join(parts)


class AtomicJSONStorage(Storage):
    """A TinyDB storage for one transaction, made under the write lock: parsed once, written by atomic replace."""

    def __init__(
        self,
        path: Path,
        raw: bytes | None = None,
        *,
        parsed: dict[str, Any] | None = None,
        segments: Segments | None = None,
    ) -> None:
        super().__init__()
        self.path = path
        self.written: bytes | None = None  # the bytes the last write put on disk
        self._data = parsed if parsed is not None else parse_tables(path, raw)
        # Serialised documents of the parsed tables, kept only while they match them exactly. None: this
        # process has not written the file yet (a one-off write serialises it whole, which is cheaper).
        self.segments: Segments | None = None if segments is None else dict(segments)

    def read(self) -> dict[str, dict[str, Any]] | None:
        return self._data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        payload = orjson.dumps(data)
        write_atomic(self.path, payload)  # raises StoreWriteError, leaving the old file in place
        self._data = data
        self.written = payload
        self.segments = {}  # TinyDB may change documents in place: the kept bytes may no longer match

    def replace_document(self, table: str, doc_id: int, doc: dict[str, Any]) -> None:
        """Replace one existing document wholesale and write the file: TinyDB's `update` of a document
        that has every key of the old one, without re-serialising the others (the hot path of a tick)."""
        assert self._data is not None
        key = str(doc_id)
        if key not in self._data[table]:
            raise KeyError(f"no document {key} in table {table!r}")
        data = {
            name: dict(docs) for name, docs in self._data.items()
        }  # the old parse stays intact on failure
        data[table][key] = doc
        if self.segments is None:
            segments: Segments = {}  # the next write of this file in this process keeps segments
            payload = orjson.dumps(data)
        else:
            segments = {name: dict(parts) for name, parts in self.segments.items()}
            if table not in segments:
                segments[table] = _segments(self._data, table)
            segments[table][key] = orjson.dumps(key) + b":" + orjson.dumps(doc)
            payload = compose(data, segments)
        write_atomic(self.path, payload)  # raises StoreWriteError, leaving the old file in place
        self._data, self.segments, self.written = data, segments, payload


def open_db(storage: AtomicJSONStorage) -> TinyDB:
    """A fresh TinyDB over a transaction's storage, so no document-id cache outlives the transaction."""
    factory: Callable[[], Storage] = lambda: storage  # noqa: E731 - TinyDB wants a storage class/factory
    return TinyDB(storage=factory)
