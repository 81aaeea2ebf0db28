"""The repository cache (.govlint_cache/): the findings of unchanged files, keyed by content."""

from __future__ import annotations

import hashlib
from pathlib import Path

from govlint.base.datacache import read_pickle, write_pickle
from govlint.base.version import __version__

CACHE_DIR = ".govlint_cache"


def code_stamp() -> str:
    """What the installed govlint is: its version, its code and its data files (edited in development)."""
    from govlint.base.resources import data_dir

    package = Path(__file__).parent.parent  # govlint/
    parts = [__version__]
    for folder, pattern in ((package, "**/*.py"), (data_dir("rules"), "**/*.yaml"), (data_dir("grammar"), "*.lark")):
        for path in sorted(folder.glob(pattern)):
            info = path.stat()
            parts.append(f"{path.name}:{info.st_size}:{info.st_mtime_ns}")
    return hashlib.sha256("|".join(parts).encode()).hexdigest()


class Cache:
    """Diagnostics of unchanged files, keyed by content, path, govlint, configuration and plugins."""

    def __init__(self, root: Path, settings_key: str):
        self.root = root / CACHE_DIR
        self.settings_key = settings_key

    def key(self, path: str, data: bytes, config_key: tuple) -> str:
        digest = hashlib.sha256(data)
        digest.update(f"\0{path}\0{self.settings_key}\0{config_key!r}".encode("utf-8", "surrogatepass"))
        return digest.hexdigest()

    def _path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.pickle"

    def load(self, key: str):
        return read_pickle(self._path(key))

    def store(self, key: str, value) -> None:
        tag = self.root / "CACHEDIR.TAG"
        if not tag.exists():
            try:
                self.root.mkdir(parents=True, exist_ok=True)
                tag.write_text("Signature: 8a477f597d28d172789f06886806bc55\n# govlint cache; `govlint clean` removes it.\n")
            except OSError:
                pass
        write_pickle(self._path(key), value)
