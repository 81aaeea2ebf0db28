"""A small on-disk cache for start-up work (the grammar's parse tables, parsed formats and YAML
packs, discovered plugins).

Entries are data, never code: JSON with a version, the entry's key and a hash of its payload,
checked on every read; anything unexpected is a miss. The folder is the user's own (0700, owned by
the user running govlint) — a folder another user could write to is not used at all. Writes are
atomic (temp file + rename), and a cache that cannot be read or written only costs time.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from pathlib import Path

from govlint.base.version import __version__

FORMAT = 1  # the entry layout; a change makes every older entry a miss
_TAGS = ("\x00tuple", "\x00items", "\x00set")


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


# ---- plain data <-> JSON -------------------------------------------------------------------------
# JSON has no tuples, no sets and only string keys; these are tagged so a value comes back as it went in.
def encode(value):
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    if isinstance(value, list):
        return [encode(item) for item in value]
    if isinstance(value, tuple):
        return {"\x00tuple": [encode(item) for item in value]}
    if isinstance(value, (set, frozenset)):
        return {"\x00set": [encode(item) for item in sorted(value, key=repr)]}
    if isinstance(value, dict):
        if all(isinstance(k, str) and k not in _TAGS for k in value):
            return {k: encode(v) for k, v in value.items()}
        return {"\x00items": [[encode(k), encode(v)] for k, v in value.items()]}
    raise TypeError(f"not plain data: {type(value).__name__}")


def _untag(value: dict):
    """A JSON object as it went in: a tagged tuple, set or dict with other keys, or the dict itself
    (its values already decoded)."""
    if len(value) == 1:
        (tag, items), = value.items()
        if tag == "\x00tuple":
            return tuple(items)
        if tag == "\x00set":
            return frozenset(items)
        if tag == "\x00items":
            return {k: v for k, v in items}
    return value


def loads(payload: str):
    """The value `encode` was given, from its JSON: objects are untagged as the parser makes them
    (walking the ~50 KB of grammar tables again in Python was most of loading them)."""
    return json.loads(payload, object_hook=_untag)


def _payload_hash(payload: str) -> str:
    return hashlib.sha256(payload.encode("utf-8", "surrogatepass")).hexdigest()


def read_entry(path: Path, entry_key: str):
    """The value stored at `path` under `entry_key`, or None when there is none, it is damaged, or it
    was written by another version or for another key."""
    try:
        with open(path, encoding="utf-8") as handle:
            envelope = json.load(handle)
        if not isinstance(envelope, dict) or envelope.get("format") != FORMAT or envelope.get("govlint") != __version__:
            return None
        payload = envelope.get("payload")
        if envelope.get("key") != entry_key or not isinstance(payload, str) or envelope.get("sha256") != _payload_hash(payload):
            return None
        return loads(payload)
    except (OSError, ValueError, TypeError, AttributeError, RecursionError):
        return None


def write_entry(path: Path, entry_key: str, value) -> bool:
    """Store through a temporary file and a rename: a reader never sees half an entry. False when
    the value is not plain data or the folder cannot be written."""
    try:
        payload = json.dumps(encode(value), ensure_ascii=False, separators=(",", ":"))
    except (TypeError, ValueError, RecursionError):
        return False
    envelope = {"format": FORMAT, "govlint": __version__, "key": entry_key, "sha256": _payload_hash(payload), "payload": payload}
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(temporary, "w", encoding="utf-8", errors="surrogatepass") as handle:
            json.dump(envelope, handle, ensure_ascii=False)
        os.replace(temporary, path)
        return True
    except OSError:
        try:
            temporary.unlink()
        except OSError:
            pass
        return False


def private_dir() -> Path | None:
    """The user's cache folder, created 0700; None when it is not safely the user's own (owned by
    someone else, or writable by others): then nothing is cached."""
    folder = cache_dir()
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = folder.lstat()
    except OSError:
        return None
    if not stat.S_ISDIR(info.st_mode):
        return None
    if hasattr(os, "getuid") and (info.st_uid != os.getuid() or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)):
        return None
    return folder


def load(name: str, entry_key: str):
    """The cached value, or None."""
    folder = private_dir()
    return read_entry(folder / f"{name}-{entry_key}.json", entry_key) if folder else None


def store(name: str, entry_key: str, value) -> None:
    folder = private_dir()
    if folder:
        write_entry(folder / f"{name}-{entry_key}.json", entry_key, value)
