"""A small on-disk cache for start-up work (parsed templates, discovered plugins).

Entries are pickles named by a key that covers everything they depend on; a stale entry is
never read because its key no longer matches. Writes are atomic (temp file + rename), and a
cache that cannot be read or written only costs time.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path

from . import __version__


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


def load(name: str, entry_key: str):
    """The cached value, or None."""
    try:
        with open(cache_dir() / f"{name}-{entry_key}.pickle", "rb") as handle:
            return pickle.load(handle)
    except Exception:
        return None


def store(name: str, entry_key: str, value) -> None:
    directory = cache_dir()
    target = directory / f"{name}-{entry_key}.pickle"
    temporary = directory / f".{name}-{entry_key}.{os.getpid()}.tmp"
    try:
        directory.mkdir(parents=True, exist_ok=True)
        with open(temporary, "wb") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, target)
    except OSError:
        try:
            temporary.unlink()
        except OSError:
            pass
