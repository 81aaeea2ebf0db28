"""A small on-disk cache for start-up work (parsed formats, discovered plugins).

Entries are pickles named by a key that covers everything they depend on; a stale entry is
never read because its key no longer matches. Writes are atomic (temp file + rename), and a
cache that cannot be read or written only costs time.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path

from govlint.base.version import __version__


def cache_dir() -> Path:
    base = os.environ.get("GOVLINT_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "govlint"
    )
    return Path(base)


def key(*parts: object) -> str:
    digest = hashlib.sha256(__version__.encode())
    for part in parts:
        digest.update(repr(part).encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()[:32]


def read_pickle(path: Path):
    """The value stored at `path`, or None when there is none (or it cannot be read)."""
    try:
        with open(path, "rb") as handle:
            return pickle.load(handle)
    except Exception:
        return None


def write_pickle(path: Path, value) -> None:
    """Store through a temporary file and a rename: a reader never sees half an entry."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(temporary, "wb") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
    except OSError:
        try:
            temporary.unlink()
        except OSError:
            pass


def load(name: str, entry_key: str):
    """The cached value, or None."""
    return read_pickle(cache_dir() / f"{name}-{entry_key}.pickle")


def store(name: str, entry_key: str, value) -> None:
    write_pickle(cache_dir() / f"{name}-{entry_key}.pickle", value)
