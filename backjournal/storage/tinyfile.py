"""TinyDB on one journal file: orjson, read once per transaction, written by atomic replace."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

import orjson
from tinydb import TinyDB
from tinydb.storages import Storage

from backjournal.storage.atomic import write_atomic
from backjournal.storage.errors import JournalUnusable

HINT_CORRUPT = (
    "The file was not changed. `backjournal check` lists every problem; "
    "daily copies to restore from are in the backups folder next to it"
)


def read_bytes(path: Path) -> bytes | None:
    """The file's bytes, or None when it does not exist."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise JournalUnusable(path, f"cannot be read ({error.strerror or error})", "Check its permissions and the disk") from error


def parse_tables(path: Path, raw: bytes | None) -> dict[str, Any] | None:
    """Parse a TinyDB file's bytes into {table: {doc_id: doc}}; anything malformed is JournalUnusable."""
    if raw is None:
        return None
    if not raw.strip():
        raise JournalUnusable(path, f"is empty ({len(raw)} bytes): it was truncated", HINT_CORRUPT)
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        raise JournalUnusable(path, f"is not valid JSON, it is truncated or damaged ({error})", HINT_CORRUPT) from None
    if not isinstance(data, dict):
        raise JournalUnusable(path, f"is not a journal file: it holds a JSON {type(data).__name__}, not an object", HINT_CORRUPT)
    for name, table in data.items():
        if not isinstance(table, dict):
            raise JournalUnusable(path, f"table {name!r} is a {type(table).__name__}, not an object", HINT_CORRUPT)
    return data


class AtomicJSONStorage(Storage):
    """A TinyDB storage for one transaction, made under the write lock: parsed once, written by atomic replace."""

    def __init__(self, path: Path, raw: bytes | None = None, *, parsed: dict[str, Any] | None = None) -> None:
        super().__init__()
        self.path = path
        self.written: bytes | None = None  # the bytes the last write put on disk
        self._data = parsed if parsed is not None else parse_tables(path, raw)

    def read(self) -> dict[str, dict[str, Any]] | None:
        return self._data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        payload = orjson.dumps(data)
        write_atomic(self.path, payload)  # raises StoreWriteError, leaving the old file in place
        self._data = data
        self.written = payload


def open_db(storage: AtomicJSONStorage) -> TinyDB:
    """A fresh TinyDB over a transaction's storage, so no document-id cache outlives the transaction."""
    factory: Callable[[], Storage] = lambda: storage  # noqa: E731 - TinyDB wants a storage class/factory
    return TinyDB(storage=factory)
